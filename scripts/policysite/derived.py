"""The files a build derives from the model in one language, and a second core that works them out early.

The derived pages (history, comparisons, permalinks) and each organization's feed and JSON file are
generated in memory; nothing is written into ``docs/``.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from . import children, feeds, paths
from .blocks import MarkdownConfig
from .languages import DEFAULT, LANGUAGES
from .model import Project
from .render import derived_pages
from .templating import DerivedPage

# A language's derived pages, then its feed and JSON files (path inside the language folder, content).
Derived = tuple[list[DerivedPage], list[tuple[str, str]]]

# Each language's derived files being worked out by the worker, with the site address they were asked for.
Pending = dict[str, tuple[str, "Future[Derived]"]]


def derived(project: Project, lang: str, site_url: str, markdown: MarkdownConfig) -> Derived:
    """Return what the build derives from the model in one language."""
    data = [
        (rel, content)
        for org in project.organizations
        for rel, content in (
            (paths.feed(org.slug), feeds.atom_feed(org, lang, site_url, markdown)),
            (paths.data(org.slug), feeds.policy_json(org, lang, site_url, markdown)),
        )
    ]
    return derived_pages(project, lang, markdown), data


# What the forked worker inherited from the build (set in the worker only, never in the build's process).
_inherited: tuple[Project, MarkdownConfig] | None = None


def _start_worker(parent: int, project: Project, markdown: MarkdownConfig) -> None:
    global _inherited  # the worker's own copy, set once as it starts
    children.die_with_parent(parent)  # killed with mkdocs, however mkdocs is stopped
    _inherited = (project, markdown)


def _derived_in_worker(lang: str, site_url: str) -> Derived:
    assert _inherited is not None, "the worker starts with the project"
    project, markdown = _inherited
    return derived(project, lang, site_url, markdown)


def derive_in_background(project: Project, markdown: MarkdownConfig, site_url: str) -> Pending:
    """Compute the other languages' comparisons and feeds on a second core while the first language builds.

    Only for ./scripts/policy build (a plain, single-threaded run): forking is not safe in mkdocs serve.
    The worker is forked, so it inherits the project instead of receiving a pickled copy.
    Return nothing to wait for on a single core or where processes cannot fork.
    """
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return {}
    worker = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), project, markdown),
    )
    pending = {
        code: (site_url, worker.submit(_derived_in_worker, code, site_url))
        for code in LANGUAGES
        if code != DEFAULT.code
    }
    worker.shutdown(wait=False)  # the worker exits once the tasks are done
    return pending
