"""Invariant tokens: what a translation must carry over unchanged (addresses, numbers...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .typography import normalize

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\d-])(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\d-])")
_POSTAL = re.compile(r"\b[A-CEGHJ-NPR-TVXY]\d[A-CEGHJ-NPR-TV-Z] ?\d[A-CEGHJ-NPR-TV-Z]\d\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_MARKUP = re.compile(r"\{:?\s*#[^}]*\}|<br\s*/?>", re.IGNORECASE)

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
        start = text.rfind(" ", 0, match.start()) + 1
        end = text.find(" ", match.end())
        end = len(text) if end < 0 else end
        if runs and start <= runs[-1][1] + 1:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return "\n".join(text[start:end] for start, end in runs)


def extract(text: str) -> set[Token]:
    """Return the invariant tokens of a piece of Markdown."""
    # Each kind needs an '@', a web prefix or a digit: most lines have none, and the patterns
    # that cannot match are skipped (they were most of the checker's time on a large project).
    folded = text.casefold()  # what the case-insensitive URL pattern can match
    has_email, has_url, has_digit = "@" in text, "http" in folded or "www." in folded, bool(_DIGIT.search(text))
    if not (has_email or has_url or has_digit):
        return set()
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
        return found
    text = _digit_words(text)
    take(_PHONE, "phone", _digits)
    take(_POSTAL, "postal", lambda s: s.replace(" ", "").upper())
    for match in _NUMBER.finditer(text):
        value = match[0]
        # A decimal comma (French) and a decimal point (English) are the same number.
        if re.fullmatch(r"\d+,\d{1,2}", value):
            value = value.replace(",", ".")
        found.add(Token("number", value))
    return found


def describe(token: Token) -> str:
    """Name a token for a message: "e-mail address 'a@b.ca'"."""
    return f"{KINDS[token.kind]} '{token.value}'"
