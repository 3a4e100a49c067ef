"""The derived pages' templates: what their authors meant as comments never reaches a reader."""

from __future__ import annotations

import re
from pathlib import Path

from policysite import templating

TEMPLATES = Path(templating.__file__).parent / "templates"
# Jinja's default comment marks: this environment reads them as text, so they would be published.
DEFAULT_COMMENT = re.compile(r"\{#[-\s]|[-\s]#\}")


def test_the_templates_comment_with_the_environment_s_own_marks() -> None:
    assert templating.ENV.comment_start_string == "{##"
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(TEMPLATES.iterdir())
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DEFAULT_COMMENT.search(line)
    ]
    assert found == []


def test_a_comment_written_with_the_default_marks_would_be_published() -> None:
    # The oracle above is only worth having if the default marks really are printed by this environment.
    rendered = templating.ENV.from_string("{#- a note -#}<p>text</p>").render()
    assert "a note" in rendered
    assert "a note" not in templating.ENV.from_string("{##- a note -##}<p>text</p>").render()
