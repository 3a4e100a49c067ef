"""Find the link targets of Markdown text as Python-Markdown reads them: inline links and references.

One scan for every check that reads addresses (content safety, links at the source).
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Callable, Iterator

from .sources import fenced

_BRACKET = re.compile(r"\\.|\[|\]|\n[ \t]*\n")
# The address of an inline link, "](address" or "](<address>"; long addresses are cut, which keeps
# the scan linear: only their beginning matters to the checks.
_LINK_TARGET = re.compile(r"\(\s*(<[^>\n]{0,2048}>|[^\s)]{0,2048})")
_REFERENCE = re.compile(r"^ {0,3}\[([^\[\]]+)\]:[ \t]*(\S*)")
_IMAGE_REFERENCE = re.compile(r"!\[([^\[\]]*)\] ?\[([^\[\]]*)\]|!\[([^\[\]]+)\](?![\[(:])")


def inline_links(text: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (offset of the ']', address, is an image) for each "[text](address)" and "![text](address)"."""
    for offset, target, is_image in _inline_targets(text):
        yield offset, target[1].strip("<>"), is_image


def _inline_targets(text: str) -> Iterator[tuple[int, re.Match[str], bool]]:
    """Yield (offset of the ']', the match of its address, is an image) for each inline link and image."""
    opened: deque[int] = deque(maxlen=256)  # nesting deeper than this is not a link anyone writes
    read_up_to = 0  # the end of the last address read: each character is read once
    for token in _BRACKET.finditer(text):
        mark = token[0]
        if mark == "[":
            opened.append(token.start())
        elif mark == "]":
            start = opened.pop() if opened else None
            if text.startswith("(", token.end()) and token.start() >= read_up_to:
                target = _LINK_TARGET.match(text, token.end())
                if target is None:
                    continue
                read_up_to = target.end()
                is_image = start is not None and start > 0 and text[start - 1] == "!"
                yield token.start(), target, is_image
        elif mark[0] == "\n":
            opened.clear()  # a blank line ends the paragraph and any link begun in it


def targets_in_line(line: str) -> Iterator[str]:
    """Yield the address of each inline link or image that ends on this line ("...](address)").

    Faster than ``inline_links`` where only the addresses matter, not which text they belong to.
    """
    start = line.find("](")
    while start >= 0:
        target = _LINK_TARGET.match(line, start + 1)
        if target is not None:
            yield target[1].strip("<>")
        start = line.find("](", start + 2)


def _label(text: str) -> str:
    return " ".join(text.lower().split())


def reference_definitions(text: str, lines: list[tuple[int, str]]) -> Iterator[tuple[int, str, bool]]:
    """Yield (line, address, used by an image) for each reference definition "[label]: address"."""
    images = set()
    for match in _IMAGE_REFERENCE.finditer(text):
        images.add(_label(match[2] or match[1] if match[3] is None else match[3]))
    for index, (number, line) in enumerate(lines):
        definition = _REFERENCE.match(line) if "]:" in line else None
        if definition is None:
            continue
        address = definition[2]
        if not address and index + 1 < len(lines):  # the address may be on the next line
            address = (lines[index + 1][1].split() or [""])[0]
        yield number, address.strip("<>"), _label(definition[1]) in images


def rewrite_targets(text: str, rewrite: Callable[[str], str]) -> str:
    """Return ``text`` with the address of each inline link, image and reference definition rewritten.

    Text in fenced code blocks is left as it is: it shows Markdown, it does not link.
    """
    if "](" not in text and "]:" not in text:
        return text  # no inline link and no reference definition: most sections and many pages
    lines = text.split("\n")
    ends = ["\n"] * (len(lines) - 1) + [""]
    parts = []
    for code, run in itertools.groupby(zip(fenced(lines), lines, ends, strict=True), key=lambda line: line[0]):
        chunk = "".join(line + end for _, line, end in run)
        parts.append(chunk if code else _rewrite_outside_code(chunk, rewrite))
    return "".join(parts)


def _rewrite_outside_code(text: str, rewrite: Callable[[str], str]) -> str:
    """Rewrite the link addresses of text that holds no fenced code block."""
    pieces, kept = [], 0
    for _, target, _ in _inline_targets(text):
        address = target[1]
        bare = address.strip("<>")
        new = rewrite(bare)
        if new != bare:
            pieces += [text[kept : target.start(1)], address.replace(bare, new, 1)]
            kept = target.end(1)
    pieces.append(text[kept:])
    text = "".join(pieces)
    if "]:" not in text:
        return text
    return _REFERENCE_LINE.sub(lambda match: match[1] + _rewritten(match[2], rewrite), text)


_REFERENCE_LINE = re.compile(r"^( {0,3}\[[^\[\]]+\]:[ \t]*)(\S+)", re.MULTILINE)


def _rewritten(address: str, rewrite: Callable[[str], str]) -> str:
    bare = address.strip("<>")
    return address.replace(bare, rewrite(bare), 1)
