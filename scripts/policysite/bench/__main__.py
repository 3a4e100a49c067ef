"""./scripts/bench: time our build against a plain mkdocs build, at one size and at twice that size.

For each size, a synthetic project is generated with its plain copy, then the three commands run in
turn (full build, plain build, checker alone), in a rotating order, several times; the report gives
medians. The checker is also timed on the real content, and the reader's side is measured on the
first size's site. ``--scale`` instead builds ever larger projects and reports the time per page.
Every figure comes with the machine's load average. Prints a table and writes JSON.
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
from ..languages import DEFAULT
from . import corpus, latency, plain, reader, report
from .timing import RunFailedError, Series, run

ROOT = Path(__file__).resolve().parents[3]
QUERY = "renseignements"  # typed in the search box of a French policy page
QUIET_LOAD = 1.0  # above this load average at the start, timings are someone else's too: say so
SCALE_SIZES = (20, 50, 100, 200)  # organizations, for --scale


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
    """Return the environment the commands run in: our package importable, mkdocs 2 banner off.

    Python keeps each module compiled, as it does for a user: a shell that sets PYTHONDONTWRITEBYTECODE
    would have every run compile our code afresh, a cost the plain build, which runs none of it, never pays.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return children.python_environment(ROOT, dict(env, NO_MKDOCS_2_WARNING="1"))


def _load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


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
            last = series[name].runs[-1]
            print(
                f"[{label}] run {rep + 1}/{reps} {name}: {last.seconds:.2f} s, CPU {last.cpu_seconds:.2f} s "
                f"(load {last.load_average:.2f})",
                file=sys.stderr,
            )
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


def measure_real_checker(reps: int) -> dict:
    """Time the checker alone on this repository's own policies."""
    command, cwd = commands(ROOT, ROOT)["check"]
    series = Series()
    for rep in range(reps):
        series.runs.append(run(command, cwd, environment()))
        print(f"[real] run {rep + 1}/{reps} check: {series.runs[-1].seconds:.2f} s ({_load()})", file=sys.stderr)
    return series.as_dict()


def measure_preview(work: Path, project: Path, edits: int) -> dict:
    """Time from saving a policy file to the preview showing it: on the real content, then on ``project``."""
    figures = {}
    real = sorted(path.name for path in (ROOT / "docs" / DEFAULT.code).iterdir() if path.is_dir())[0]
    synthetic = corpus.organizations(1)[0].slug
    for name, root, slug in (
        ("real", corpus.copy_project(ROOT, work / "preview-real"), real),
        ("synthetic", project, synthetic),
    ):
        print(f"[preview {name}] serving, then saving {edits} edits ({_load()})...", file=sys.stderr)
        source, page = f"docs/{DEFAULT.code}/{slug}/index.md", f"/{slug}/"
        figures[name] = latency.save_to_page(root, source, page, edits, environment(), ROOT)
        figures[name]["load_average"] = round(os.getloadavg()[0], 2)
        print(f"[preview {name}] {figures[name]['seconds']} s", file=sys.stderr)
    return figures


def measure_scale(work: Path, sizes: list[int], versions: int, reps: int) -> list[dict]:
    """Build ever larger projects (full build only); return the time per page at each size."""
    figures = []
    for orgs in sizes:
        label = f"{orgs}x{versions}"
        project = work / f"project-{label}"
        print(f"[scale {label}] generating ({_load()})...", file=sys.stderr)
        corpus.write_project(project, ROOT, orgs, versions)
        command, cwd = commands(project, project)["full"]
        series = Series()
        for rep in range(reps):
            series.runs.append(run(command, cwd, environment()))
            last = series.runs[-1]
            print(
                f"[scale {label}] run {rep + 1}/{reps}: {last.seconds:.2f} s, CPU {last.cpu_seconds:.2f} s "
                f"(load {last.load_average:.2f})",
                file=sys.stderr,
            )
        pages = len(html_pages(project / "site"))
        figures.append(
            {
                "organizations": orgs,
                "versions": versions,
                "html_pages": pages,
                "run": series.as_dict(),
                "ms_per_page": round(1000 * series.median / pages, 2),
                "cpu_ms_per_page": round(1000 * series.median_cpu / pages, 2),
            }
        )
        if orgs != sizes[-1]:
            shutil.rmtree(project)  # the largest are big: keep one at a time (the last with --keep)
    return figures


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(part) for part in value.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers separated by commas, got {value!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("every size is at least 1 organization")
    return sizes


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="./scripts/bench",
        description="Time the full build (checker, archives, history, comparisons, feeds, JSON) against a "
        "plain mkdocs build of the same pages, and the checker alone, on a synthetic project and on one "
        "twice its size; measure a policy page's first load in Chromium. Prints a table and writes JSON.",
    )
    main.add_argument("--orgs", type=int, default=20, help="organizations in the first corpus (default 20)")
    main.add_argument("--versions", type=int, default=10, help="versions of each policy (default 10)")
    main.add_argument(
        "--reps", type=int, default=None, help="timed runs of each command per size (default 3; 1 with --scale)"
    )
    main.add_argument("--warmup", type=int, default=1, help="untimed runs of each command first (default 1)")
    main.add_argument(
        "--double",
        choices=("orgs", "versions"),
        default="orgs",
        help="what the second corpus has twice as many of (default: organizations)",
    )
    main.add_argument("--quick", action="store_true", help="a smoke run: 2 x 2, one run, no warm-up")
    main.add_argument(
        "--scale",
        action="store_true",
        help="instead: build 20, 50, 100 and 200 organizations (x --versions) and report the time per page",
    )
    main.add_argument(
        "--scale-sizes",
        type=_sizes,
        default=list(SCALE_SIZES),
        metavar="N,N,...",
        help="the numbers of organizations --scale builds (default 20,50,100,200)",
    )
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
    if args.reps is None:
        args.reps = 1 if args.scale else 3
    if args.quick:
        args.orgs, args.versions, args.reps, args.warmup = 2, 2, 1, 0
        args.scale_sizes = [1, 2]
    work = args.keep or Path(tempfile.mkdtemp(prefix="policysite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.time()
    load_before = os.getloadavg()
    warnings = []
    if load_before[0] > QUIET_LOAD:
        warnings.append(
            f"the load average is {load_before[0]:.2f} at the start (above {QUIET_LOAD}): other work shares the "
            "CPUs, so wall times are high and vary; compare CPU times, and quote figures from a quiet machine"
        )
        print(f"bench: warning: {warnings[-1]}", file=sys.stderr)
    try:
        figures = _measure_scale(work, args) if args.scale else _measure(work, args)
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
        "warnings": warnings,
        "settings": {
            "reps": args.reps,
            "warmup": args.warmup,
            "quick": args.quick,
            "scale": args.scale,
            "doubled": None if args.scale else args.double,
            "query": QUERY,
        },
        "seconds_total": round(time.time() - started, 1),
        **figures,
    }
    results["targets"] = report.targets(results)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(report.table(results))
    print(f"\nFigures written to {args.output}")
    return 0


def _measure(work: Path, args: argparse.Namespace) -> dict:
    """Time both sizes, the checker on the real content and the reader's side."""
    doubled = (2 * args.orgs, args.versions) if args.double == "orgs" else (args.orgs, 2 * args.versions)
    sizes = [
        measure_size(work, orgs, versions, args.reps, args.warmup)
        for orgs, versions in ((args.orgs, args.versions), doubled)
    ]
    real = measure_real_checker(args.reps)
    print(f"[reader] loading a policy page in Chromium ({_load()})...", file=sys.stderr)
    page = f"/{corpus.organizations(1)[0].slug}/"
    reading = reader.first_load(work / f"project-{args.orgs}x{args.versions}" / "site", page, QUERY)
    reading["load_average"] = round(os.getloadavg()[0], 2)
    return {
        "preview": measure_preview(work, work / f"project-{args.orgs}x{args.versions}", args.reps),
        "sizes": sizes,
        "growth": {
            name: round(sizes[1]["runs"][name]["median_seconds"] / sizes[0]["runs"][name]["median_seconds"], 3)
            for name in sizes[0]["runs"]
        },
        "growth_cpu": {
            name: round(sizes[1]["runs"][name]["median_cpu_seconds"] / sizes[0]["runs"][name]["median_cpu_seconds"], 3)
            for name in sizes[0]["runs"]
        },
        "real_checker": real,
        "reader": reading,
    }


def _measure_scale(work: Path, args: argparse.Namespace) -> dict:
    return {"scale": measure_scale(work, args.scale_sizes, args.versions, args.reps)}


if __name__ == "__main__":
    sys.exit(main())
