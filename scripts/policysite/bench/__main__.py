"""./scripts/bench: time our build against a plain mkdocs build, at one size and at twice that size.

For each size, a synthetic project is generated with its plain copy, then the three commands run in
turn (full build, plain build, checker alone), in a rotating order, several times; the report gives
medians. The reader's side is measured on the first size's site. Prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .. import children
from . import corpus, plain, reader, report
from .timing import RunFailedError, Series, run

ROOT = Path(__file__).resolve().parents[3]
QUERY = "renseignements"  # typed in the search box of a French policy page


def commands(project: Path, copy: Path) -> dict[str, tuple[list[str], Path]]:
    """Return each benchmarked command with the folder it runs in."""
    python = sys.executable
    return {
        "full": (
            [python, "-m", "policysite", "--root", str(project), "build", "--site-dir", str(project / "site")],
            ROOT,
        ),
        "plain": (
            [python, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(copy / "mkdocs.yml")],
            copy,
        ),
        "check": ([python, "-m", "policysite", "--root", str(project), "check"], ROOT),
    }


def environment() -> dict[str, str]:
    """Return the environment the commands run in: our package importable, mkdocs 2 banner off."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")]))
    return env


def html_pages(site: Path) -> set[str]:
    """Return the site's pages; a language's 404 page under its folder (en/404.html) only our hook writes."""
    pages = {path.relative_to(site).as_posix() for path in site.rglob("*.html")}
    return {page for page in pages if page == "404.html" or not page.endswith("/404.html")}


def measure_size(work: Path, orgs: int, versions: int, reps: int, warmup: int) -> dict:
    """Generate one size of corpus and time every command on it."""
    label = f"{orgs}x{versions}"
    project, copy = work / f"project-{label}", work / f"plain-{label}"
    print(f"[{label}] generating {orgs} organizations x {versions} versions x 2 languages...", file=sys.stderr)
    stats = corpus.write_project(project, ROOT, orgs, versions)
    pages = plain.write_plain_project(project, copy)
    env = environment()
    series = {name: Series() for name in commands(project, copy)}
    names = list(series)
    for _ in range(warmup):
        for command, cwd in commands(project, copy).values():
            run(command, cwd, env)
    for rep in range(reps):
        order = names[rep % len(names) :] + names[: rep % len(names)]  # each command takes each place in turn
        for name in order:
            command, cwd = commands(project, copy)[name]
            series[name].runs.append(run(command, cwd, env))
            print(f"[{label}] run {rep + 1}/{reps} {name}: {series[name].runs[-1].seconds:.2f} s", file=sys.stderr)
    ours, theirs = html_pages(project / "site"), html_pages(copy / "site")
    if ours != theirs:
        different = sorted(ours ^ theirs)[:10]
        raise RunFailedError(f"the two builds made different pages ({len(ours)} and {len(theirs)}): {different}")
    return {
        "organizations": orgs,
        "versions": versions,
        "languages": 2,
        "source_files": stats.files,
        "archived_files": stats.archived,
        "source_words": stats.words,
        "markdown_pages": pages,
        "html_pages": len(ours),
        "runs": {name: value.as_dict() for name, value in series.items()},
        "full_over_plain": round(series["full"].median / series["plain"].median, 3),
        "full_over_plain_cpu": round(series["full"].median_cpu / series["plain"].median_cpu, 3),
    }


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="./scripts/bench",
        description="Time the full build (checker, archives, history, comparisons, feeds, JSON) against a "
        "plain mkdocs build of the same pages, and the checker alone, on a synthetic project and on one "
        "twice its size; measure a policy page's first load in Chromium. Prints a table and writes JSON.",
    )
    main.add_argument("--orgs", type=int, default=20, help="organizations in the first corpus (default 20)")
    main.add_argument("--versions", type=int, default=10, help="versions of each policy (default 10)")
    main.add_argument("--reps", type=int, default=3, help="timed runs of each command per size (default 3)")
    main.add_argument("--warmup", type=int, default=1, help="untimed runs of each command first (default 1)")
    main.add_argument(
        "--double",
        choices=("orgs", "versions"),
        default="orgs",
        help="what the second corpus has twice as many of (default: organizations)",
    )
    main.add_argument("--quick", action="store_true", help="a smoke run: 2 x 2, one run, no warm-up")
    main.add_argument("--output", type=Path, default=ROOT / "bench-results.json", help="where to write the JSON")
    main.add_argument("--keep", type=Path, default=None, help="generate the projects here and keep them")
    return main


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; stopped by a signal, it stops every command it runs and exits 128 + the signal."""
    try:
        with children.stopping_on_signals():
            return _main(argv)
    except KeyboardInterrupt:
        return 130
    except children.Stopped as stop:
        print(f"bench: stopped ({stop})", file=sys.stderr)
        return 128 + stop.number


def _main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.quick:
        args.orgs, args.versions, args.reps, args.warmup = 2, 2, 1, 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="policysite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.time()
    load_before = os.getloadavg()
    try:
        doubled = (2 * args.orgs, args.versions) if args.double == "orgs" else (args.orgs, 2 * args.versions)
        sizes = [
            measure_size(work, orgs, versions, args.reps, args.warmup)
            for orgs, versions in ((args.orgs, args.versions), doubled)
        ]
        first = sizes[0]
        print("[reader] loading a policy page in Chromium...", file=sys.stderr)
        page = f"/{corpus.organizations(1)[0].slug}/"
        reading = reader.first_load(work / f"project-{args.orgs}x{args.versions}" / "site", page, QUERY)
    except RunFailedError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": [round(value, 2) for value in load_before],
            "load_average_after": [round(value, 2) for value in os.getloadavg()],
        },
        "settings": {
            "reps": args.reps,
            "warmup": args.warmup,
            "quick": args.quick,
            "doubled": args.double,
            "query": QUERY,
        },
        "seconds_total": round(time.time() - started, 1),
        "sizes": sizes,
        "growth": {
            name: round(sizes[1]["runs"][name]["median_seconds"] / sizes[0]["runs"][name]["median_seconds"], 3)
            for name in first["runs"]
        },
        "reader": reading,
    }
    results["targets"] = report.targets(results)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(report.table(results))
    print(f"\nFigures written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
