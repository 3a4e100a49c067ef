"""The site's two languages: how each is tagged, named and written."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """A language the site is published in, and the rules its text is written by."""

    code: str  # folder name and front-matter value
    locale: str  # BCP 47 tag for lang and hreflang
    babel: str  # CLDR locale used for dates and plural forms
    name: str  # its own name, as written on the language toggle
    prefix: str  # URL prefix of its pages ("" for the default language)
    colon: str  # how a label introduces its value: "Version :" in French
    quotes: tuple[str, str]  # the quotation marks around a name, spaces included
    spaced: bool  # no-break spaces before : ; ! ? % and inside « » (French typography)
    first_of_month: str  # the first day of a month where CLDR writes "1" ("1er août"), else ""
    hours_with_h: bool  # writes the time of day "14 h 30"


FRENCH = Language("fr", "fr-CA", "fr_CA", "Français", "", " :", ("« ", " »"), True, "1er", True)
ENGLISH = Language("en", "en-CA", "en_CA", "English", "en/", ":", ("“", "”"), False, "", False)
LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (FRENCH, ENGLISH)}
DEFAULT = FRENCH
MESSAGES = ENGLISH  # the language of the checker's and the build's messages

# How each language names the others, for messages and the "original language" notice.
LANGUAGE_NAMES = {
    "fr": {"fr": "français", "en": "anglais"},
    "en": {"fr": "French", "en": "English"},
}


def message_name(code: str) -> str:
    """Return a language's name as the checker's messages write it."""
    return LANGUAGE_NAMES[MESSAGES.code][code]


def other(code: str) -> Language:
    """Return the language a page in ``code`` is translated into."""
    return ENGLISH if code == FRENCH.code else FRENCH
