"""The command line: ``./scripts/policy <command>`` (glue only: the work is in the modules)."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Callable
from pathlib import Path

from . import TYPE_CHECKING, asof, children, transaction
from .busy import BusyError, exclusive
from .languages import LANGUAGES
from .problems import format_json, format_text

# Each command imports what only it needs: 'check' runs on every save and should not wait for the
# builder's, the scaffolding's or mkdocs' modules to load.

if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]


def cmd_check(args: argparse.Namespace) -> int:
    """Check the policies and print every problem."""
    from .checks import check

    report = check(args.root, args.as_of)
    formatter = format_json if args.format == "json" else format_text
    sys.stdout.write(formatter(report.problems, report.files_checked, report.warnings))
    sys.stdout.flush()  # the notes come after the report
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_build(args: argparse.Namespace) -> int:
    """Check the policies, then build site/ (left as it was if anything fails)."""
    from . import build as site_build

    try:
        result = site_build.build(args.root, args.site_dir)
    except site_build.BuildError as error:
        print(f"./scripts/policy build: {error}.", file=sys.stderr)
        print("Nothing was built: site/ was left as it was.", file=sys.stderr)
        return 2
    if result.ok:
        print(f"Built {args.site_dir or 'site/'} from {result.files_checked} checked files.")
        return 0
    if result.output:
        sys.stderr.write(result.output)
    if result.problems:
        sys.stdout.write(format_text(result.problems, result.files_checked))
    print(f"The build stopped at the {result.stage} stage: site/ was left as it was.", file=sys.stderr)
    return 1


def cmd_check_site(args: argparse.Namespace) -> int:
    """Check the policies and a site built from them by any tool."""
    from . import build as site_build

    site = args.site or args.root / "site"
    if not site.is_dir():
        print(f"./scripts/policy check-site: {site} is not a folder: build the site first.", file=sys.stderr)
        return 2
    result = site_build.verify(args.root, site)
    if result.ok:
        print(f"No problems found in {site}, built from {result.files_checked} checked files.")
        return 0
    sys.stdout.write(format_text(result.problems, result.files_checked))
    print(f"The check stopped at the {result.stage} stage: do not publish {site}.", file=sys.stderr)
    return 1


def _locked(args: argparse.Namespace, refused: type[Exception], nothing: str, change: Callable[[], T]) -> T | None:
    """Make a change under the project's lock; if it is refused or cannot be written, say why and return None."""
    command = f"./scripts/policy {args.command}"
    try:
        with exclusive(args.root, "the policies"):
            return change()
    except refused as refusal:
        sys.stderr.write(args.usage())
        print(f"{command}: {refusal}; nothing was {nothing}.", file=sys.stderr)
    except (transaction.WriteError, BusyError) as error:
        print(f"{command}: {error}; nothing was {nothing}.", file=sys.stderr)
    return None


def cmd_new_version(args: argparse.Namespace) -> int:
    """Archive the current text of a policy and prepare the next version."""
    from . import versions
    from .dates import PolicyDate

    def record() -> list[transaction.Change]:
        changes = versions.plan_new_version(
            args.root,
            args.organization,
            PolicyDate.of_day(args.date),
            args.as_of,
            without_notice=args.without_notice,
            document=args.document,
        )
        transaction.commit(args.root, changes, "new-version")
        return changes

    changes = _locked(args, versions.RefusedError, "changed", record)
    if changes is None:
        return 2
    for change in changes:
        print(f"wrote {change.path}")
    print(
        f"Version {args.date} prepared. Now change the current text in both languages and write what changed "
        "in 'summary' (French and English); './scripts/policy check' reports what is still missing."
    )
    return 0


def _scaffolded(args: argparse.Namespace, write: Callable[[datetime.date], list[Path]], then: str) -> int:
    """Write a scaffold as one change under the project's lock; report what was written, or why nothing was."""
    from . import scaffold

    written = _locked(args, scaffold.ScaffoldError, "written", lambda: write(args.date or asof.as_of()))
    if written is None:
        return 2
    for path in written:
        print(f"wrote {path.relative_to(args.root).as_posix()}")
    print(then)
    return 0


def cmd_new_org(args: argparse.Namespace) -> int:
    """Scaffold a new organization's policy in both languages."""
    from . import scaffold

    return _scaffolded(
        args,
        lambda day: scaffold.scaffold(args.root, args.slug, day, args.original_lang),
        "Replace every [[...]] with the policy's text, in French and in English; "
        "'./scripts/policy check' lists those still to fill. The home pages list the organization by itself.",
    )


def cmd_new_document(args: argparse.Namespace) -> int:
    """Scaffold a new document of an organization (a governance policy, terms of use) in both languages."""
    from . import scaffold

    return _scaffolded(
        args,
        lambda day: scaffold.scaffold_document(args.root, args.organization, args.slug, day, args.original_lang),
        "Write the document's title and replace every [[...]] with its text, in French and in English; "
        "'./scripts/policy check' lists those still to fill. The home pages list the document by itself.",
    )


def _day(text: str) -> datetime.date:
    """Parse a --date or --as-of argument (argparse type): a real day written YYYY-MM-DD."""
    try:
        return asof.parse_day(text)
    except asof.AsOfError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_as_of(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--as-of",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day to build as of: which versions are in force or upcoming "
        f"(default: ${asof.ENV}, or today in Québec)",
    )


def _add_scaffold_options(command: argparse.ArgumentParser, written: str, takes_effect: str) -> None:
    """Add what new-org and new-document both ask: the original language (never guessed) and the date."""
    command.add_argument(
        "--original-lang",
        required=True,
        choices=tuple(LANGUAGES),
        help=f"the language the organization wrote {written} in (the other is the translation): no default",
    )
    command.add_argument(
        "--date",
        type=_day,
        default=None,
        help=f"the day {takes_effect} takes effect, YYYY-MM-DD (default: today; change it in both files later)",
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site on 127.0.0.1, rebuilding on every save."""
    from . import build as site_build

    try:
        return site_build.serve(args.root, args.port)
    except KeyboardInterrupt:
        return 0  # Ctrl+C is how the preview is stopped (mkdocs got it too)


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
    check_cmd.add_argument(
        "--format", choices=("text", "json"), default="text", help="print the problems as text (default) or as JSON"
    )
    _add_as_of(check_cmd)
    check_cmd.set_defaults(handler=cmd_check)

    build_cmd = commands.add_parser(
        "build",
        help="check the policies, then build the site into site/",
        description="Check every policy, then build the whole site into a temporary folder, verify it "
        "(no outside resources, no broken links) and only then replace site/. If anything fails, "
        "site/ is left exactly as it was.",
    )
    build_cmd.add_argument("--site-dir", type=Path, default=None, help="build here instead of site/")
    _add_as_of(build_cmd)
    build_cmd.set_defaults(handler=cmd_build)

    site_cmd = commands.add_parser(
        "check-site",
        help="check a site that another tool built (properdocs build, say) before publishing it",
        description="Check every policy, then run on a built site the checks ./scripts/policy build runs "
        "before it replaces site/: every language and every page there, no outside resources, no broken "
        "links. For a site built by a tool other than ./scripts/build; exits with 1 if anything is wrong.",
    )
    site_cmd.add_argument("site", type=Path, nargs="?", default=None, help="the built site (default site/)")
    _add_as_of(site_cmd)
    site_cmd.set_defaults(handler=cmd_check_site)

    version_cmd = commands.add_parser(
        "new-version",
        help="archive the current text of a policy and start its next version",
        description="Keep the current text of a policy, in both languages, as a published version that "
        "can no longer change, then set the current files to the new version's date with an empty change "
        "summary to fill in. Nothing is changed if anything is wrong.",
    )
    version_cmd.add_argument("organization", help="the organization's folder name, e.g. spi-sorel-tracy")
    version_cmd.add_argument(
        "--document",
        default=None,
        metavar="DOCUMENT",
        help="the folder name of another document of the organization, e.g. gouvernance (default: its privacy policy)",
    )
    version_cmd.add_argument(
        "--date", required=True, type=_day, help="the day the new version takes effect, YYYY-MM-DD"
    )
    version_cmd.add_argument(
        "--without-notice",
        action="store_true",
        help="allow a date inside the notice period (an urgent correction that changes no obligation); "
        "you then say why in 'notice_exemption', in both languages",
    )
    _add_as_of(version_cmd)
    version_cmd.set_defaults(handler=cmd_new_version, usage=version_cmd.format_usage)

    org_cmd = commands.add_parser(
        "new-org",
        help="start the policy of a new organization, in French and in English",
        description="Create docs/fr/<name>/index.md and docs/en/<name>/index.md with the front-matter and the "
        "usual sections (same ids in both languages), each holding a [[...]] placeholder. The checker "
        "refuses to publish until every placeholder is replaced; then the organization appears on both "
        "home pages by itself. Nothing is written if the name is taken or not valid.",
    )
    org_cmd.add_argument("slug", help="the folder and address of the organization, e.g. clinique-du-lac")
    _add_scaffold_options(org_cmd, "its policy", "the policy")
    org_cmd.set_defaults(handler=cmd_new_org, usage=org_cmd.format_usage)

    document_cmd = commands.add_parser(
        "new-document",
        help="start another document of an organization (a governance policy, terms of use), in French and English",
        description="Create docs/fr/<organization>/<document>/index.md and docs/en/<organization>/<document>/index.md "
        "with the front-matter and a few sections (same ids in both languages), each holding a [[...]] placeholder. "
        "The document is published at /<organization>/<document>/ with its own history, comparisons, feed and JSON "
        "once every placeholder is replaced. Nothing is written if the organization has no privacy policy or the "
        "name is taken or not valid.",
    )
    document_cmd.add_argument("organization", help="the organization's folder name, e.g. clinique-du-lac")
    document_cmd.add_argument("slug", help="the folder and address of the document, e.g. gouvernance")
    _add_scaffold_options(document_cmd, "this document", "the document")
    document_cmd.set_defaults(handler=cmd_new_document, usage=document_cmd.format_usage)

    serve_cmd = commands.add_parser(
        "serve",
        help="preview the site on your computer while you edit",
        description="Build the site and show it at http://127.0.0.1:8000/ (only on this computer). "
        "Every time you save a file, the policies are checked again and the page reloads.",
    )
    serve_cmd.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    _add_as_of(serve_cmd)
    serve_cmd.set_defaults(handler=cmd_serve)
    return main


def _recover(root: Path) -> None:
    """Finish or undo a change that a kill interrupted, before anything reads the policies."""
    try:
        with exclusive(root, "the policies"):
            done = transaction.recover(root)
    except BusyError:
        return  # the command writing them now finishes its own change
    if done:
        print(f"./scripts/policy: {done}.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = parser().parse_args(argv)
    command = f"./scripts/policy {args.command}"
    saved = os.environ.get(asof.ENV)
    if getattr(args, "as_of", None) is not None:
        # One day for this command and every process it starts (mkdocs and its hook read it).
        os.environ[asof.ENV] = args.as_of.isoformat()
    try:
        with children.stopping_on_signals():
            if args.root.is_dir():
                _recover(args.root)
            return args.handler(args)
    except KeyboardInterrupt:
        print(f"{command}: interrupted (Ctrl+C); what it was writing was left as it was.", file=sys.stderr)
        return 130
    except children.Stopped as stop:
        print(f"{command}: stopped ({stop}); what it was writing was left as it was.", file=sys.stderr)
        return 128 + stop.number
    except OSError as error:
        # Last resort: the commands report the failures they expect themselves.
        print(f"{command}: {transaction.describe(error)}.", file=sys.stderr)
        return 2
    finally:
        if saved is None:
            os.environ.pop(asof.ENV, None)
        else:
            os.environ[asof.ENV] = saved
