"""Bilingual texts: the product speaks English and Dutch."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A text in both languages of the product."""

    en: str
    nl: str

    def get(self, language: str) -> str:
        """The Dutch text for ``nl`` and its regional variants, English otherwise."""
        return self.nl if language.lower().startswith("nl") else self.en


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (word lists in code)."""
    return frozenset(text.split())
