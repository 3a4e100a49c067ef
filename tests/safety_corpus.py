"""The attacker's corpus (issue 19): payloads, the places a source can hold them, and the site built from what passed.

Each payload is tried alone in each place of a copy of a project with an archived version (so that
history and comparison pages exist): the checker either refuses it, naming the file and line, or
accepts it. Every accepted payload then goes into one site, built with the real command: its pages
must hold no script but the theme's, no handler, no ``javascript:`` address, no refresh and nothing
from another host (``tests/test_safety_corpus.py``), and a browser must see no dialog, no navigation
away and no request off 127.0.0.1 (``tests/browser/test_payloads.py``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import copy_project, policy
from policysite import lock
from policysite.checks import check

ORG = "spi-sorel-tracy"
OLD = "2023-09-14"
CURRENT = "2024-08-12"
LANGS = ("fr", "en")
EVIL = "evil.example"

# The reproductions (numbered as there) and the classics.
PAYLOADS: dict[str, str] = {
    "1 code span": "`<script>alert('XSS')</script>`",
    "2 closing title": "`</title><script>alert(2)</script>`",
    "2 raw closing title": "</title><script>alert(2)</script>",
    "3 script slash": "<script/x>alert(document.domain)</script>",
    "3 span slash onclick": "<span/onclick=alert(3)>x</span>",
    "3 img slash onerror": "<img/src=x onerror=alert(3)>",
    "3 svg slash onload": "<svg/onload=alert(3)>",
    "3 details ontoggle": "<details/open/ontoggle=alert(3)>",
    "3 input onfocus": "<input/autofocus/onfocus=alert(3)>",
    "3 quoted >": '<span title="x>" onclick="alert(3)">t</span>',
    "3 iframe": f"<iframe/src=//{EVIL}/>",
    "3 object": f"<object/data=//{EVIL}/>",
    "3 video poster": f"<video/poster=//{EVIL}/x.png>",
    "3 base": f"<base/href=//{EVIL}/>",
    "3 form": f"<form/action=//{EVIL}/><button>x</button></form>",
    "3 srcdoc": "<iframe/srcdoc=&lt;script&gt;alert(3)&lt;/script&gt;>",
    "3 meta refresh": f'<meta/http-equiv=refresh content="0;url=//{EVIL}/">',
    "4 reference in list": "- item [click][r4]\n\n    [r4]: javascript:alert(4)",
    "4 reference in quote": "> [click][r5]\n>\n> [r5]: javascript:alert(4)",
    "5 backslash host": f"![x](/\\{EVIL}/x.png)",
    "5 scheme backslash": f"![x](https:/\\{EVIL}/x.png)",
    "5 srcset": f'![x](x.png){{: srcset="x.png 1x, //{EVIL}/x.png 2x" }}',
    "6 processing instruction": "<?note secrète?>",
    "6 cdata": "<![CDATA[note secrète]]>",
    "entity scheme": "[a](&#106;avascript:alert(7))",
    "tab entity scheme": "[a](java&Tab;script:alert(7))",
    "case scheme": "[a](JaVaScRiPt:alert(7))",
    "leading space scheme": "[a](< javascript:alert(7)>)",
    "vbscript": "[a](vbscript:msgbox(1))",
    "data link": "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "svg script": "<svg><script>alert(8)</script></svg>",
    "svg use": f"<svg><use href=//{EVIL}/x.svg#a /></svg>",
    "mathml href": "<math><mi xlink:href=javascript:alert(8)>x</mi></math>",
    "comment": "<!-- note interne -->",
    "style element": f"<style>*{{background:url(//{EVIL}/x)}}</style>",
    "style attribute": f'<span style="background:url(//{EVIL}/x)">x</span>',
    "attribute list handler": "Texte{: onclick=alert(9) }",
    "attribute list target": "[x](https://example.com){: target=_blank }",
    "theme id": '<span id="__config">{}</span>',
    "escaped text": "&lt;script&gt;alert(10)&lt;/script&gt;",
    "link to a page": "[Commission](https://www.cai.gouv.qc.ca/)",
    "autolink": "<https://www.cai.gouv.qc.ca/>",
    "comparison": "x < y et 3 > 2",
}


@dataclass(frozen=True)
class Place:
    """Where a source can hold a payload, and how to put it there (project root, payload, language)."""

    name: str
    put: Callable[[Path, str, str], None]
    needs_inline: bool = False  # a front-matter text value: the payload goes on one line


def _policy(root: Path, lang: str) -> Path:
    return root / "docs" / lang / ORG / "index.md"


def _archive(root: Path, lang: str) -> Path:
    return root / "docs" / lang / ORG / "versions" / f"{OLD}.md"


def _append(path: Path, payload: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + payload + "\n", encoding="utf-8")


def _heading(path: Path, payload: str) -> None:
    # The first section's title: kept in the archive and the current text (the comparison's unchanged list).
    text = path.read_text(encoding="utf-8")
    start = text.index("\n## ") + 4
    end = text.index(" {#", start)
    path.write_text(text[:start] + text[start:end] + " " + payload + text[end:], encoding="utf-8")


def _front_matter(key: str) -> Callable[[Path, str, str], None]:
    def put(root: Path, payload: str, lang: str) -> None:
        for path in (_policy(root, lang), _archive(root, lang)) if key != "summary" else (_policy(root, lang),):
            text = path.read_text(encoding="utf-8")
            lines = text.split("\n")
            value = '"' + payload.replace("\\", "\\\\").replace('"', '\\"') + '"'
            index = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
            if index is None:
                lines.insert(1, f"{key}: {value}")
            else:
                lines[index] = f"{key}: {value}"
            path.write_text("\n".join(lines), encoding="utf-8")

    return put


PLACES = (
    Place("body", lambda root, payload, lang: _append(_policy(root, lang), payload)),
    Place("heading", lambda root, payload, lang: [_heading(p(root, lang), payload) for p in (_policy, _archive)]),
    Place("archive", lambda root, payload, lang: _append(_archive(root, lang), payload)),
    Place("summary", _front_matter("summary"), needs_inline=True),
    Place("title", _front_matter("title"), needs_inline=True),
    Place("organization name", _front_matter("organization_name"), needs_inline=True),
)


def base_project(target: Path) -> Path:
    """Copy the real project and give one policy an archived version with a summary of changes."""
    copy_project(target)
    (target / "policies.yml").unlink(missing_ok=True)  # its exceptions are about the organization removed
    for lang in LANGS:  # one organization: the checker's translation-wide measures then see only what we change
        for folder in (target / "docs" / lang).iterdir():
            if folder.is_dir() and folder.name != ORG:
                shutil.rmtree(folder)
        current = _policy(target, lang)
        text = current.read_text(encoding="utf-8")
        archived = text.replace(f'version: "{CURRENT}"', f'version: "{OLD}"').replace(f"updated: {CURRENT}\n", "")
        _archive(target, lang).parent.mkdir(parents=True, exist_ok=True)
        _archive(target, lang).write_text(archived, encoding="utf-8")
        current.write_text(
            text.replace(f"updated: {CURRENT}\n", f"updated: {CURRENT}\nsummary: Mise à jour.\n"), encoding="utf-8"
        )
    relock(target)
    return target


def relock(root: Path) -> None:
    """Record the archives as they now are (an archive edited after locking is a different problem)."""
    archives = [_archive(root, lang) for lang in LANGS]
    hashes = {path.relative_to(root).as_posix(): lock.digest(path.read_bytes()) for path in archives}
    (root / lock.LOCK).write_text(lock.format_lock(hashes), encoding="utf-8")


def fresh_copy(base: Path, target: Path) -> Path:
    """Copy a base project's sources (not its scripts, shared by link) to ``target``."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(base / "docs", target / "docs")
    shutil.copy2(base / "versions.lock", target / "versions.lock")
    shutil.copy2(base / "mkdocs.yml", target / "mkdocs.yml")
    return target


@dataclass(frozen=True)
class Outcome:
    """What the checker made of one payload in one place."""

    payload: str
    place: str
    problems: list[str]  # "path:line: message [code]" of the files the payload went into

    @property
    def refused(self) -> bool:
        return bool(self.problems)


SAFETY_CODES = {
    "unsafe-html",
    "unsafe-event-handler",
    "unsafe-link",
    "external-resource",
    "text-control-character",
    "front-matter-yaml",
}


def try_payload(base: Path, work: Path, name: str, place: Place) -> Outcome:
    """Put one payload in one place of a copy of ``base`` (both languages) and run the checker on it."""
    root = fresh_copy(base, work)
    payload = PAYLOADS[name]
    if place.needs_inline:
        payload = " ".join(payload.split())
    for lang in LANGS:
        place.put(root, payload, lang)
    relock(root)
    report = check(root)
    return Outcome(name, place.name, [str(p) for p in report.problems if f"/{ORG}/" in p.path])


def build_accepted(base: Path, target: Path, accepted: list[tuple[str, Place]]) -> tuple[Path, str]:
    """Build one site from ``base`` holding every accepted payload in its place; return the site and output."""
    copy_project(target)
    shutil.rmtree(target / "docs")
    shutil.copytree(base / "docs", target / "docs")
    (target / "policies.yml").unlink(missing_ok=True)
    for place in PLACES:
        payloads = [PAYLOADS[name] for name, where in accepted if where is place]
        if place.needs_inline and payloads:  # one value: every accepted payload in it, side by side
            payloads = [" · ".join(" ".join(payload.split()) for payload in payloads)]
        for payload in payloads:
            for lang in LANGS:
                place.put(target, payload, lang)
    for lang in LANGS:  # a current text that differs from its archive, section title included (renamed line)
        path = _policy(target, lang)
        text = path.read_text(encoding="utf-8")
        start = text.index("\n## ", text.index("\n## ") + 4) + 4
        path.write_text(text[:start] + "`<script>alert('renamed')</script>` " + text[start:], encoding="utf-8")
    relock(target)
    result = policy("build", root=target)
    return target / "site", result.stdout + result.stderr


_BUILT: list[tuple[list[Outcome], Path, str]] = []


def built_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Outcome], Path, str]:
    """Try every payload in every place; build one site from the accepted ones (once per session)."""
    if _BUILT:
        return _BUILT[0]
    work = tmp_path_factory.mktemp("corpus")
    base = base_project(work / "base")
    outcomes = [try_payload(base, work / "try", name, place) for name in PAYLOADS for place in PLACES]
    accepted = [(o.payload, next(p for p in PLACES if p.name == o.place)) for o in outcomes if not o.refused]
    site, output = build_accepted(base, work / "accepted", accepted)
    _BUILT.append((outcomes, site, output))
    return _BUILT[0]
