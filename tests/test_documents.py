"""Several documents per organization: a governance policy beside the privacy policy, checked and scaffolded.

The fixture (tests/fixtures/documents/) is unlike our two policies: a housing co-operative whose
privacy policy has one version, and whose governance policy, written in English first, has three.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, fixture_case, policy
from policysite import decoration, paths, scaffold, settings, transaction, versions
from policysite.checks import check
from policysite.dates import PolicyDate
from policysite.markdown_links import rewrite_targets
from policysite.model import Kind
from policysite.problems import format_text
from policysite.routing import PageKind, page_info
from policysite.sources import classify

PROJECT = FIXTURES / "documents"
ORG = "cooperative-boreale"
DOC = "gouvernance"
GOVERNANCE = ("2024-03-01", "2025-01-15", "2025-09-01")
LAYOUT_CASES = ("document-without-policy", "document-slug", "document-unpaired")


def test_paths_place_each_text_in_its_document() -> None:
    assert paths.place("org/index.md") == paths.Place("org", None, None)
    assert paths.place("org/versions/2024-01-01.md") == paths.Place("org", None, "2024-01-01")
    assert paths.place("org/terms/index.md") == paths.Place("org", "terms", None)
    assert paths.place("org/terms/versions/2024-01-01.md") == paths.Place("org", "terms", "2024-01-01")
    for stray in ("org/notes.md", "org/terms/notes.md", "org/a/b/index.md", "org/versions/versions/x.md", "index.md"):
        assert paths.place(stray) is None, stray
    assert classify("org/terms/index.md") is Kind.POLICY
    assert classify("org/terms/versions/2024-01-01.md") is Kind.ARCHIVE
    assert classify("org/terms/draft.md") is Kind.STRAY


def test_links_are_rebased_where_a_text_is_published_elsewhere() -> None:
    text = "[terms](terms/index.md#scope), [us](#contact), [them](https://x.ca), [en](../../en/org/index.md).\n"
    moved = rewrite_targets(text, lambda target: paths.rebased(target, "fr", "org/index.md", "org/versions/v.md"))
    assert moved == (
        "[terms](../terms/index.md#scope), [us](#contact), [them](https://x.ca), [en](../../../en/org/index.md).\n"
    )
    # On the side-by-side page the text is HTML: links are site addresses, from the page's language.
    assert paths.linked_url("terms/index.md#scope", "en", "org/index.md", "fr", "org/fr-en.md") == (
        "../../en/org/terms/#scope"
    )
    assert paths.text_rel("org/terms/versions/2024-01-01.md") == "org/terms/index.md"
    code = "```\n[kept](terms/index.md)\n```\n"
    assert rewrite_targets(code, lambda target: "changed") == code


def test_the_privacy_policy_keeps_its_folder() -> None:
    # Its addresses do not move: the privacy policy's folder is the organization's.
    assert paths.folder(ORG) == ORG
    assert paths.policy(paths.folder(ORG)) == f"{ORG}/index.md"
    assert paths.history(paths.folder(ORG, DOC)) == f"{ORG}/{DOC}/history.md"
    assert paths.version(paths.folder(ORG, DOC), "2025-01-15") == f"{ORG}/{DOC}/versions/2025-01-15.md"


def test_an_organization_publishes_two_documents() -> None:
    report = check(PROJECT)
    assert report.problems == [], format_text(report.problems, report.files_checked)
    assert report.files_checked == 10
    organization = report.project.organization(ORG)
    assert organization is not None
    assert [p.document for p in organization.policies] == [None, DOC]
    assert organization.privacy_policy.folder == ORG
    governance = report.project.policy(ORG, DOC)
    assert governance is not None and governance.folder == f"{ORG}/{DOC}"
    assert [v.id for v in governance.versions] == list(GOVERNANCE)
    assert governance.label("en") == "Coopérative d'habitation Boréale — Personal Information Governance Policy"
    assert organization.privacy_policy.label("fr") == "Coopérative d'habitation Boréale"


def test_pages_are_routed_to_their_document() -> None:
    project = check(PROJECT).project
    governance, privacy = project.policy(ORG, DOC), project.policy(ORG)
    cases = {
        f"{ORG}/index.md": (PageKind.POLICY, privacy),
        f"{ORG}/history.md": (PageKind.HISTORY, privacy),
        f"{ORG}/{DOC}/index.md": (PageKind.POLICY, governance),
        f"{ORG}/{DOC}/history.md": (PageKind.HISTORY, governance),
        f"{ORG}/{DOC}/fr-en.md": (PageKind.BOTH_LANGUAGES, governance),
        f"{ORG}/{DOC}/versions/2024-03-01.md": (PageKind.ARCHIVE, governance),
        f"{ORG}/{DOC}/versions/2025-09-01.md": (PageKind.PERMALINK, governance),
        f"{ORG}/{DOC}/versions/2025-09-01/changes.md": (PageKind.CHANGES, governance),
        f"{ORG}/{DOC}/versions/2024-03-01/since.md": (PageKind.SINCE, governance),
    }
    for rel, (kind, document) in cases.items():
        info = page_info(project, "en", rel)
        assert info is not None and (info.kind, info.policy) == (kind, document), rel
    assert page_info(project, "fr", f"{ORG}/versions/2025-09-01.md") is None  # a governance version only


@pytest.mark.parametrize("case", LAYOUT_CASES)
def test_layout_mistakes_are_reported_in_process(case: str) -> None:
    report = check(fixture_case(case))
    expected = (FIXTURES / "checker" / case / "expected.txt").read_text(encoding="utf-8")
    assert format_text(report.problems, report.files_checked, report.warnings) == expected


def test_a_document_folder_is_reported_once_not_per_file() -> None:
    report = check(fixture_case("document-unpaired"))
    codes = [(p.path, p.code) for p in report.problems]
    assert ("docs/fr/exemple/gouvernance/index.md", "file-document-unpaired") in codes
    assert ("docs/en/exemple/conditions/index.md", "file-document-unpaired") in codes
    assert not any(code == "file-unpaired" for _, code in codes)


# The checks a privacy policy gets, each planted in the governance policy: (language, file, old, new, code).
GOVERNANCE_FAULTS = {
    "archive edited": ("en", "versions/2025-01-15.md", "30 days", "45 days", "archive-changed"),
    "section in one language": ("en", "index.md", "{#access}", "{#access-requests}", "parity-missing-section"),
    "translation behind": ("en", "index.md", "every quarter", "every month", "translation-behind"),
    "number differs": ("fr", "index.md", "dans les 72 heures", "dans les 48 heures", "parity-invariant"),
    "dead anchor": ("fr", "index.md", "../index.md#retention", "../index.md#conservation", "link-dead-anchor"),
}


@pytest.mark.parametrize("fault", GOVERNANCE_FAULTS)
def test_a_document_gets_every_check(tmp_path: Path, fault: str) -> None:
    lang, name, old, new, code = GOVERNANCE_FAULTS[fault]
    root = _copy(tmp_path)
    path = root / "docs" / lang / ORG / DOC / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    found = check(root).problems
    assert code in {p.code for p in found}, found
    assert all(f"/{ORG}/{DOC}/" in p.path for p in found), found


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    return root


def test_an_exception_names_its_document(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    current = root / "docs" / "fr" / ORG / DOC / "index.md"
    note = " Le comité rend compte au conseil par écrit, et ses procès-verbaux sont gardés au bureau de la coopérative."
    current.write_text(
        current.read_text(encoding="utf-8").replace("chaque trimestre.", "chaque trimestre." + note * 4),
        encoding="utf-8",
    )
    found = check(root).problems
    codes = sorted({p.code for p in found})
    assert codes and set(codes) <= set(settings.EXEMPTABLE), found
    assert {p.path for p in found} <= {f"docs/{lang}/{ORG}/{DOC}/index.md" for lang in ("fr", "en")}
    entry = '  - organization: {org}\n{document}    section: roles\n    problem: {code}\n    reason: "A note."\n'
    for_document = "".join(entry.format(org=ORG, document=f"    document: {DOC}\n", code=code) for code in codes)
    (root / settings.FILE).write_text("exceptions:\n" + for_document, encoding="utf-8")
    assert check(root).problems == []
    # Without 'document', an exception is about the privacy policy, which has no section 'roles'.
    for_policy = "".join(entry.format(org=ORG, document="", code=code) for code in codes)
    (root / settings.FILE).write_text("exceptions:\n" + for_policy, encoding="utf-8")
    assert {p.code for p in check(root).problems} == {"settings-unused", *codes}


def test_new_document_scaffolds_both_languages(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    written = scaffold.scaffold_document(root, ORG, "conditions", PolicyDate.parse("2026-01-05").first_day, "fr")
    assert [path.relative_to(root).as_posix() for path in written] == [
        f"docs/fr/{ORG}/conditions/index.md",
        f"docs/en/{ORG}/conditions/index.md",
    ]
    english = written[1].read_text(encoding="utf-8")
    assert 'organization_name: "Coopérative d\'habitation Boréale"' in english
    assert "original_lang: fr\n" in english
    report = check(root)
    # Nothing is published before a person wrote the text: only the placeholders are reported.
    assert report.problems and {p.code for p in report.problems} == {"placeholder"}
    assert {p.path for p in report.problems} == {f"docs/{lang}/{ORG}/conditions/index.md" for lang in ("fr", "en")}


@pytest.mark.parametrize(
    ("org", "slug", "says"),
    [
        ("clinique-inconnue", "conditions", "does not exist: a document belongs to an organization"),
        (ORG, "Conditions", "is not a valid document name"),
        (ORG, "history", "is the name of pages every document already has"),
        (ORG, DOC, "already exists"),
        (ORG, "x" * 64, "at most 63"),
    ],
)
def test_new_document_refuses_and_writes_nothing(tmp_path: Path, org: str, slug: str, says: str) -> None:
    root = _copy(tmp_path)
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    with pytest.raises(scaffold.ScaffoldError, match=says):
        scaffold.scaffold_document(root, org, slug, PolicyDate.parse("2026-01-05").first_day, "fr")
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before


def test_new_version_of_a_document(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    when = PolicyDate.parse("2027-02-01")
    changes = versions.plan_new_version(root, ORG, when, PolicyDate.parse("2026-12-02").first_day, document=DOC)
    transaction.commit(root, changes, "new-version")
    for lang in ("fr", "en"):
        assert (root / "docs" / lang / ORG / DOC / "versions" / "2025-09-01.md").is_file()
        assert 'version: "2027-02-01"' in (root / "docs" / lang / ORG / DOC / "index.md").read_text(encoding="utf-8")
    assert not (root / "docs" / "fr" / ORG / "versions").exists()  # the privacy policy is untouched
    assert f"docs/en/{ORG}/{DOC}/versions/2025-09-01.md" in (root / "versions.lock").read_text(encoding="utf-8")
    with pytest.raises(versions.RefusedError, match="has no document 'conditions'"):
        versions.plan_new_version(root, ORG, when, document="conditions")
    # The archive keeps the text's link to the privacy policy as written: it links from the document's page.
    archive = root / "docs" / "en" / ORG / DOC / "versions" / "2025-09-01.md"
    assert "(../index.md#retention)" in archive.read_text(encoding="utf-8")
    report = check(root, PolicyDate.parse("2026-12-02").first_day)
    assert {p.code for p in report.problems} == {"summary-empty"}, report.problems
    project = report.project
    info = page_info(project, "en", f"{ORG}/{DOC}/versions/2025-09-01.md")
    assert info is not None and info.kind is PageKind.PERMALINK  # still in force: the new one is upcoming
    shown = decoration.shown(project, info, info.version.documents["en"].body, None)  # type: ignore[union-attr]
    assert "(../../index.md#retention)" in shown.markdown  # published one folder down, it still leads there


def test_new_document_command(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", docs=PROJECT)
    result = policy("new-document", ORG, "conditions", "--original-lang", "en", "--date", "2026-12-02", root=root)
    assert result.returncode == 0, result.stderr
    assert f"wrote docs/fr/{ORG}/conditions/index.md" in result.stdout
    refused = policy("new-document", ORG, "conditions", root=root)
    assert refused.returncode == 2 and "--original-lang" in refused.stderr  # asked for, never guessed
