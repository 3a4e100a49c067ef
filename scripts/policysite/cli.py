"""The command line: ``./scripts/policy <command>`` (glue only: the work is in the modules)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .checks import check
from .problems import format_json, format_text

ROOT = Path(__file__).resolve().parents[2]


def cmd_check(args: argparse.Namespace) -> int:
    """Check the policies and print every problem."""
    report = check(args.root)
    formatter = format_json if args.format == "json" else format_text
    sys.stdout.write(formatter(report.problems, report.files_checked))
    return 0 if report.ok else 1


def parser() -> argparse.ArgumentParser:
    """Build the argument parser with one subcommand per task."""
    main = argparse.ArgumentParser(
        prog="./scripts/policy",
        description="Check, preview and publish the bilingual privacy policies in docs/.",
    )
    main.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    commands = main.add_subparsers(dest="command", required=True, metavar="command")

    check_cmd = commands.add_parser(
        "check",
        help="check both languages of every policy and list the problems",
        description="Check every policy in docs/fr/ and docs/en/: front-matter, matching sections, "
        "lists, addresses and numbers in both languages, archived versions. Prints one line per "
        "problem (file:line: what is wrong) and exits with 1 if there is any, 0 if all is well.",
    )
    check_cmd.add_argument("--format", choices=("text", "json"), default="text",
                           help="print the problems as text (default) or as JSON")
    check_cmd.set_defaults(handler=cmd_check)
    return main


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
