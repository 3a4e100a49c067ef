"""The cache folder, and the compiled templates kept there: reused, never stale."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from policysite import cache


def test_the_folder_is_the_one_named_else_the_user_s(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("POLICYSITE_CACHE", str(tmp_path / "chosen"))
    assert cache.folder() == tmp_path / "chosen"
    monkeypatch.delenv("POLICYSITE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == tmp_path / "xdg" / "policysite"


def test_a_compiled_template_is_kept_and_an_edited_one_compiled_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("POLICYSITE_CACHE", str(tmp_path / "cache"))
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>{{ word }} one</p>", encoding="utf-8")

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "templates"))
        env.bytecode_cache = cache.compiled_templates()  # a new environment, as each language's build makes
        return env.get_template("page.html").render(word="a")

    assert render() == "<p>a one</p>"
    assert len(list((tmp_path / "cache" / "templates").iterdir())) == 1
    template.write_text("<p>{{ word }} two</p>", encoding="utf-8")
    assert render() == "<p>a two</p>"


def test_no_folder_no_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("POLICYSITE_CACHE", str(blocker / "cache"))  # under a file: cannot be made
    assert cache.compiled_templates() is None
