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
