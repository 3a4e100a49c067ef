"""Every word the site writes for its readers comes from one table per language (``policysite.texts``).

Templates, the stylesheet and the modules that write pages hold markup, names and placeholders only:
a word written anywhere else would be missed by a translator and by the tests of each language.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from conftest import ROOT
from policysite import feeds, stylesheet
from policysite.languages import LANGUAGES
from policysite.texts import TEXTS, counted, text

OVERRIDES = ROOT / "overrides"
PACKAGE = ROOT / "scripts" / "policysite"
TEMPLATES = sorted(
    [*OVERRIDES.rglob("*.html"), *OVERRIDES.rglob("*.xml"), *(PACKAGE / "templates").glob("*.j2")],
    key=str,
)
# The modules whose strings end up on a page (messages to editors and developers are not the readers').
PAGE_MODULES = (
    "blocks", "chrome", "dates", "derived", "feeds", "hooks", "markdown_ext", "preview", "redline",
    "render", "search", "sidebyside", "sitemap", "stylesheet", "switch", "templating", "typography",
)  # fmt: skip
# Strings of those modules that are not interface text, each with why.
NOT_INTERFACE = {
    stylesheet.MARKER,  # a CSS comment, replaced by the words before the file is published
    *feeds.TEXT_FORMAT.values(),  # policy.json describes its fields to programmers, in English like its keys
}

_ATTRIBUTE_LIST = re.compile(r"\{#[\w-]+\}")  # Markdown's {#id}, not a Jinja comment
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_TAG = re.compile(r"<[^>]*>?", re.DOTALL)
_FRONT_MATTER_KEY = re.compile(r"^[a-z_]+:", re.MULTILINE)
_ENTITY = re.compile(r"&(?:\w+|#\d+);")
_WORD = re.compile(r"[^\W\d_]{2,}")
_PHRASE = re.compile(r"[^\W\d_]{2,} [^\W\d_]{2,}")


def _words_outside_markup(source: str) -> list[str]:
    for pattern in (_ATTRIBUTE_LIST, _JINJA, _TAG, _FRONT_MATTER_KEY, _ENTITY):
        source = pattern.sub(" ", source)
    return _WORD.findall(source)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_templates_write_no_words_of_their_own(template: Path) -> None:
    assert _words_outside_markup(template.read_text(encoding="utf-8")) == []


def test_the_word_finder_finds_a_word_a_template_would_write() -> None:
    assert _words_outside_markup('{% if x %}<p title="{{ t }}">Page introuvable</p>{% endif %}') == [
        "Page",
        "introuvable",
    ]
    assert _words_outside_markup("## {{ heading }} {#policies}\n") == []


def _content_words(css: str) -> list[str]:
    found = []
    for value in re.findall(r"content:\s*([^;}]*)", css):
        value = re.sub(r"attr\([^)]*\)|!important|\bnone\b", "", value)
        found += _WORD.findall("".join(re.findall(r'"([^"]*)"', value)))
        found += _WORD.findall(re.sub(r'"[^"]*"', "", value))
    return found


@pytest.mark.parametrize("css", sorted(OVERRIDES.rglob("*.css"), key=str), ids=lambda path: path.name)
def test_stylesheets_write_no_words_of_their_own(css: Path) -> None:
    assert _content_words(css.read_text(encoding="utf-8")) == []
    assert _content_words('a::before { content: " [ajouté : "; }') == ["ajouté"]


def test_the_marks_read_out_each_languages_words_from_the_table() -> None:
    source = (OVERRIDES / stylesheet.PATH).read_text(encoding="utf-8")
    assert source.count(stylesheet.MARKER) == 1
    published = stylesheet.with_texts(source)
    assert stylesheet.MARKER not in published
    for code, language in LANGUAGES.items():
        for tag, key in (("ins", "mark_inserted"), ("del", "mark_deleted")):
            rule = re.search(
                rf'html\[lang="{language.locale}"\] [^{{]* {tag}::before \{{ content: "([^"]*)"; \}}', published
            )
            assert rule is not None, (code, tag)
            assert rule[1] == f" [{text(code, key)}{language.colon} "
    assert 'content: " [ajouté : "' in published and 'content: " [removed: "' in published


def test_a_stylesheet_without_its_marker_is_refused() -> None:
    with pytest.raises(ValueError, match="has lost the line"):
        stylesheet.with_texts("p { color: red; }")


def test_css_strings_are_escaped() -> None:
    assert stylesheet.css_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'


def _interface_strings(path: Path) -> list[tuple[int, str]]:
    """Return the string constants of a module that could reach a page: not docstrings, messages or keys."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))  # a docstring
        messages = isinstance(node, ast.Raise | ast.Assert) or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"error", "warning", "info", "debug"}
        )
        inside = [node] if messages else [node.slice] if isinstance(node, ast.Subscript) else []
        skipped.update(id(sub) for part in inside for sub in ast.walk(part))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped
    ]


def _looks_written_for_readers(value: str) -> bool:
    bare = _TAG.sub(" ", value)
    bare = re.sub(r"\{[^{}]*\}", " ", bare)  # placeholders
    # Two words in a row, or one word that is not ASCII ("Aperçu"); a lone letter (U+02BC) is punctuation.
    return bool(_PHRASE.search(bare)) or any(not word.isascii() for word in _WORD.findall(bare))


@pytest.mark.parametrize("module", PAGE_MODULES)
def test_modules_that_write_pages_hold_no_phrase_of_their_own(module: str) -> None:
    path = PACKAGE / f"{module}.py"
    strays = [
        f"{path.name}:{line}: {value!r}"
        for line, value in _interface_strings(path)
        if value not in NOT_INTERFACE and _looks_written_for_readers(value)
    ]
    assert strays == []


def test_the_phrase_finder_finds_words_written_for_readers() -> None:
    assert _looks_written_for_readers("depuis le {}")
    assert _looks_written_for_readers("Aperçu")
    assert not _looks_written_for_readers('<div class="policy-banner">{text}</div>')
    assert not _looks_written_for_readers("policy-header.html.j2")


def _date(field: str) -> str:
    """Return a placeholder without its date form: a language may say "before {date}", another "{date_to}"."""
    return re.sub(r"_(?:of|from|since|to|on)\Z", "", field)


def test_every_language_has_the_same_keys_and_placeholders() -> None:
    formatter = string.Formatter()
    keys = {code: set(table) for code, table in TEXTS.items()}
    assert keys["fr"] == keys["en"]
    for key in TEXTS["fr"]:
        fields = {code: {_date(f) for _, f, _, _ in formatter.parse(TEXTS[code][key]) if f} for code in TEXTS}
        assert fields["fr"] == fields["en"], key


def test_counts_follow_each_languages_plural_rule() -> None:
    assert counted("fr", "fold", 0) == "0 passage inchangé"
    assert counted("fr", "fold", 1) == "1 passage inchangé"
    assert counted("fr", "fold", 2) == "2 passages inchangés"
    assert counted("en", "fold", 0) == "0 unchanged passages"
    assert counted("en", "fold", 1) == "1 unchanged passage"
    assert counted("en", "fold", 2) == "2 unchanged passages"
