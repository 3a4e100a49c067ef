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


def extract(text: str) -> set[Token]:
    """Return the invariant tokens of a piece of Markdown."""
    text = normalize(_MARKUP.sub(" ", text))
    found: set[Token] = set()

    def take(pattern: re.Pattern[str], kind: str, key=lambda s: s) -> None:
        nonlocal text
        for match in pattern.finditer(text):
            found.add(Token(kind, key(match[0])))
        text = pattern.sub(" ", text)

    take(_EMAIL, "email", str.lower)
    take(_URL, "url", lambda s: s.rstrip(".,;:!?").rstrip("/").lower())
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
