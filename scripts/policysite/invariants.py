"""Invariant tokens: what a translation must carry over unchanged (addresses, numbers...)."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field

from text_to_num import alpha2digit

from .languages import LANGUAGES
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
    "quantity": "quantity",
    "time": "time",
}

# Units a number is compared with, by language: "30 days" and « 30 jours » are the same quantity.
UNITS = {
    "day": ("day", "days", "jour", "jours", "journée", "journées"),
    "week": ("week", "weeks", "semaine", "semaines"),
    "month": ("month", "months", "mois"),
    "year": ("year", "years", "an", "ans", "année", "années"),
    "minute": ("minute", "minutes"),
}
_UNIT = {word: unit for unit, words in UNITS.items() for word in words}
_HOURS = ("hour", "hours", "heure", "heures")
_NUM = r"\d{1,3}(?:[ ,]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
_CONNECTOR = r"to|and|or|through|à|et|ou|-"
# A number, or a range of two ("15 to 30", « 15 à 30 »), then its unit; English may put a word
# between them ("30 business days"). « 24 heures sur 24 » says the unit once and the number twice.
_QUANTITY = re.compile(
    rf"(?<![\d.,])(?P<n1>{_NUM})(?:\s*(?:{_CONNECTOR})\s*(?P<n2>{_NUM}))?\s*"
    rf"(?:(?:calendar|business|working|full|consecutive)\s+)?"
    rf"(?P<unit>{'|'.join(sorted({*_UNIT, *_HOURS}, key=len, reverse=True))})\b"
    rf"(?:\s+sur\s+(?P=n1)\b)?",
    re.IGNORECASE,
)
# Times of day: "8 p.m.", "8:30 a.m.", "20:00"; « 20 h », « 20 h 30 », « 20h30 ».
_TIME_EN = re.compile(r"(?<![\d:])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
_TIME_24 = re.compile(r"(?<![\d:.,])(\d{1,2}):(\d{2})(?![\d:])")
_TIME_FR = re.compile(r"(?<![\d.,])(\d{1,2}) ?h(?: ?(\d{2}))?(?![\w])")
# "1-800" (a long-distance prefix written the English way) is « 1 800 »: one number.
_PREFIX = re.compile(r"(?<![\d-])(\d)-(\d{3})(?!\d|-\d)")
# Written-out numbers are read by text2num (French and English); "one" and "un" are also articles
# and pronouns, so they count as numbers only before a unit ("one year", « un an »).
_SMALL = {"en": {"one": "1", "two": "2"}, "fr": {"un": "1", "une": "1", "deux": "2"}}  # by language code
_SMALL_BEFORE_UNIT = {
    lang: re.compile(
        rf"\b({'|'.join(words)})\s+(?=(?:{'|'.join(sorted({*_UNIT, *_HOURS}, key=len, reverse=True))})\b)",
        re.IGNORECASE,
    )
    for lang, words in _SMALL.items()
}
_SMALL_WORD = {lang: re.compile(rf"\b(?:{'|'.join(words)}) ") for lang, words in _SMALL.items()}
_PERCENT_WORDS = re.compile(r"\s*\b(?:pour cent|pour-cent|per cent|percent)\b", re.IGNORECASE)
# Ordinals text2num writes for "third", « troisième »: not invariants (« les tiers » has none).
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th|ème|eme|e|er|re|nde?)\b")
# Substrings without which a line holds no unit a small number could come before (a quick test).
_UNIT_STEMS = ("day", "jour", "week", "semaine", "month", "mois", "year", " an", "année", "hour", "heure", "minute")


@dataclass(frozen=True, order=True)
class Token:
    """An invariant found in a text: its kind and its normalized value (and how it was written)."""

    kind: str
    value: str
    shown: str = field(default="", compare=False)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)[-10:]


def _digit_words(text: str, after: int = 0) -> str:
    """Keep only the runs of words that hold a digit (and the ``after`` words that follow), one run a line.

    Phone numbers, postal codes, numbers and their units lie within such runs (words joined by one
    space), so the patterns give the same matches on a far shorter text.
    """
    runs: list[list[int]] = []  # [start, end, end of the last digit word taken]
    for match in _DIGITS.finditer(text):
        if runs and match.end() <= runs[-1][2]:
            continue  # another digit of a word already taken (a long word is searched once)
        end = text.find(" ", match.end())
        for _ in range(after):
            if end < 0:
                break
            end = text.find(" ", end + 1)
        end = len(text) if end < 0 else end
        if runs and match.start() <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            start = text.rfind(" ", runs[-1][1] if runs else 0, match.start()) + 1
            if runs and start <= runs[-1][1] + 1:
                runs[-1][1] = end
            else:
                runs.append([start, end, 0])
        word_end = text.find(" ", match.end())
        runs[-1][2] = len(text) if word_end < 0 else word_end
    return "\n".join(text[start:end] for start, end, _ in runs)


def _number(text: str) -> str:
    """Write a number one way whatever the language: "25 000,5" and "25,000.5" are both "25000.5"."""
    grouped = _THOUSANDS.fullmatch(text)
    if grouped and grouped[3] != grouped[2]:
        return grouped[1].replace(grouped[2], "") + (f".{grouped[4]}" if grouped[4] else "")
    # A decimal comma (French) and a decimal point (English) are the same number.
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return text.replace(",", ".")
    return text


def _hours(hour: str, minutes: str | None = None) -> str:
    """Write a time of day or a number of hours one way: "20 h", "20 h 30".

    A time on the hour and a number of hours are one token: « 20 h » is "8 p.m." in one text and
    "20 hours" in another, and French writes both the same way.
    """
    minutes = minutes if minutes and minutes != "00" else ""
    return f"{int(hour)} h" + (f" {minutes}" if minutes else "")


def _twelve_hour(match: re.Match[str]) -> str:
    hour = int(match[1]) % 12 + (12 if match[3].lower() == "p" else 0)
    return _hours(str(hour), match[2])


def _spell_out(text: str, lang: str) -> str:
    """Write the numbers a text spells out in digits ("sept jours" -> "7 jours"), with text2num.

    Ordinals are left out ("third party" is not the number 3), and "one" or « un » count only before
    a unit, where they cannot be an article.
    """
    folded = text.casefold()
    if "cent" in folded:
        text = _PERCENT_WORDS.sub(" %", text)
    small = _SMALL_BEFORE_UNIT.get(lang)
    if small is not None and _SMALL_WORD[lang].search(folded) and any(stem in folded for stem in _UNIT_STEMS):
        text = small.sub(lambda m: _SMALL[lang][m[1].lower()] + " ", text)
    converted = alpha2digit(text, lang)
    if converted != text and _ORDINAL.search(converted):
        written = set(_ORDINAL.findall(text))
        converted = _ORDINAL.sub(lambda m: m[0] if m[0] in written else " ", converted)
    return converted


@functools.lru_cache(maxsize=1 << 16)
def extract(text: str, lang: str = "") -> frozenset[Token]:
    """Return the invariant tokens of a piece of Markdown written in ``lang``.

    Cached: the versions of a policy share most of their lines, and each line is read in every pair.
    """
    # An entity (&#8239; &nbsp; &commat;) is the character it stands for, not a number.
    if "&" in text:
        text = html.unescape(text)
    # Each kind needs an '@', a web prefix or a digit: most lines have none, and the patterns
    # that cannot match are skipped (they were most of the checker's time on a large project).
    folded = text.casefold()  # what the case-insensitive URL pattern can match
    has_email, has_url, has_digit = "@" in text, "http" in folded or "www." in folded, bool(_DIGIT.search(text))
    has_words = lang in _SMALL  # numbers may be written out: text2num reads them (fast)
    if has_words and not (has_email or has_url):
        # Most lines hold no number at all, in digits or in words: they are done with at once.
        text = _spell_out(text, lang)
        has_words, has_digit = False, bool(_DIGIT.search(text))
    if not (has_email or has_url or has_digit or has_words):
        return frozenset()
    if "{" in text or "<" in text:
        text = _MARKUP.sub(" ", text)
    text = normalize(text)
    found: set[Token] = set()

    def take(pattern: re.Pattern[str], kind: str, key=lambda m: m[0]) -> None:
        nonlocal text

        def record(match: re.Match[str]) -> str:
            shown = match[0].rstrip(".,;:!?") if kind == "url" else match[0]
            found.add(Token(kind, key(match), shown))
            return " "

        text = pattern.sub(record, text)

    if has_email:
        take(_EMAIL, "email", lambda m: m[0].lower())
    if has_url:
        take(_URL, "url", lambda m: m[0].rstrip(".,;:!?").rstrip("/").lower())
    if has_words:
        text = _spell_out(text, lang)
    elif not has_digit:
        return frozenset(found)
    if not _DIGIT.search(text):
        return frozenset(found)
    # Units and "p.m." follow their number within two words ("30 business days").
    text = _digit_words(text, after=2)
    take(_PHONE, "phone", lambda m: _digits(m[0]))
    take(_POSTAL, "postal", lambda m: m[0].replace(" ", "").upper())
    take(_TIME_EN, "time", _twelve_hour)
    take(_TIME_24, "time", lambda m: _hours(m[1], m[2]))
    if LANGUAGES[lang].hours_with_h:
        take(_TIME_FR, "time", lambda m: _hours(m[1], m[2]))
    for match in _QUANTITY.finditer(text):
        unit = match["unit"].lower()
        for number in filter(None, (match["n1"], match["n2"])):
            value = _number(number)
            shown = f"{number} {match['unit']}"
            if unit in _HOURS:
                found.add(Token("time", _hours(value) if value.isdigit() else f"{value} h", shown))
            else:
                found.add(Token("quantity", f"{value} {_UNIT[unit]}", shown))
    text = _QUANTITY.sub(" ", text)
    text = _PREFIX.sub(r"\1\2", text)
    for match in _NUMBER.finditer(text):
        found.add(Token("number", _number(match[0]), match[0]))
    return frozenset(found)


def describe(token: Token) -> str:
    """Name a token for a message, as the text writes it: "e-mail address 'a@b.ca'"."""
    return f"{KINDS[token.kind]} '{token.shown or token.value}'"
