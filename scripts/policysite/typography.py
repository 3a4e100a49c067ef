"""Typography: what counts as the same text, and French spacing for rendering."""

from __future__ import annotations

import functools
import re
import unicodedata

from .languages import LANGUAGES

# Characters that differ only typographically from a plain equivalent.
_EQUIVALENTS = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u2019": "'",  # right single quotation mark used as apostrophe
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2011": "-",
    }
)
_TYPOGRAPHIC = re.compile("[" + "".join(map(chr, _EQUIVALENTS)) + "]")
_SPACE_BEFORE = re.compile(r" ([:;!?%])")


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Fold whitespace, apostrophes and quotes so that only wording differences remain.

    Cached: comparisons normalize the same paragraphs and words again for each pair of versions.
    """
    text = unicodedata.normalize("NFC", text)
    # translate() is slow on accented text: only run it when there is something to fold.
    if _TYPOGRAPHIC.search(text):
        text = text.translate(_EQUIVALENTS)
    # split() and the pattern \s agree on what whitespace is; join() is several times faster.
    text = " ".join(text.split())
    # French puts a space before : ; ! ? and inside guillemets; English does not.
    return _SPACE_BEFORE.sub(r"\1", text)


NBSP = "\u00a0"
NNBSP = "\u202f"
_BEFORE_PUNCT = re.compile(r"[ \u00a0\u202f]?([;!?])(?=\s|$|<)")
_BEFORE_COLON = re.compile(r"[ \u00a0]([:])(?=\s|$|<)")
_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f]?")
_CLOSE_GUILLEMET = re.compile(r"[ \u00a0\u202f]?»")
_PERCENT = re.compile(r"(\d) %")
_SPACED_MARKS = re.compile(r"[;!?:«»%]")


def french_spacing(text: str) -> str:
    """Apply French spacing to plain text: no-break spaces before : ; ! ? % and inside « »."""
    if not _SPACED_MARKS.search(text):
        return text  # most text nodes have none of the marks: skip the five patterns
    text = _BEFORE_PUNCT.sub(lambda m: NNBSP + m[1], text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _OPEN_GUILLEMET.sub("«" + NNBSP, text)
    text = _CLOSE_GUILLEMET.sub(NNBSP + "»", text)
    return _PERCENT.sub(r"\1" + NBSP + "%", text)


def typeset(lang: str, text: str) -> str:
    """Apply the spacing rules of ``lang`` to plain text (none for a language that spaces no marks)."""
    return french_spacing(text) if LANGUAGES[lang].spaced else text
