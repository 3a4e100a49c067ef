"""The files a build derives from the model in one language, and a second core that works them out early.

The derived pages (history, comparisons, permalinks) and each organization's feed and JSON file are
generated in memory; nothing is written into ``docs/``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial

from . import children, feeds, paths
from .blocks import MarkdownConfig
from .languages import LANGUAGES
from .model import Project
from .render import derived_pages, planned_pages
from .templating import DerivedPage

log = logging.getLogger("mkdocs.hooks.policysite")

# A language's derived pages, then its feed and JSON files (path inside the language folder, content).
Derived = tuple[list[DerivedPage], list[tuple[str, str]]]

# Each language's derived files being worked out by the worker, with the site address they were asked for.
Pending = dict[str, tuple[str, "Future[Derived]"]]


def _data_files(project: Project) -> list[tuple[str, Callable[..., str]]]:
    """List each document's feed and JSON file with what writes it."""
    return [
        (rel, write)
        for policy in project.policies
        for rel, write in (
            (paths.feed(policy.folder), partial(feeds.atom_feed, policy)),
            (paths.data(policy.folder), partial(feeds.policy_json, policy)),
        )
    ]


def derived(
    project: Project, lang: str, site_url: str, markdown: MarkdownConfig, wanted: Callable[[str], bool] | None = None
) -> Derived:
    """Return what the build derives from the model in one language (``wanted``: the paths to render; others empty)."""
    files = _data_files(project)
    data = [(rel, "" if wanted and not wanted(rel) else write(lang, site_url, markdown)) for rel, write in files]
    return derived_pages(project, lang, markdown, wanted), data


def derived_paths(project: Project, lang: str, markdown: MarkdownConfig) -> tuple[list[str], list[str]]:
    """Return the paths of the pages and of the files ``derived`` returns, without rendering anything."""
    return [rel for rel, _ in planned_pages(project, lang, markdown)], [rel for rel, _ in _data_files(project)]


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
    """Compute every language's comparisons and feeds on a second core while mkdocs reads the sources.

    Only for ./scripts/policy build (a plain, single-threaded run): forking is not safe in mkdocs serve.
    The worker is forked, so it inherits the project instead of receiving a pickled copy.
    Return nothing to wait for on a single core or where processes cannot fork.
    """
    if not children.can_fork_onto_another_core():
        return {}
    log.debug("policysite: the derived pages are rendered by a second process")
    worker = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), project, markdown),
    )
    pending = {
        code: (site_url, worker.submit(_derived_in_worker, code, site_url))
        for code in LANGUAGES  # in the order the languages are built
    }
    worker.shutdown(wait=False)  # the worker exits once the tasks are done
    return pending
