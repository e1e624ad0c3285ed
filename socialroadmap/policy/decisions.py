"""The decision file (``decisions.yaml``): the questions of the policy builder, their
options and the policy text each option produces, in English and Dutch.

A version stores its answers as ``{decision key: {"choice": ..., "addition": {"en":
..., "nl": ...}}}``; ``clean_decisions`` checks such a mapping against the file, so an
unknown decision or option never reaches the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from socialroadmap.core.errors import ServiceError
from socialroadmap.engine.text import Text

DECISION_FILE = Path(__file__).with_name("decisions.yaml")
LANGUAGES = ("en", "nl")
MAX_ADDITION = 4000
# The decisions the assessment asks about for project 2 (working time, evaluation,
# recruitment): the model's three questions for HR.
HR_DECISIONS = ("working_time", "evaluation", "recruitment")


@dataclass(frozen=True)
class Option:
    key: str
    label: Text
    text: Text


@dataclass(frozen=True)
class Decision:
    """One question of the builder; ``multiple`` ones take a list of options."""

    key: str
    question: Text
    heading: Text
    addition_label: Text
    options: tuple[Option, ...]
    multiple: bool = False
    intro: Text | None = None

    def option(self, key: str) -> Option | None:
        return next((option for option in self.options if option.key == key), None)


def _text(raw: Mapping[str, Any]) -> Text:
    # Exactly the two languages: an unquoted comma in a YAML flow mapping would
    # otherwise cut a text short without a word.
    if set(raw) != set(LANGUAGES) or not all(isinstance(raw[lang], str) for lang in LANGUAGES):
        raise ValueError(f"{DECISION_FILE.name}: give a text as {{en: ..., nl: ...}}, not {raw!r}")
    return Text(raw["en"], raw["nl"])


@cache
def decisions() -> tuple[Decision, ...]:
    """The decisions of the file, in the order the builder asks them."""
    raw = yaml.safe_load(DECISION_FILE.read_text(encoding="utf-8"))
    return tuple(
        Decision(
            key=str(item["key"]),
            question=_text(item["question"]),
            heading=_text(item["heading"]),
            addition_label=_text(item["addition_label"]),
            options=tuple(
                Option(str(o["key"]), _text(o["label"]), _text(o["text"])) for o in item["options"]
            ),
            multiple=bool(item.get("multiple", False)),
            intro=_text(item["intro"]) if "intro" in item else None,
        )
        for item in raw["decisions"]
    )


def decision(key: str) -> Decision | None:
    return next((d for d in decisions() if d.key == key), None)


def _clean_choice(item: Decision, choice: Any) -> str | list[str] | None:
    if choice in (None, "", []):
        return [] if item.multiple else None
    keys = choice if isinstance(choice, list | tuple) else [choice]
    if not item.multiple and len(keys) > 1:
        raise ServiceError(f"{item.key}: choose one option", field="decisions")
    for key in keys:
        if not isinstance(key, str) or item.option(key) is None:
            raise ServiceError(f"{item.key}: unknown option {key!r}", field="decisions")
    if item.multiple:
        # In the file's order, each once: the document lists them that way.
        return [o.key for o in item.options if o.key in keys]
    return str(keys[0])


def _clean_addition(item: Decision, addition: Any) -> dict[str, str]:
    if addition in (None, ""):
        return dict.fromkeys(LANGUAGES, "")
    if not isinstance(addition, Mapping):
        raise ServiceError(
            f"{item.key}: give the addition as {{'en': ..., 'nl': ...}}", field="decisions"
        )
    unknown = set(addition) - set(LANGUAGES)
    if unknown:
        raise ServiceError(
            f"{item.key}: unknown language(s) {', '.join(sorted(map(str, unknown)))}",
            field="decisions",
        )
    cleaned = {}
    for language in LANGUAGES:
        value = addition.get(language) or ""
        if not isinstance(value, str) or len(value) > MAX_ADDITION:
            raise ServiceError(
                f"{item.key}: the {language} addition must be text of at most "
                f"{MAX_ADDITION} characters",
                field="decisions",
            )
        cleaned[language] = value.strip()
    return cleaned


def clean_decisions(raw: Any) -> dict[str, dict[str, Any]]:
    """``raw`` checked against the decision file, in its plain stored form; a decision
    left out is unanswered. Raises ServiceError naming the unknown decision or option."""
    if raw in (None, ""):
        return {}
    if not isinstance(raw, Mapping):
        raise ServiceError("give the decisions as an object keyed by decision", field="decisions")
    cleaned: dict[str, dict[str, Any]] = {}
    for key, answer in raw.items():
        item = decision(str(key))
        if item is None:
            raise ServiceError(f"unknown decision {key!r}", field="decisions")
        if not isinstance(answer, Mapping):
            answer = {"choice": answer}
        extra = set(answer) - {"choice", "addition"}
        if extra:
            raise ServiceError(
                f"{key}: unknown setting(s) {', '.join(sorted(map(str, extra)))}",
                field="decisions",
            )
        cleaned[item.key] = {
            "choice": _clean_choice(item, answer.get("choice")),
            "addition": _clean_addition(item, answer.get("addition")),
        }
    return cleaned


def is_taken(decisions_: Mapping[str, Any], key: str) -> bool:
    """Whether the decision ``key`` has an answer in a version's decisions."""
    choice = (decisions_.get(key) or {}).get("choice")
    return bool(choice)


def as_data() -> list[dict[str, Any]]:
    """The decision file as plain data (for the API)."""
    return [
        {
            "key": d.key,
            "question": {"en": d.question.en, "nl": d.question.nl},
            "heading": {"en": d.heading.en, "nl": d.heading.nl},
            "addition_label": {"en": d.addition_label.en, "nl": d.addition_label.nl},
            "multiple": d.multiple,
            "options": [
                {
                    "key": o.key,
                    "label": {"en": o.label.en, "nl": o.label.nl},
                    "text": {"en": o.text.en, "nl": o.text.nl},
                }
                for o in d.options
            ],
        }
        for d in decisions()
    ]
