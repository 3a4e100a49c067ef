"""The benchmark runs end to end and writes well-formed figures (timings are never asserted here)."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from policysite.bench import corpus, phrases
from policysite.bench.corpus import write_project
from policysite.checks import check
from policysite.checks.parity import _missing as missing
from policysite.invariants import extract
from policysite.settings import Settings

pytestmark = pytest.mark.slow

COMMANDS = ("full", "plain", "check")


def _bench(output: Path, *args: str) -> tuple[str, dict]:
    """Run ./scripts/bench with ``args``; return what it printed and the figures it wrote."""
    result = subprocess.run(
        [str(ROOT / "scripts" / "bench"), *args, "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    results = json.loads(output.read_text(encoding="utf-8"))
    # Every figure comes with the load average, and a busy machine is said to be busy.
    load = results["machine"]["load_average_before"][0]
    assert bool(results["warnings"]) == (load > 1.0)
    assert ("WARNING: the load average is" in result.stdout) == (load > 1.0)
    assert all(isinstance(target["met"], bool) for target in results["targets"])
    for target in results["targets"]:
        verdict = "met" if target["met"] else "MISSED"
        assert f"{verdict:<7}{target['target']}: {target['value']} " in result.stdout
    return result.stdout, results


def test_quick_bench_writes_well_formed_results(tmp_path: Path) -> None:
    stdout, results = _bench(tmp_path / "bench-results.json", "--quick")
    assert "full / plain" in stdout

    first, doubled = results["sizes"]
    assert results["settings"]["doubled"] == "orgs"
    assert doubled["organizations"] == 2 * first["organizations"]
    assert doubled["versions"] == first["versions"]
    for size in (first, doubled):
        # Both builds made the same pages: the bench compares them before reporting.
        assert size["html_pages"] > size["markdown_pages"] > 0
        assert size["source_files"] == 2 * size["organizations"] * size["versions"] + 2
        for name in COMMANDS:
            runs = size["runs"][name]
            assert len(runs["seconds"]) == results["settings"]["reps"] == 1
            assert runs["median_seconds"] > 0 and runs["median_cpu_seconds"] > 0
            assert runs["peak_rss_mb"] > 0
            assert len(runs["load_averages"]) == 1 and runs["load_averages"][0] >= 0
    assert set(results["growth"]) == set(results["growth_cpu"]) == set(COMMANDS)
    real = results["real_checker"]
    assert len(real["seconds"]) == 1 and real["median_cpu_seconds"] > 0
    for name in ("real", "synthetic"):
        preview = results["preview"][name]  # the saved word was seen on the page the saved file renders
        assert preview["source"] == f"docs/fr{preview['page']}index.md"
        assert len(preview["seconds"]) == len(preview["cpu_seconds"]) == 1
        assert preview["median_seconds"] > 0 and preview["start_seconds"] > 0

    reader = results["reader"]
    assert reader["page"] == "/org-001/"
    assert reader["assets"][0]["path"] == "org-001/index.html"
    assert reader["first_load_gzip_bytes"] == sum(item["gzip_bytes"] for item in reader["assets"])
    assert reader["requests_on_load"][0] == "/org-001/"
    assert isinstance(reader["search_index_on_load"], bool)
    assert isinstance(reader["search_results_shown"], bool)

    assert [target["target"] for target in results["targets"]] == [
        "full build / plain build",
        "full build / plain build, CPU time",
        "checker alone (s)",
        "checker alone, real content (s)",
        "full build at twice the organizations",
        "peak memory (MB)",
        "preview, real content (s)",
        "preview, synthetic corpus (s)",
        "first load (gzip bytes)",
        "search index loaded only on search",
    ]


def test_scale_reports_the_time_per_page_at_each_size(tmp_path: Path) -> None:
    stdout, results = _bench(tmp_path / "bench-results.json", "--quick", "--scale")
    assert "Full build at growing sizes" in stdout
    assert "sizes" not in results and results["settings"]["scale"] is True
    assert [size["organizations"] for size in results["scale"]] == [1, 2]
    small, large = results["scale"]
    assert large["html_pages"] > small["html_pages"] > 0
    for size in results["scale"]:
        run = size["run"]
        assert size["ms_per_page"] == pytest.approx(1000 * run["median_seconds"] / size["html_pages"], rel=1e-3)
        assert size["cpu_ms_per_page"] > 0 and run["load_averages"]
    assert [target["target"] for target in results["targets"]] == [
        "time per page, 1 to 2 organizations: slowest / fastest",
        "CPU time per page, 1 to 2 organizations: slowest / fastest",
    ]


def test_synthetic_corpus_passes_the_checker(tmp_path: Path) -> None:
    stats = write_project(tmp_path / "project", ROOT, orgs=3, versions=4)
    report = check(tmp_path / "project")
    assert report.problems == []
    assert stats.files == report.files_checked == 3 * 4 * 2 + 2
    for org in report.project.policies:
        assert len(org.versions) == 4
        assert all(version.summaries["fr"] and version.summaries["en"] for version in org.versions[1:])
        words = len(org.current.documents["en"].body.split())
        assert 2000 <= words <= 5500, words
        assert 10 <= sum(section.level == 2 for section in org.current.documents["fr"].sections) <= 20


def test_every_phrase_says_the_same_quantities_in_both_languages() -> None:
    # Slots share one number and a witness carries it with another unit, so a quantity whose unit
    # one language leaves out cannot pass as a bare number (the corpus draws overlapping values).
    values = {"days": "10", "months": "10", "years": "10", "hours": "10", "age": "14", "postal": "H2X 1Y4"}
    values |= {"email": "a@b.example", "phone": "514 555-0100", "url": "<https://x.example>"}
    witness = {"fr": " Pendant 10 semaines.", "en": " For 10 weeks."}
    for table in (phrases.SENTENCES, phrases.ITEMS):
        for french, english in table:
            fr = extract(french.format(**values) + witness["fr"], "fr")
            en = extract(english.format(**values) + witness["en"], "en")
            assert not missing(fr, "fr", en, "en", Settings()) and not missing(en, "en", fr, "fr", Settings()), english


def test_versions_are_never_later_than_the_corpus_last_day() -> None:
    dates = corpus._dates(random.Random(7), 60)  # three times the bench's doubled size
    assert dates == sorted(dates) and len(set(dates)) == 60
    assert max(dates) <= corpus.LAST_DAY.isoformat()


def test_a_policy_keeps_about_its_size_from_version_to_version() -> None:
    # Twice the versions must be twice the text, or --double versions measures the text's growth.
    for number, org in enumerate(corpus.organizations(6)):
        generator = corpus.Generator(number, org)
        policy = generator.policy()
        for _ in range(40):
            policy, _summaries = generator.edit(policy)
            assert 0.9 <= corpus._words(policy) / generator.first_words <= 1.1
