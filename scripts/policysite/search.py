"""Search in the reader's language: one index per language, words found with or without accents.

The i18n plugin leaves one index for both languages at ``search/search_index.json``, and every page
asks for it relative to the site's root (Material's ``base``). After the build, the index is split:
French stays at the root, English moves to ``en/search/``, and English pages get ``base`` pointing at
``en/``. Each index names a search language of ours (``overrides/assets/javascripts/lunr/``) that
also indexes every word without its accents, so that "acces" finds "accès", and French splits words
after elisions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

from .languages import DEFAULT, LANGUAGES

INDEX = "search/search_index.json"
# French words split on spaces, hyphens and apostrophes, and an elided article or pronoun (l', d',
# qu', jusqu'…) is left out with its apostrophe: "d'hameçonnage" is searched as "hameçonnage" alone,
# instead of also as every word starting with "d". Material's worker compiles it with the "g" flag.
_ELIDED = "cdjlmnstCDJLMNST]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu"
SEPARATORS = {
    "fr": r"(?:[\s\-'’]|\b(?:[" + _ELIDED + r")['’])+",
    "en": r"[\s\-'’]+",
}
# The search language each index names; Material's worker loads lunr/min/lunr.<name>.min.js.
SEARCH_LANGUAGE = {"fr": "policy-fr", "en": "policy-en"}
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": )"([^"]*)"', re.DOTALL)


def language_of(location: str) -> str:
    """Return the language of a search entry from its location (``en/...`` is English)."""
    for code, language in LANGUAGES.items():
        if language.prefix and location.startswith(language.prefix):
            return code
    return DEFAULT.code


def without_twins(docs: list[dict]) -> list[dict]:
    """Leave out each entry under a language folder that repeats a default-language entry's title and text
    at an address ending with that entry's: what the i18n plugin's ``reconfigure_search`` does.

    The plugin compares every such entry with every other, quadratic in the pages indexed (0.06 s of CPU
    at 20 organizations, 0.9 s at 80, some 6 s at 200): it is off in mkdocs.yml, and done here by title
    and text. The plugin, removing from the list it is going through, can miss a twin that follows
    another; this removes every twin.
    """
    folders = tuple(f"{code}/" for code in LANGUAGES)  # the plugin's test: a built language's folder
    originals: dict[tuple[str, str], list[str]] = {}
    for doc in docs:
        if not doc["location"].startswith(folders):
            originals.setdefault((doc["title"], doc["text"]), []).append(doc["location"])
    return [
        doc
        for doc in docs
        if not doc["location"].startswith(folders)
        or not any(doc["location"].endswith(place) for place in originals.get((doc["title"], doc["text"]), ()))
    ]


def split_index(index: dict, titles: dict[str, str] | None = None) -> dict[str, dict]:
    """Return one index per language, with locations relative to that language's root.

    ``titles`` renames pages by address (``en/org/``): a result then names whose policy it is.
    """
    titles = titles or {}
    split = {}
    for code, language in LANGUAGES.items():
        docs = [
            {
                **doc,
                "location": doc["location"].removeprefix(language.prefix),
                "title": titles.get(doc["location"], doc["title"]),
            }
            for doc in index["docs"]
            if language_of(doc["location"]) == code
        ]
        config = {**index["config"], "lang": [SEARCH_LANGUAGE[code]], "separator": SEPARATORS[code]}
        split[code] = {**index, "config": config, "docs": docs}
    return split


def write_indexes(site_dir: Path, titles: dict[str, str] | None = None, docs: list[dict] | None = None) -> None:
    """Replace the site's bilingual search index by one index per language (pages renamed by ``titles``), twins
    left out.

    ``docs``: the entries to index instead of those the build wrote (a preview that rebuilt some pages only).
    """
    source = site_dir / INDEX
    index = json.loads(source.read_text(encoding="utf-8"))
    index["docs"] = without_twins(index["docs"] if docs is None else docs)
    for code, part in split_index(index, titles).items():
        target = site_dir / LANGUAGES[code].prefix / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def with_language_base(html: str, lang: str, page_url: str) -> str:
    """Point a page's search at its own language's index (Material reads it from ``base``)."""
    root = LANGUAGES[lang].prefix
    if not root:
        return html
    return with_base(html, get_relative_url(root, page_url))


def with_base(html: str, base: str) -> str:
    """Set the address Material's search (and every script of the page) takes as the site's root."""
    return _CONFIG_BASE.sub(lambda match: f'{match.group(1)}"{base}"', html, count=1)
