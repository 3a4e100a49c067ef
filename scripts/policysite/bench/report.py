"""The benchmark's report: each target met or missed, and a table for the terminal."""

from __future__ import annotations

# The targets of the benchmark issue, for the default size (20 organizations x 10 versions).
TARGET_SIZE = (20, 10)
MAX_FULL_OVER_PLAIN = 1.15
MAX_CHECK_SECONDS = 1.0
MAX_GROWTH = 2.1
MAX_MEMORY_MB = 1024
MAX_FIRST_LOAD_BYTES = 100_000  # 100 KB, counted as 1,000 bytes each

NAMES = {"full": "policy build (ours)", "plain": "plain mkdocs build", "check": "checker alone"}


def _target(name: str, value: float | bool, limit: str, met: bool) -> dict:
    return {"target": name, "value": value, "limit": limit, "met": met}


def targets(results: dict) -> list[dict]:
    """Judge each target from the figures."""
    first = results["sizes"][0]
    ratio = first["full_over_plain"]
    check = first["runs"]["check"]["median_seconds"]
    growth = results["growth"]["full"]
    memory = max(
        max(size["runs"][name]["peak_tree_rss_mb"], size["runs"][name]["peak_rss_mb"])
        for size in results["sizes"]
        for name in size["runs"]
    )
    load = results["reader"]["first_load_gzip_bytes"]
    lazy = not results["reader"]["search_index_on_load"]
    return [
        _target("full build / plain build", ratio, f"<= {MAX_FULL_OVER_PLAIN}", ratio <= MAX_FULL_OVER_PLAIN),
        _target("checker alone (s)", check, f"<= {MAX_CHECK_SECONDS}", check <= MAX_CHECK_SECONDS),
        _target("full build at twice the corpus", growth, f"<= {MAX_GROWTH}x", growth <= MAX_GROWTH),
        _target("peak memory (MB)", memory, f"<= {MAX_MEMORY_MB}", memory <= MAX_MEMORY_MB),
        _target("first load (gzip bytes)", load, f"<= {MAX_FIRST_LOAD_BYTES}", load <= MAX_FIRST_LOAD_BYTES),
        _target("search index loaded only on search", lazy, "not fetched on load", lazy),
    ]


def _size_table(size: dict) -> list[str]:
    lines = [
        f"{size['organizations']} organizations x {size['versions']} versions x 2 languages: "
        f"{size['source_files']} source files ({size['archived_files']} archived), "
        f"{size['source_words'] / 1e6:.2f} M words, {size['html_pages']} HTML pages",
        f"  {'command':<22}{'median s':>10}{'cpu s':>9}{'runs (s)':>26}{'peak MB':>10}{'tree MB':>10}",
    ]
    for name, runs in size["runs"].items():
        each = " ".join(f"{seconds:.2f}" for seconds in runs["seconds"])
        lines.append(
            f"  {NAMES[name]:<22}{runs['median_seconds']:>10.2f}{runs['median_cpu_seconds']:>9.2f}{each:>26}"
            f"{runs['peak_rss_mb']:>10.0f}{runs['peak_tree_rss_mb']:>10.0f}"
        )
    lines.append(f"  full / plain: {size['full_over_plain']:.2f}x (CPU time: {size['full_over_plain_cpu']:.2f}x)")
    return lines


def table(results: dict) -> str:
    """Format the figures for the terminal."""
    machine = results["machine"]
    lines = [
        f"Benchmark on {machine['cpus']} CPUs, Python {machine['python']}, "
        f"{results['settings']['reps']} timed runs per command and size (medians); "
        f"load average {machine['load_average_before'][0]} before, {machine['load_average_after'][0]} after",
        "peak MB: largest process; tree MB: all processes of the command at once (sampled)",
        "",
    ]
    for size in results["sizes"]:
        lines += [*_size_table(size), ""]
    growth = ", ".join(f"{NAMES[name]} {value:.2f}x" for name, value in results["growth"].items())
    lines += [f"Twice the corpus costs: {growth}", ""]
    reading = results["reader"]
    lines += [
        f"Reader: first load of {reading['page']}: {reading['first_load_gzip_bytes'] / 1000:.1f} KB gzip "
        f"({reading['first_load_bytes'] / 1000:.1f} KB raw) in {len(reading['assets'])} files",
        f"  search index fetched on load: {'yes' if reading['search_index_on_load'] else 'no'}; "
        f"after typing: {'yes' if reading['search_index_after_search'] else 'no'}; "
        f"results shown: {'yes' if reading['search_results_shown'] else 'no'}; "
        f"requests to other hosts: {len(reading['external_requests'])}",
        "",
    ]
    size = results["sizes"][0]
    if (size["organizations"], size["versions"]) != TARGET_SIZE:
        lines.append(f"Targets are set for {TARGET_SIZE[0]} x {TARGET_SIZE[1]}; this run is smaller:")
    for target in results["targets"]:
        verdict = "met" if target["met"] else "MISSED"
        lines.append(f"  {verdict:<7}{target['target']}: {target['value']} ({target['limit']})")
    return "\n".join(lines) + "\n"
