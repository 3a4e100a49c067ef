"""The site's two languages and the words the build writes in each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """A language the site is published in."""

    code: str  # folder name and front-matter value
    locale: str  # BCP 47 tag for lang and hreflang
    babel: str  # CLDR locale used for dates
    name: str  # its own name, as written on the language toggle
    prefix: str  # URL prefix of its pages ("" for the default language)


FRENCH = Language("fr", "fr-CA", "fr_CA", "Français", "")
ENGLISH = Language("en", "en-CA", "en_CA", "English", "en/")
LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (FRENCH, ENGLISH)}
DEFAULT = FRENCH

# How each language names the others, for messages and the "original language" notice.
LANGUAGE_NAMES = {
    "fr": {"fr": "français", "en": "anglais"},
    "en": {"fr": "French", "en": "English"},
}


def other(code: str) -> Language:
    """Return the language a page in ``code`` is translated into."""
    return ENGLISH if code == FRENCH.code else FRENCH
