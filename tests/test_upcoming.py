"""Upcoming versions: announced ahead, shown as such, in force on their day with no file edited."""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import os
import re
import subprocess
from html import unescape
from pathlib import Path

import feedparser
import pytest

from conftest import copy_project, policy, tree
from policysite import cli
from policysite.checks import check
from policysite.model import Status

ORG = "solutions-it-cloud"
ANNOUNCED = "2026-12-01"
TAKES_EFFECT = "2027-01-15"
EDITS = {
    "fr": ("Nous ne vendons pas nos listes", "Nous ne vendons ni ne louons nos listes", "Listes jamais louées."),
    "en": ("We do not sell our customer lists", "We neither sell nor rent our customer lists", "Lists never rented."),
}


def announce(root: Path) -> None:
    """Record the upcoming version as a legal editor would: new-version, one edit per language, summaries."""
    status = cli.main(["--root", str(root), "new-version", ORG, "--date", TAKES_EFFECT, "--as-of", ANNOUNCED])
    assert status == 0
    for lang, (old, new, summary) in EDITS.items():
        path = root / "docs" / lang / ORG / "index.md"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new).replace('summary: ""', f'summary: "{summary}"'), encoding="utf-8")


def article(site: Path, rel: str) -> str:
    page = (site / rel).read_text(encoding="utf-8")
    return page[page.index("<article") : page.index("</article>")]


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ").replace("\u202f", " ").split())


_BUILT: dict[str, Path] = {}  # the announced project ("project"), then its site as of each day built


def announced_site(tmp_path_factory: pytest.TempPathFactory, day: str | None = None) -> Path:
    """Return the real project with the version announced (``day`` None), or its site as of ``day``.

    Each is made once per session: the browser tests (test_upcoming_pages.py) serve the same site.
    """
    if "project" not in _BUILT:
        _BUILT["project"] = copy_project(tmp_path_factory.mktemp("upcoming") / "project")
        announce(_BUILT["project"])
    root = _BUILT["project"]
    if day is None:
        return root
    if day not in _BUILT:
        result = policy("build", "--as-of", day, "--site-dir", str(root / f"site-{day}"), root=root)
        assert result.returncode == 0, result.stdout + result.stderr
        _BUILT[day] = root / f"site-{day}"
    return _BUILT[day]


@pytest.fixture(scope="module")
def announced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return announced_site(tmp_path_factory)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the same sources as of the announcement, the day before the change and the day of it."""
    return {day: announced_site(tmp_path_factory, day) for day in (ANNOUNCED, "2027-01-14", TAKES_EFFECT)}


def test_statuses_follow_the_as_of_day(announced: Path) -> None:
    for day, expected in (
        (dt.date(2026, 12, 1), ["in-force", "upcoming"]),
        (dt.date(2027, 1, 14), ["in-force", "upcoming"]),
        (dt.date(2027, 1, 15), ["superseded", "in-force"]),
    ):
        report = check(announced, day)
        assert report.ok, report.problems
        org = report.project.policy(ORG)
        assert [org.status(version).value for version in org.versions] == expected
        assert org.in_force.id == ("2019-06" if expected[0] == "in-force" else TAKES_EFFECT)
        assert org.status(org.in_force) is Status.IN_FORCE


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_policy_address_keeps_the_text_in_force_with_a_notice(sites: dict[str, Path], prefix: str) -> None:
    lang = "en" if prefix else "fr"
    old, new, _ = EDITS[lang]
    page = text_of(article(sites[ANNOUNCED], f"{prefix}{ORG}/index.html"))
    assert old in page and new not in page
    notice = "takes effect on January 15, 2027" if prefix else "entrera en vigueur le 15 janvier 2027"
    assert notice in page
    assert ("announced on December 1, 2026" if prefix else "annoncée le 1er décembre 2026") in page
    assert "2027" not in page.split(notice)[1]  # no date of the future beyond the notice
    html = article(sites[ANNOUNCED], f"{prefix}{ORG}/index.html")
    assert f'href="versions/{TAKES_EFFECT}/"' in html and f'href="versions/{TAKES_EFFECT}/changes/"' in html


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_upcoming_text_says_it_is_not_in_force(sites: dict[str, Path], prefix: str) -> None:
    lang = "en" if prefix else "fr"
    page = text_of(article(sites[ANNOUNCED], f"{prefix}{ORG}/versions/{TAKES_EFFECT}/index.html"))
    assert EDITS[lang][1] in page
    banner = (
        "Upcoming version. This text is not in force yet: it takes effect on January 15, 2027. "
        "Until then, the version of June 2019 applies."
        if prefix
        else "Version à venir. Ce texte n'est pas encore en vigueur : il entrera en vigueur le 15 janvier 2027. "
        "D'ici là, la version de juin 2019 s'applique."
    )
    assert banner in page
    archive = text_of(article(sites[ANNOUNCED], f"{prefix}{ORG}/versions/2019-06/index.html"))
    assert ("currently in force" if prefix else "actuellement en vigueur") in archive
    changes = article(sites[ANNOUNCED], f"{prefix}{ORG}/versions/{TAKES_EFFECT}/changes/index.html")
    assert re.search(r"<ins[^>]*>.*?(louons|rent)", changes)


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_history_feed_and_json_announce_it(sites: dict[str, Path], prefix: str) -> None:
    site = sites[ANNOUNCED]
    history = text_of(article(site, f"{prefix}{ORG}/history/index.html"))
    first = "Version of January 15, 2027 (upcoming)" if prefix else "Version du 15 janvier 2027 (à venir)"
    assert history.index(first) < history.index("2019 (in force)" if prefix else "2019 (en vigueur)")
    assert ("Announced on December 1, 2026." if prefix else "Annoncée le 1er décembre 2026.") in history
    feed = feedparser.parse((site / prefix / ORG / "feed.xml").read_text(encoding="utf-8"))
    assert not feed.bozo
    assert feed.entries[0].id.endswith(f"/versions/{TAKES_EFFECT}/")
    assert feed.entries[0].updated.startswith(ANNOUNCED)  # the notice is dated from its announcement
    assert feed.feed.updated.startswith(ANNOUNCED)
    data = json.loads((site / prefix / ORG / "policy.json").read_text(encoding="utf-8"))
    assert [(v["version"], v["status"], v["announced"]) for v in data["versions"]] == [
        ("2019-06", "in-force", None),
        (TAKES_EFFECT, "upcoming", ANNOUNCED),
    ]
    search = json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] for doc in search["docs"] if doc["location"].startswith(f"{ORG}/"))
    assert EDITS["en" if prefix else "fr"][0] in texts and EDITS["en" if prefix else "fr"][1] not in texts


@pytest.mark.slow
def test_no_page_names_a_day_after_the_build_as_in_force(sites: dict[str, Path]) -> None:
    home = text_of(article(sites[ANNOUNCED], "en/index.html"))
    assert "Les Solutions IT Cloud — Privacy Policy (in force since June 2019; new version takes effect on" in home
    for rel in (f"{ORG}/index.html", f"en/{ORG}/index.html"):
        dates = text_of(article(sites[ANNOUNCED], rel)).split("Historique" if rel[0] != "e" else "Version history")[0]
        assert "Last update" not in dates and "Dernière mise à jour" not in dates


@pytest.mark.slow
def test_the_day_it_takes_effect_the_new_text_is_current_and_only_those_pages_change(
    sites: dict[str, Path],
) -> None:
    before, after = sites["2027-01-14"], sites[TAKES_EFFECT]
    assert _differences(sites[ANNOUNCED], before) == set()  # same statuses, same bytes
    changed = _differences(before, after)
    expected = {
        f"{prefix}{rel}"
        for prefix in ("", "en/")
        for rel in (
            "index.html",
            f"{ORG}/index.html",
            f"{ORG}/history/index.html",
            f"{ORG}/versions/2019-06/index.html",
            f"{ORG}/versions/{TAKES_EFFECT}/index.html",
            f"{ORG}/feed.xml",
            f"{ORG}/policy.json",
            "search/search_index.json",
            f"{ORG}/versions/2019-06/since/index.html",  # new: what changed since the superseded text
            f"{ORG}/fr-en/index.html",  # the text in force in both languages
        )
    } | {"sitemap.xml", "sitemap.xml.gz", "404.html", "en/404.html"}  # the site-wide pages' date modified
    assert changed == expected
    for prefix, lang in (("", "fr"), ("en/", "en")):
        current = text_of(article(after, f"{prefix}{ORG}/index.html"))
        assert EDITS[lang][1] in current
        archived = text_of(article(after, f"{prefix}{ORG}/versions/2019-06/index.html"))
        assert (
            "applied from June 2019 until it was replaced on January 15, 2027"
            if prefix
            else "s'est appliqué de juin 2019 jusqu'à son remplacement le 15 janvier 2027"
        ) in archived


def _differences(one: Path, other: Path) -> set[str]:
    """Return the files that differ between two sites, added ones included (none may disappear)."""
    names = {p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file()}
    others = {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    assert names <= others, names - others  # every address stays
    return {name for name in names if not filecmp.cmp(one / name, other / name, shallow=False)} | (others - names)


def test_a_date_inside_the_notice_period_is_refused_and_reported(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    before = tree(root / "docs")
    status = cli.main(["--root", str(root), "new-version", ORG, "--date", "2026-12-20", "--as-of", ANNOUNCED])
    assert status == 2
    assert tree(root / "docs") == before
    announce(root)
    for lang in ("fr", "en"):  # an editor moves the date closer by hand, in both languages
        path = root / "docs" / lang / ORG / "index.md"
        path.write_text(path.read_text(encoding="utf-8").replace(TAKES_EFFECT, "2026-12-20"), encoding="utf-8")
    report = check(root, dt.date(2026, 12, 1))
    assert [p.code for p in report.problems] == ["notice-too-short"]
    assert "19 days after it was announced" in report.problems[0].message


def test_an_urgent_correction_says_why_and_readers_see_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    args = ["--root", str(root), "new-version", ORG, "--date", "2026-12-05", "--as-of", ANNOUNCED]
    assert cli.main([*args, "--without-notice"]) == 0
    report = check(root, dt.date(2026, 12, 1))
    assert {p.code for p in report.problems} == {"placeholder", "summary-empty"}
    reasons = {"fr": "Correction d'une adresse courriel erronée.", "en": "Correction of a wrong email address."}
    for lang, reason in reasons.items():
        path = root / "docs" / lang / ORG / "index.md"
        text = re.sub(r'notice_exemption: ".*"', f'notice_exemption: "{reason}"', path.read_text(encoding="utf-8"))
        path.write_text(text.replace('summary: ""', 'summary: "Adresse."'), encoding="utf-8")
    assert check(root, dt.date(2026, 12, 1)).ok
    history = check(root, dt.date(2026, 12, 1)).project.policy(ORG).versions[-1]
    assert history.notice_exemption == reasons
    # One language only: the other is told to say it too.
    path = root / "docs/en" / ORG / "index.md"
    path.write_text(re.sub(r"notice_exemption: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert [p.code for p in check(root, dt.date(2026, 12, 1)).problems] == ["notice-exemption-missing"]


def test_an_upcoming_version_must_say_when_it_was_announced(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    announce(root)
    for lang in ("fr", "en"):
        path = root / "docs" / lang / ORG / "index.md"
        path.write_text(re.sub(r"announced: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    problems = check(root, dt.date(2026, 12, 1)).problems
    assert [p.code for p in problems] == ["announced-missing"]
    assert check(root, dt.date(2027, 1, 15)).ok  # once in force, a version from before notices is history
    assert [p.code for p in check(announce_again(root), dt.date(2026, 11, 30)).problems] == ["announced-future"]


def announce_again(root: Path) -> Path:
    for lang in ("fr", "en"):
        path = root / "docs" / lang / ORG / "index.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"updated: {TAKES_EFFECT}", f"updated: {TAKES_EFFECT}\nannounced: {ANNOUNCED}"))
    return root


def _commit(root: Path, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for args in (["add", "-A"], ["-c", "user.name=Editor", "-c", "user.email=e@example.org", "commit", "-qm", when]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def test_an_announced_text_cannot_change_silently(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    _commit(root, "2026-11-01T10:00:00-04:00")
    announce(root)  # announced on 2026-12-01, edited and committed that day
    _commit(root, "2026-12-01T16:00:00-05:00")
    day_after = dt.date(2026, 12, 2)
    assert check(root, day_after).ok
    french = root / "docs/fr" / ORG / "index.md"
    french.write_text(french.read_text(encoding="utf-8").replace("louons", "prêtons"), encoding="utf-8")
    assert check(root, dt.date(2026, 12, 1)).ok  # the announcement day itself: still being prepared
    problems = check(root, day_after).problems
    assert [(p.path, p.code) for p in problems] == [(f"docs/fr/{ORG}/index.md", "announced-changed")]
    _commit(root, "2026-12-02T09:00:00-05:00")  # committing the change does not make it announced
    assert [p.code for p in check(root, day_after).problems] == ["announced-changed"]
    for lang in ("fr", "en"):  # announced again: the notice period starts over
        path = root / "docs" / lang / ORG / "index.md"
        path.write_text(path.read_text(encoding="utf-8").replace(f"announced: {ANNOUNCED}", "announced: 2026-12-02"))
    _commit(root, "2026-12-02T11:00:00-05:00")
    assert check(root, dt.date(2026, 12, 3)).ok


def _date_story(site: Path, prefix: str, lang: str) -> dict[str, str]:
    """Read the day the text in force took effect from every page type that states it (ISO)."""
    policy_page = (site / prefix / ORG / "index.html").read_text(encoding="utf-8")
    times = re.findall(r'<time datetime="([^"]+)">', policy_page)
    history = (site / prefix / ORG / "history/index.html").read_text(encoding="utf-8")
    in_force = "in force" if lang == "en" else "en vigueur"
    heading = re.search(rf'<h2 id="v-([^"]+)"[^>]*>[^<]*\({in_force}\)', history)
    data = json.loads((site / prefix / ORG / "policy.json").read_text(encoding="utf-8"))
    feed = feedparser.parse((site / prefix / ORG / "feed.xml").read_text(encoding="utf-8"))
    entry = next(e for e in feed.entries if e.id.endswith(f"/versions/{heading[1]}/")) if heading else None
    return {
        "policy dates": times[-2] if len(times) > 2 else times[0],  # the last fact, then the footer's
        "footer": times[-1],
        "history": heading[1] if heading else "",
        "json": next(v["in_force_from"] for v in data["versions"] if v["status"] == "in-force"),
        "feed": entry.updated[: len(heading[1])] if entry else "",
    }


@pytest.mark.slow
@pytest.mark.parametrize(("day", "expected"), [(ANNOUNCED, "2019-06"), (TAKES_EFFECT, TAKES_EFFECT)])
@pytest.mark.parametrize(("prefix", "lang"), [("", "fr"), ("en/", "en")])
def test_every_page_type_tells_the_same_date_story(
    sites: dict[str, Path], day: str, expected: str, prefix: str, lang: str
) -> None:
    story = _date_story(sites[day], prefix, lang)
    assert set(story.values()) == {expected}, story
    home = text_of(article(sites[day], f"{prefix}index.html"))
    written = {"2019-06": ("juin 2019", "June 2019"), TAKES_EFFECT: ("15 janvier 2027", "January 15, 2027")}
    assert written[expected][lang == "en"] in home.split("Les Solutions IT Cloud")[1].split("·")[0]
