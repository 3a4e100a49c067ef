"""Invariant tokens: what a translation must carry over unchanged (addresses, numbers...)."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from .typography import normalize

# Each pattern starts only where its token can start, so that a long line is read once, not once per character.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\d-])(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\d-])")
_POSTAL = re.compile(r"\b[A-CEGHJ-NPR-TVXY]\d[A-CEGHJ-NPR-TV-Z] ?\d[A-CEGHJ-NPR-TV-Z]\d\b")
# Digits grouped by thousands ("25 000", "25,000") first, then any other number.
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ ,]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"(\d{1,3}(?:([ ,])\d{3})+)(?:([.,])(\d+))?")
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_MARKUP = re.compile(r"\{:?\s*#[^{}]*\}|<br\s*/?>", re.IGNORECASE)

KINDS = {
    "email": "e-mail address",
    "url": "URL",
    "phone": "phone number",
    "postal": "postal code",
    "number": "number",
}


@dataclass(frozen=True, order=True)
class Token:
    """An invariant found in a text: its kind and its normalized value."""

    kind: str
    value: str


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)[-10:]


def _digit_words(text: str) -> str:
    """Keep only the runs of words that hold a digit, one run per line.

    Phone numbers, postal codes and numbers lie within such runs (words joined by one space), so
    the patterns give the same matches on a far shorter text.
    """
    runs: list[list[int]] = []
    for match in _DIGITS.finditer(text):
        if runs and match.start() <= runs[-1][1]:
            continue  # another digit of the word already taken (a long word is searched once)
        start = text.rfind(" ", runs[-1][1] if runs else 0, match.start()) + 1
        end = text.find(" ", match.end())
        end = len(text) if end < 0 else end
        if runs and start <= runs[-1][1] + 1:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return "\n".join(text[start:end] for start, end in runs)


def _number(text: str) -> str:
    """Write a number one way whatever the language: "25 000,5" and "25,000.5" are both "25000.5"."""
    grouped = _THOUSANDS.fullmatch(text)
    if grouped and grouped[3] != grouped[2]:
        return grouped[1].replace(grouped[2], "") + (f".{grouped[4]}" if grouped[4] else "")
    # A decimal comma (French) and a decimal point (English) are the same number.
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return text.replace(",", ".")
    return text


@functools.lru_cache(maxsize=1 << 16)
def extract(text: str) -> frozenset[Token]:
    """Return the invariant tokens of a piece of Markdown.

    Cached: the versions of a policy share most of their lines, and each line is read in every pair.
    """
    # An entity (&#8239; &nbsp; &commat;) is the character it stands for, not a number.
    if "&" in text:
        text = html.unescape(text)
    # Each kind needs an '@', a web prefix or a digit: most lines have none, and the patterns
    # that cannot match are skipped (they were most of the checker's time on a large project).
    folded = text.casefold()  # what the case-insensitive URL pattern can match
    has_email, has_url, has_digit = "@" in text, "http" in folded or "www." in folded, bool(_DIGIT.search(text))
    if not (has_email or has_url or has_digit):
        return frozenset()
    text = normalize(_MARKUP.sub(" ", text))
    found: set[Token] = set()

    def take(pattern: re.Pattern[str], kind: str, key=lambda s: s) -> None:
        nonlocal text

        def record(match: re.Match[str]) -> str:
            found.add(Token(kind, key(match[0])))
            return " "

        text = pattern.sub(record, text)

    if has_email:
        take(_EMAIL, "email", str.lower)
    if has_url:
        take(_URL, "url", lambda s: s.rstrip(".,;:!?").rstrip("/").lower())
    if not has_digit:
        return frozenset(found)
    text = _digit_words(text)
    take(_PHONE, "phone", _digits)
    take(_POSTAL, "postal", lambda s: s.replace(" ", "").upper())
    for match in _NUMBER.finditer(text):
        found.add(Token("number", _number(match[0])))
    return frozenset(found)


def describe(token: Token) -> str:
    """Name a token for a message: "e-mail address 'a@b.ca'"."""
    return f"{KINDS[token.kind]} '{token.value}'"
