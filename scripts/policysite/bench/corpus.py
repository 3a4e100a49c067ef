"""Generate a synthetic project: N organizations × V versions × 2 languages, valid for the checker.

Each policy is built once as a structure of sections, paragraphs and lists whose sentences come in
pairs from the phrasebook; both languages are rendered from the same structure, so they carry the
same sections, list items and invariants. Each new version copies the previous structure and makes
a few small edits to it, the way an editor would. Archived versions are locked in versions.lock.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import lock, paths
from ..languages import LANGUAGES
from . import phrases

PROJECT_FILES = ("docs", "overrides", "mkdocs.yml", "versions.lock", "policies.yml")  # a project's sources
THEME_FILES = ("mkdocs.yml", "overrides")  # what a generated project takes from ours


@dataclass
class Phrase:
    """One sentence or list item, the same in both languages, with its slot values."""

    table: str  # "sentence", "item" or "intro"
    index: int
    values: dict[str, str]
    opener: int = 0
    closer: int = 0

    def render(self, lang: str) -> str:
        """Write the phrase in ``lang``."""
        column = 0 if lang == "fr" else 1
        if self.table == "intro":
            return phrases.LIST_INTROS[self.index][column]
        if self.table == "item":
            return phrases.ITEMS[self.index][column].format(**self.values)
        opener = phrases.OPENERS[self.opener][column]
        core = phrases.SENTENCES[self.index][column].format(**self.values)
        closer = phrases.CLOSERS[self.closer][column]
        if not opener:
            core = core[0].upper() + core[1:]
        return f"{opener}{core}{closer}."


@dataclass
class Block:
    """A paragraph (sentences) or a list (an introducing sentence, then items)."""

    is_list: bool
    phrases: list[Phrase]


@dataclass
class Part:
    """A section (level 2) or a subsection (level 3) with its blocks."""

    id: str
    level: int
    titles: tuple[str, str]  # French, English
    blocks: list[Block] = field(default_factory=list)

    def words(self) -> int:
        """Count the words of the English text (French runs a little longer)."""
        return sum(len(phrase.render("en").split()) for block in self.blocks for phrase in block.phrases)


@dataclass
class Policy:
    """One version of a policy as a structure both languages are rendered from."""

    preamble: Block
    parts: list[Part]


@dataclass(frozen=True)
class Organization:
    """A synthetic organization: its slug, its name and the language its policy is written in."""

    slug: str
    name: str
    original_lang: str


@dataclass
class Stats:
    """What was generated."""

    organizations: int
    versions: int
    files: int
    words: int  # every source file, both languages
    archived: int


class Generator:
    """Deterministic text generation from a seed."""

    def __init__(self, seed: int, org: Organization) -> None:
        self.rng = random.Random(seed)
        self.org = org
        self.used_ids: set[str] = set()
        self.first_words = 0  # the size of the first version, which later ones stay close to

    def values(self) -> dict[str, str]:
        """Pick the invariants a phrase may use; they are written the same in both languages."""
        rng = self.rng
        return {
            "days": str(rng.choice([10, 15, 20, 30, 45, 60, 90])),
            "months": str(rng.choice([6, 12, 18, 24, 36])),
            "years": str(rng.choice([2, 3, 5, 7, 10])),
            "hours": str(rng.choice([24, 48, 72])),
            "age": str(rng.choice([13, 14, 16])),
            "email": f"vieprivee@{self.org.slug}.example.com",
            "phone": f"{rng.choice([418, 438, 450, 514, 819])} 555-{rng.randrange(100, 200):04d}",
            "url": f"<https://www.{self.org.slug}.example.com/confidentialite>",
            "postal": rng.choice(["J3P 5N3", "H2X 1Y4", "G1R 4P5", "J8T 2L1", "J2S 7B6"]),
        }

    def sentence(self) -> Phrase:
        rng = self.rng
        return Phrase(
            "sentence",
            rng.randrange(len(phrases.SENTENCES)),
            self.values(),
            opener=rng.randrange(len(phrases.OPENERS)),
            closer=rng.randrange(len(phrases.CLOSERS)),
        )

    def item(self) -> Phrase:
        return Phrase("item", self.rng.randrange(len(phrases.ITEMS)), self.values())

    def paragraph(self) -> Block:
        return Block(False, [self.sentence() for _ in range(self.rng.randint(2, 5))])

    def list_block(self) -> Block:
        intro = Phrase("intro", self.rng.randrange(len(phrases.LIST_INTROS)), {})
        return Block(True, [intro, *(self.item() for _ in range(self.rng.randint(3, 7)))])

    def blocks(self, words: int) -> list[Block]:
        """Write paragraphs, with a list now and then, until about ``words`` words."""
        result: list[Block] = []
        total = 0
        while True:
            block = self.list_block() if result and self.rng.random() < 0.3 else self.paragraph()
            size = Part("", 0, ("", ""), [block]).words()
            if result and abs(total + size - words) >= abs(total - words):
                return result
            result.append(block)
            total += size

    def unique_id(self, base: str) -> str:
        candidate, number = base, 2
        while candidate in self.used_ids:
            candidate, number = f"{base}-{number}", number + 1
        self.used_ids.add(candidate)
        return candidate

    def subsection(self, parent: Part, words: int) -> Part:
        suffix, fr, en = self.rng.choice(phrases.SUBTOPICS)
        return Part(self.unique_id(f"{parent.id}-{suffix}"), 3, (fr, en), self.blocks(words))

    def policy(self) -> Policy:
        """Write a first version: 10–20 sections, 2,000–5,000 words, subsections and lists."""
        rng = self.rng
        count = rng.randint(10, 20)
        budget = rng.randint(1400, 3200) - 60  # the preamble; edits add words later
        topics = sorted(rng.sample(range(len(phrases.TOPICS)), count - 1))
        chosen = [phrases.TOPICS[index] for index in topics] + [phrases.CONTACT]
        per_section = budget // count
        parts: list[Part] = []
        for topic_id, fr, en in chosen:
            section = Part(self.unique_id(topic_id), 2, (fr, en))
            subsections = rng.randint(0, 3)
            share = per_section // (subsections + 1)
            section.blocks = self.blocks(share)
            parts.append(section)
            parts.extend(self.subsection(section, share) for _ in range(subsections))
        policy = Policy(self.paragraph(), parts)
        self.first_words = _words(policy)
        return policy

    def edit(self, policy: Policy) -> tuple[Policy, list[tuple[str, str]]]:
        """Return a copy of ``policy`` with 2–4 small edits, and a summary of them in each language.

        An edit adds text while the policy is no longer than its first version and cuts text once it
        is, so a policy keeps about its size and twice the versions is twice the text (the bench
        measures the build's linearity in versions, not the growth of a text).
        """
        rng = self.rng
        policy = copy.deepcopy(policy)
        done: list[tuple[str, Part]] = []
        for _ in range(rng.randint(2, 4)):
            longer = _words(policy) > self.first_words
            kind = rng.choices(
                ["reword", "number", *(("cut", "removal") if longer else ("item", "sentence", "subsection"))],
                weights=[4, 3, *((5, 1) if longer else (3, 3, 1))],
            )[0]
            part = rng.choice(policy.parts)
            subsections = [candidate for candidate in policy.parts if candidate.level == 3]
            if kind == "removal" and subsections:
                part = rng.choice(subsections)
            section = _section_of(policy, part)
            paragraphs = [block for block in part.blocks if not block.is_list]
            lists = [block for block in part.blocks if block.is_list]
            cuttable = [block for block in part.blocks if len(block.phrases) > (4 if block.is_list else 1)]
            if kind == "reword" and paragraphs:
                block = rng.choice(paragraphs)
                block.phrases[rng.randrange(len(block.phrases))] = self.sentence()
            elif kind == "number" and (timed := [p for b in paragraphs for p in b.phrases if _has_delay(p)]):
                phrase = rng.choice(timed)
                fresh = self.values()
                phrase.values = {**phrase.values, **{key: fresh[key] for key in ("days", "months", "years")}}
            elif kind == "item" and lists:
                block = rng.choice(lists)
                block.phrases.insert(rng.randint(1, len(block.phrases)), self.item())
            elif kind == "subsection":
                index = policy.parts.index(section) + 1
                while index < len(policy.parts) and policy.parts[index].level == 3:
                    index += 1
                policy.parts.insert(index, self.subsection(section, 150))
            elif kind == "cut" and cuttable:
                block = rng.choice(cuttable)
                del block.phrases[rng.randrange(1 if block.is_list else 0, len(block.phrases))]
            elif kind == "removal" and part.level == 3:
                policy.parts.remove(part)
            else:
                kind = "sentence"
                block = rng.choice(paragraphs) if paragraphs else part.blocks[0]
                block.phrases.append(self.sentence() if not block.is_list else self.item())
            done.append((kind, section))
        summaries = []
        for lang_index in (0, 1):
            sentences = []
            for kind, section in done:
                sentence = phrases.SUMMARIES[kind][lang_index].format(section=section.titles[lang_index])
                if sentence not in sentences:
                    sentences.append(sentence)
            summaries.append(" ".join(sentences))
        return policy, [("fr", summaries[0]), ("en", summaries[1])]


def _words(policy: Policy) -> int:
    """Count the words of a policy's English text."""
    return sum(part.words() for part in policy.parts)


def _has_delay(phrase: Phrase) -> bool:
    """Return True for a sentence that states a time limit."""
    return phrase.table == "sentence" and bool(
        re.search(r"\{(?:days|months|years)\}", phrases.SENTENCES[phrase.index][0])
    )


def _section_of(policy: Policy, part: Part) -> Part:
    """Return the section a part belongs to (itself for a section)."""
    index = policy.parts.index(part)
    while policy.parts[index].level != 2:
        index -= 1
    return policy.parts[index]


def _quote(value: str) -> str:
    """Write a YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(policy: Policy, lang: str, meta: dict[str, str]) -> str:
    """Write one language of a policy: front-matter, preamble, then every section."""
    column = 0 if lang == "fr" else 1
    lines = ["---", *(f"{key}: {value}" for key, value in meta.items()), "---", ""]
    lines.append(" ".join(phrase.render(lang) for phrase in policy.preamble.phrases))
    for part in policy.parts:
        lines += ["", f"{'#' * part.level} {part.titles[column]} {{#{part.id}}}"]
        for block in part.blocks:
            lines.append("")
            if block.is_list:
                intro, *items = block.phrases
                lines += [intro.render(lang), ""]
                lines += [f"- {item.render(lang)}" for item in items]
            else:
                lines.append(" ".join(phrase.render(lang) for phrase in block.phrases))
    return "\n".join(lines) + "\n"


LAST_DAY = dt.date(2025, 12, 31)  # no version is later: every one is in force whatever day the bench runs


def _dates(rng: random.Random, count: int) -> list[str]:
    """Return ``count`` increasing version dates up to LAST_DAY; the first is sometimes a month alone."""
    gaps = [rng.randint(75, 400) for _ in range(count - 1)]
    days = [rng.randint(1, 28) for _ in range(count)]
    start = LAST_DAY - dt.timedelta(days=sum(gaps) + rng.randrange(0, 365))
    day = start.replace(day=days[0])
    dates = [day.strftime("%Y-%m") if rng.random() < 0.25 else day.isoformat()]
    for gap, day_of_month in zip(gaps, days[1:], strict=True):
        day = (day.replace(day=1) + dt.timedelta(days=gap)).replace(day=day_of_month)
        dates.append(day.isoformat())
    return dates


def organizations(count: int) -> list[Organization]:
    """Name ``count`` organizations; every other one writes its policy in English first."""
    result = []
    for number in range(count):
        first = phrases.NAME_FIRST[number % len(phrases.NAME_FIRST)]
        second = phrases.NAME_SECOND[(number // len(phrases.NAME_FIRST)) % len(phrases.NAME_SECOND)]
        name = f"{first} {second}" + (f" {number // 64 + 1}" if number >= 64 else "")
        slug = f"org-{number + 1:03d}"
        result.append(Organization(slug, name, "fr" if number % 2 == 0 else "en"))
    return result


def copy_project(source: Path, target: Path, names: tuple[str, ...] = PROJECT_FILES) -> Path:
    """Copy a project's files (those of ``names`` it has) into a new ``target``; share its scripts/."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in names:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        elif (source / name).exists():
            shutil.copy2(source / name, target / name)
    (target / "scripts").symlink_to((source / "scripts").resolve())
    return target


def write_project(target: Path, source_root: Path, orgs: int, versions: int, seed: int = 2026) -> Stats:
    """Write a whole project into ``target``: configuration, docs/ and versions.lock."""
    copy_project(source_root, target, THEME_FILES)
    # Files beside the language folders (the hosts' _headers) are published as they are.
    for extra in (source_root / "docs").iterdir():
        if extra.is_file():
            (target / "docs").mkdir(exist_ok=True)
            shutil.copy2(extra, target / "docs" / extra.name)
    files: dict[str, str] = {}
    for lang in LANGUAGES:
        title, description = phrases.HOME[lang]
        files[f"docs/{lang}/index.md"] = f"---\ntitle: {title}\n---\n\n{description}\n"
    archived = 0
    for number, org in enumerate(organizations(orgs)):
        generator = Generator(seed * 1000 + number, org)
        dates = _dates(generator.rng, versions)
        policy = generator.policy()
        summaries: dict[str, str] = {}
        for index, version in enumerate(dates):
            if index:
                policy, pairs = generator.edit(policy)
                summaries = dict(pairs)
            current = index == len(dates) - 1
            for lang in LANGUAGES:
                meta = {
                    "organization": org.slug,
                    "organization_name": _quote(org.name),
                    "title": _quote(phrases.POLICY_TITLE[lang].format(name=org.name)),
                    "lang": lang,
                    "original_lang": org.original_lang,
                    "version": _quote(version),
                    "effective": _quote(dates[0]),
                }
                if index:
                    meta["updated"] = version
                    meta["summary"] = _quote(summaries[lang])
                rel = paths.policy(org.slug) if current else paths.version(org.slug, version)
                files[f"docs/{lang}/{rel}"] = render(policy, lang, meta)
                archived += not current
    hashes = {}
    for path, content in sorted(files.items()):
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8")
        (target / path).write_bytes(data)
        if "/versions/" in path:
            hashes[path] = lock.digest(data)
    (target / lock.LOCK).write_text(lock.format_lock(hashes), encoding="utf-8")
    words = sum(len(content.split()) for content in files.values())
    return Stats(orgs, versions, len(files), words, archived)
