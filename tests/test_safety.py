"""Issue 19's reproductions, one test each, in-process: the checker refuses them with file:line, or the
post-build check refuses a page that holds them; the CSP allows the theme's scripts only.

The whole-site half (every accepted payload built into one site) is tests/test_safety_corpus.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from policysite import csp, htmlsafety, postbuild
from policysite.checks import check, safety
from policysite.model import Document, Kind
from policysite.project import load_project
from policysite.scaffold import ScaffoldError, validate_slug
from policysite.sources import parse_body

CLEAN = FIXTURES / "checker" / "clean"
FR, EN = "docs/fr/exemple/index.md", "docs/en/exemple/index.md"
HASHES = csp.expected_hashes(ROOT / "mkdocs.yml")


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(CLEAN / "docs", root / "docs")
    return root


def problems(root: Path) -> list[str]:
    return [str(problem) for problem in check(root).problems]


def append(root: Path, text: str, rels=(FR, EN)) -> int:
    """Append ``text`` to the policies; return the line it starts on (in the French file)."""
    first = 0
    for rel in rels:
        path = root / rel
        before = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
        path.write_text(before + text + "\n", encoding="utf-8")
        first = first or before.count("\n") + 1
    return first


# 1-6: markup in the body, refused at its line


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("<script/x>alert(document.domain)</script>", "unsafe-html"),
        ("<span/onclick=alert(1)>x</span>", "unsafe-event-handler"),
        ("<img/src=x onerror=alert(1)>", "unsafe-html"),
        ("<svg/onload=alert(1)>", "unsafe-html"),
        ("<details/open/ontoggle=alert(1)>", "unsafe-html"),
        ("<input/autofocus/onfocus=alert(1)>", "unsafe-html"),
        ('<span title="x>" onclick="alert(1)">t</span>', "unsafe-event-handler"),
        ("<iframe/src=//evil.example>", "unsafe-html"),
        ("<object/data=//evil.example>", "unsafe-html"),
        ("<video/poster=//evil.example/x.png>", "unsafe-html"),
        ("<base/href=//evil.example/>", "unsafe-html"),
        ("<form/action=//evil.example>", "unsafe-html"),
        ("<iframe/srcdoc=x>", "unsafe-html"),
        ('<meta/http-equiv=refresh content="0;url=//evil.example/">', "unsafe-html"),
        ("- item [click][r]\n\n    [r]: javascript:alert(1)", "unsafe-link"),
        ("> [click][r]\n>\n> [r]: javascript:alert(1)", "unsafe-link"),
        ("![x](/\\evil.example/x.png)", "external-resource"),
        ("![x](https:/\\evil.example/x.png)", "external-resource"),
        ('![x](x.png){: srcset="x.png 1x, //evil.example/x.png 2x" }', "external-resource"),
        ("<?note?>", "unsafe-html"),
        ("<![CDATA[note]]>", "unsafe-html"),
        ("[a](&#106;avascript:alert(1))", "unsafe-link"),
        ("<math><mi xlink:href=javascript:alert(1)>x</mi></math>", "unsafe-html"),
        ('<span id="__config">{}</span>', "unsafe-html"),
    ],
)
def test_markup_the_patterns_missed_is_refused_at_its_line(tmp_path: Path, payload: str, code: str) -> None:
    root = project(tmp_path)
    line = append(root, payload)
    found = problems(root)
    lines = range(line, line + payload.count("\n") + 1)
    assert any(p.startswith(f"{FR}:") and int(p.split(":")[1]) in lines and f"[{code}]" in p for p in found), found


def test_an_archive_is_checked_on_its_parse_too(tmp_path: Path) -> None:
    root = project(tmp_path)
    archive = root / "docs/fr/exemple/versions/2023-09-14.md"
    archive.parent.mkdir()
    archive.write_text((root / FR).read_text(encoding="utf-8") + "\n<img/src=x onerror=alert(1)>\n", encoding="utf-8")
    assert any(p.startswith("docs/fr/exemple/versions/2023-09-14.md:") and "[unsafe-html]" in p for p in problems(root))


def test_a_summary_is_checked_on_its_parse(tmp_path: Path) -> None:
    root = project(tmp_path)
    for rel in (FR, EN):
        path = root / rel
        path.write_text(
            path.read_text(encoding="utf-8").replace("lang:", 'summary: "<svg/onload=alert(1)>"\nlang:', 1),
            encoding="utf-8",
        )
    assert any(f"{FR}:" in p and "'summary'" in p for p in problems(root))


def test_code_spans_and_escaped_text_stay_accepted(tmp_path: Path) -> None:
    root = project(tmp_path)
    append(root, 'Écrivez `<script>` ou &lt;b&gt;, x < y, <https://www.cai.gouv.qc.ca/>, <span lang="en">x</span>.')
    assert problems(root) == []


# 7, 8: only what the checker read is published


@pytest.mark.parametrize("name", ["page.xml", "page.xht", "notes.txt", "logo.svg"])
def test_files_of_a_type_the_checker_does_not_know_are_refused(tmp_path: Path, name: str) -> None:
    root = project(tmp_path)
    (root / "docs/fr/exemple" / name).write_text('<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script>')
    assert any(p.startswith(f"docs/fr/exemple/{name}:1:") for p in problems(root)), problems(root)


def test_an_image_is_published_only_if_it_is_one(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "docs/fr/exemple/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    (root / "docs/fr/exemple/fake.png").write_text("<script>alert(1)</script>")
    found = problems(root)
    assert [p for p in found if "logo.png" in p] == []
    assert any(p.startswith("docs/fr/exemple/fake.png:1:") and "[file-type]" in p for p in found), found


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("docs/fr/passwd.txt", "/etc/passwd"),
        ("docs/env.txt", "/proc/self/environ"),
        ("docs/fr/exemple/annexe.md", "index.md"),
    ],
)
def test_a_symlinked_file_is_refused_and_not_followed(tmp_path: Path, link: str, target: str) -> None:
    root = project(tmp_path)
    os.symlink(target, root / link)
    assert any(p.startswith(f"{link}:1:") and "[file-link]" in p for p in problems(root)), problems(root)


def test_a_symlinked_folder_is_refused_and_not_read(tmp_path: Path) -> None:
    root = project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.md").write_text("<script>alert(1)</script>\n")
    os.symlink(outside, root / "docs/fr/autre")
    os.symlink(outside, root / "docs/fr/exemple/versions")
    found = problems(root)
    assert any(p.startswith("docs/fr/autre:1:") and "[file-link]" in p for p in found), found
    assert any(p.startswith("docs/fr/exemple/versions:1:") and "[file-link]" in p for p in found), found
    assert not any(p.startswith(("docs/fr/autre/", "docs/fr/exemple/versions/")) for p in found)  # not read


def test_mkdocs_is_stopped_when_it_would_publish_a_file_the_checker_did_not_read(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort
    from mkdocs.structure.files import File, Files

    from policysite import hooks

    root = project(tmp_path)
    docs = root / "docs"
    (tmp_path / "secret.txt").write_text("SECRET_TOKEN=x")
    os.symlink(tmp_path / "secret.txt", docs / "fr" / "secret.txt")

    class Config(dict):
        docs_dir = str(docs)

    files = Files([File("fr/secret.txt", str(docs), str(tmp_path / "site"), use_directory_urls=True)])
    with pytest.raises(Abort, match=r"fr/secret\.txt"):
        hooks._refuse_unchecked(files, Config())
    hooks._refuse_unchecked(Files([File("fr/index.md", str(docs), str(tmp_path / "site"), True)]), Config())


# 9: characters XML forbids


@pytest.mark.parametrize("escape", ["\\x01", "\\uFFFE", "\\x1b", "\\x85"])
@pytest.mark.parametrize("key", ["organization_name", "title", "summary"])
def test_control_characters_in_front_matter_are_refused_at_the_key(tmp_path: Path, key: str, escape: str) -> None:
    root = project(tmp_path)
    for rel in (FR, EN):
        path = root / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        lines = [line for line in lines if not line.startswith(f"{key}:")]
        lines.insert(1, f'{key}: "Exemple {escape} inc."')
        path.write_text("\n".join(lines), encoding="utf-8")
    assert any(p.startswith(f"{FR}:2:") and "[text-control-character]" in p for p in problems(root)), problems(root)


def test_a_control_character_in_the_body_is_refused_at_its_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    line = append(root, "Texte\x0bcollé.")
    assert any(p.startswith(f"{FR}:{line}:") and "U+000B" in p for p in problems(root))


# 10: names matched whole


@pytest.mark.parametrize("slug", ["evil\n", "abc\n", "٣org", "org-٣"])
def test_a_slug_is_matched_whole_with_ascii_digits(tmp_path: Path, slug: str) -> None:
    with pytest.raises(ScaffoldError, match="not a valid organization name"):
        validate_slug(tmp_path, slug)


def test_a_folder_whose_name_ends_in_a_newline_is_reported(tmp_path: Path) -> None:
    root = project(tmp_path)
    for lang in ("fr", "en"):
        shutil.copytree(root / f"docs/{lang}/exemple", root / f"docs/{lang}/evil\n")
    assert any("docs/fr/evil\n/index.md:1:" in p and "[file-organization-slug]" in p for p in problems(root))


@pytest.mark.parametrize("version", ['"2024-08-01\\n"', '"٢٠٢٤-08-01"'])
def test_a_version_id_is_matched_whole_with_ascii_digits(tmp_path: Path, version: str) -> None:
    root = project(tmp_path)
    for rel in (FR, EN):
        path = root / rel
        path.write_text(
            path.read_text(encoding="utf-8").replace('version: "2024-08-01"', f"version: {version}"), encoding="utf-8"
        )
    assert any(p.startswith(f"{FR}:") and "version" in p for p in problems(root)), problems(root)


# The post-build check: every page and every published file, parsed


@pytest.mark.parametrize(
    ("markup", "code"),
    [
        ("<script>alert(1)</script>", "site-unsafe-script"),
        ("<script/x>alert(1)</script>", "site-unsafe-script"),
        ("<span onclick=alert(1)>x</span>", "site-unsafe-event-handler"),
        ("<svg><a xlink:href=javascript:alert(1)>x</a></svg>", "site-unsafe-link"),
        ('<a href=" jav&#x09;ascript:alert(1)">x</a>', "site-unsafe-link"),
        ('<meta http-equiv="refresh" content="0;url=//evil.example/">', "site-unsafe-html"),
        ('<img src="x.png" srcset="x.png 1x, //evil.example/x.png 2x">', "site-external-resource"),
        ('<img src="/\\evil.example/x.png">', "site-external-resource"),
        ("<base href=//evil.example/>", "site-unsafe-html"),
        ("<!-- secret -->", "site-unsafe-html"),
        ("<form action=//evil.example/><input></form>", "site-unsafe-html"),
    ],
)
def test_the_post_build_check_refuses_a_page_holding(real_site: Path, tmp_path: Path, markup: str, code: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    page = site / "spi-sorel-tracy" / "index.html"
    text = page.read_text(encoding="utf-8")
    article = '<article class="md-content__inner md-typeset">'
    page.write_text(text.replace(article, article + markup, 1), encoding="utf-8")
    found = [str(p) for p in postbuild.unsafe_pages(site, HASHES)]
    assert any(p.startswith("site/spi-sorel-tracy/index.html:") and f"[{code}]" in p for p in found), found


def test_the_post_build_check_reads_every_published_file(real_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    assert list(postbuild.published_files(site)) == []
    feed = site / "spi-sorel-tracy" / "feed.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace("<title>", "<title>\x01", 1), encoding="utf-8")
    (site / "spi-sorel-tracy" / "page.xht").write_text("<script>alert(1)</script>")
    (site / "spi-sorel-tracy" / "policy.json").write_text("{")
    os.symlink("/etc/passwd", site / "passwd.txt")
    found = [str(p) for p in postbuild.published_files(site)]
    for expected in ("feed.xml:", "page.xht:1:", "policy.json:", "passwd.txt:1:"):
        assert any(expected in p for p in found), (expected, found)


def test_the_real_site_passes_every_post_build_check(real_site: Path) -> None:
    assert postbuild.check_site(real_site, load_project(ROOT)[0], ROOT / "mkdocs.yml") == []


# The CSP: the theme's scripts, known before any content


def test_the_allowed_scripts_are_the_themes_and_do_not_depend_on_content(real_site: Path) -> None:
    pages = sorted(real_site.rglob("*.html"))
    assert pages
    for page in pages:
        tree = htmlsafety.parse(page.read_text(encoding="utf-8"))
        assert {csp.script_hash(body) for body in csp.inline_scripts(tree)} <= HASHES, page
        assert tree.css_first("meta[http-equiv]").attributes["content"] == csp.policy(HASHES)
    # An injected script's hash is never among them.
    assert csp.script_hash("alert('XSS')") not in HASHES


def test_every_base_url_a_page_can_have_is_covered() -> None:
    assert csp.base_urls("https://example.ca/politiques/") == [
        ".",
        "..",
        "../..",
        "../../..",
        "../../../..",
        "../../../../..",
        "/politiques/",
    ]


# The property: any source the checker accepts renders with nothing live

_FRAGMENTS = st.sampled_from(
    [
        "<", ">", "/", "script", "img", "svg", "a", "span", "iframe", "meta", " ", "\n", "\n\n", "    ", "> ", "- ",
        "on", "onclick", "=", '"', "'", "javascript:", "JaVaScRiPt:", "&#106;", "&Tab;", "&#x3c;", "alert(1)",
        "[x]", "(", ")", "[r]: ", "![i]", "//evil.example/x", "/\\evil.example", "srcset", "{: ", "}", "`",
        "<!--", "-->", "<?", "?>", "<![CDATA[", "]]>", "http-equiv", "refresh", "style", "url(", "\\", "#", "x",
        "data:", "href", "src", "<span/", "<a href=",
    ]
)  # fmt: skip


def _document(body: str) -> Document:
    preamble, sections, _ = parse_body(body, 1, FR)
    return Document(
        path=FR, lang="fr", rel="exemple/index.md", kind=Kind.POLICY, sha256="", preamble=preamble,
        sections=sections, body=body,
    )  # fmt: skip


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS, max_size=40).map("".join))
def test_whatever_the_checker_accepts_renders_with_nothing_live(body: str) -> None:
    renderer = safety.site_markdown(ROOT / "mkdocs.yml")
    if list(safety.check_document(_document(body), renderer)):
        return
    rendered = renderer.reset().convert(body)
    tree = htmlsafety.parse(f"<article>{rendered}</article>")
    found = list(htmlsafety.page_findings(tree, HASHES))
    article = tree.css_first("article")
    if article is not None:
        found += list(htmlsafety.content_findings(article))
    assert found == [], (body, rendered)


def test_the_post_build_check_on_two_cores_finds_what_one_finds_in_the_same_order(
    real_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    article = '<article class="md-content__inner md-typeset">'
    pages = sorted(site.rglob("*.html"))
    for number, page in enumerate(pages[:6]):  # pages of both halves, each with two problems
        text = page.read_text(encoding="utf-8")
        planted = f'<script>alert({number})</script><a href="missing-{number}/">x</a>'
        page.write_text(text.replace(article, article + planted, 1), encoding="utf-8")
    hashes = frozenset(HASHES)
    one = postbuild._page_problems(site, pages, hashes)
    two = postbuild._page_problems_on_two_cores(site, hashes)
    assert two == one
    # Every planted script is found; the two 404 pages among them have their links left alone.
    assert len({problem.path for problem in one[0]}) == 6 and len(one[1]) == 4
