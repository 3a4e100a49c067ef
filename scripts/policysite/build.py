"""Build the site safely: check, render into a temporary folder, verify, then replace site/."""

from __future__ import annotations

import errno
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import asof, children, switch
from .busy import BusyError, exclusive
from .checks import check
from .handshake import Handshake
from .postbuild import check_site
from .problems import Problem
from .transaction import describe

# How Python reports ENOSPC in mkdocs' output: the only failure of the mkdocs stage that is not the policies'.
_DISK_FULL = f"[Errno {errno.ENOSPC}]"


class BuildError(Exception):
    """The build could not run or could not write site/; site/ is as it was. The message says why."""


@dataclass
class BuildResult:
    """The outcome of a build: problems found at whichever stage stopped it."""

    stage: str  # "check", "mkdocs", "post-build" or "done"
    problems: list[Problem]
    files_checked: int
    output: str = ""

    @property
    def ok(self) -> bool:
        return self.stage == "done"


def _start(handshake: Handshake, command: list[str], **popen) -> subprocess.Popen:
    """Start ``mkdocs <command>`` on the project, telling its hook ``handshake``."""
    env = handshake.environment(children.python_environment(handshake.root))
    argv = [sys.executable, "-m", "mkdocs", *command, "--config-file", str(handshake.config_file)]
    return children.start(argv, cwd=handshake.root, env=env, **popen)


def start_mkdocs(root: Path, out: Path) -> subprocess.Popen[str]:
    """Start ``mkdocs build --strict`` into ``out``; the hook dates the build from the policies.

    The hook reads the policies without checking them: build() checks them meanwhile and throws
    the output away if anything is wrong.
    """
    handshake = Handshake(root, checked=True, as_of=asof.given())
    command = ["build", "--strict", "--quiet", "--site-dir", str(out)]
    return _start(handshake, command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def serve(root: Path, port: int) -> int:
    """Run mkdocs' live preview on 127.0.0.1 only, showing the checker's problems on every page.

    Not strict: a strict preview would stop at the first warning and keep showing the previous
    pages as if nothing were wrong; the problems are listed on the pages instead (see preview.py).
    """
    # --no-strict: mkdocs.yml asks for strict builds; the preview shows problems instead of stopping.
    # --dirty: mkdocs then writes only the files the hook marks, which are those a save changed (rebuild.py).
    command = ["serve", "--no-strict", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]
    server = _start(Handshake(root, preview=True, as_of=asof.given()), command)
    try:
        return server.wait()
    finally:
        children.stop(server)  # Ctrl+C reached mkdocs too; SIGTERM or SIGHUP reached only this process


_TRACEBACK = re.compile(
    r"^(?:Traceback \(most recent call last\):\n(?:[ \t].*\n|\n)*"
    r"|\n?(?:During handling of the above exception|The above exception was the direct cause).*\n\n?)",
    re.MULTILINE,
)


def without_tracebacks(output: str) -> str:
    """Keep mkdocs' messages and each exception's last line, not Python's call stack."""
    return _TRACEBACK.sub("", output)


def build(root: Path, site: Path | None = None) -> BuildResult:
    """Check and build into ``site`` (default ``root/site``), replacing it only on success.

    Raise BuildError when the build cannot run (another build writes the same site/, the disk
    refuses): site/ is then as it was too.
    """
    site = site or root / "site"
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        with exclusive(site.parent, f"{site.name}/"):
            _clean(site)
            return _build(root, site)
    except BusyError as error:
        raise BuildError(str(error)) from None
    except OSError as error:
        raise BuildError(f"cannot build beside {site.name}/: {describe(error)}") from None


def verify(root: Path, site: Path) -> BuildResult:
    """Check the policies, then run the post-build checks on ``site``, whatever tool built it.

    A builder other than mkdocs (ProperDocs, say) writes its site without our post-build checks: these
    find a language or a page it left out, as they do for ./scripts/policy build.
    """
    report = check(root)
    if not report.ok:
        return BuildResult("check", report.problems, report.files_checked)
    problems = check_site(site, report.project, root / "mkdocs.yml")
    return BuildResult("post-build" if problems else "done", problems, report.files_checked)


def _clean(site: Path) -> None:
    try:
        switch.clean(site)
    except OSError as error:
        leftovers = ", ".join(path.name for path in switch.leftovers(site))
        raise BuildError(
            f"an earlier build left {leftovers or 'files'} beside {site.name}/ and it cannot be removed "
            f"({describe(error)}); remove it by hand"
        ) from None


def _build(root: Path, site: Path) -> BuildResult:
    # The staging folder sits beside site/ so that the switch is one rename on one filesystem.
    staging = switch.staging(site)
    # mkdocs starts at once and the checker runs meanwhile, on the other core: mkdocs only writes into
    # the staging folder, which is thrown away if the checker finds anything.
    running = start_mkdocs(root, staging)
    try:
        report = check(root)
        if not report.ok:
            return BuildResult("check", report.problems, report.files_checked)
        stdout, stderr = running.communicate()
        if running.returncode != 0:
            if _DISK_FULL in stdout + stderr:
                raise BuildError("the disk filled up while mkdocs wrote the new site: free some space and build again")
            output = without_tracebacks(stdout + stderr)
            return BuildResult("mkdocs", [], report.files_checked, output)
        problems = check_site(staging, report.project, root / "mkdocs.yml")
        if problems:
            return BuildResult("post-build", problems, report.files_checked)
        staging.chmod(0o755)
        try:
            switch.publish(staging, site)
        except OSError as error:
            hint = f" (if it is immutable, 'lsattr -d {site}' shows it and 'chattr -i' clears it)"
            raise BuildError(
                f"{site.name}/ cannot be replaced: {describe(error)}" + (hint if error.errno == errno.EPERM else "")
            ) from None
        return BuildResult("done", [], report.files_checked)
    finally:
        children.stop(running)
        running.communicate()
        shutil.rmtree(staging, ignore_errors=True)
