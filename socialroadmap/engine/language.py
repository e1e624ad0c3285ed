"""Language detection for short posts, fast enough not to dominate the pipeline.

Two steps. Most posts carry a few function words ("de", "het", "the", "and", "le",
"und"): counting them is one set lookup per word and decides clearly for the large
majority. Posts where that count is not decisive (very short, mixed, names only) go to
lingua, a well-kept detector that ships its own n-gram models, restricted to the
configured languages. Measured on the Dutch and English dev data: see docs/benchmarks.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from socialroadmap.engine.text import word_set

DEFAULT_LANGUAGES = ("nl", "en", "fr", "de")


# Frequent, short function words that are (nearly) exclusive to one of the languages.
# Words shared by two languages ("de" nl/fr, "in", "was", "die" nl/de) are left out.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "nl": word_set(
        "het een en van ik je niet dat zijn op voor met ook maar als bij nog wel dan naar "
        "er om uit wat hij zij wij jullie mijn onze hun deze dit geen meer heel veel zo "
        "nu kan moet wordt worden hebben heeft heb ben bent zal zou door over tegen "
        "waar hoe wie omdat want toch al gewoon echt even leuk goed mooi graag jij u "
        "zelf alles niets iets iemand mensen vandaag morgen gisteren weer tijd jaar "
        "dank bedankt hoi hallo ja nee oké zeker binnen buiten onder tussen zonder"
    ),
    "en": word_set(
        "the and is are to of you that it for with this have has was were be been not "
        "but they we my your our their what which who when where how why will would "
        "can could should just like get got from about all so if or one out up there "
        "them he she his her its than then these those some any more very much really "
        "today tomorrow yesterday thanks thank please love good great new time people "
        "going know think want need make does did don't can't i'm it's"
    ),
    "fr": word_set(
        "le la les des est et un une du pour pas que qui dans sur avec ce cette sont "
        "nous vous ils elles je tu il elle mais ou où donc ni car très bien merci "
        "aujourd'hui demain hier faire fait être avoir c'est j'ai n'est plus tout tous "
        "notre votre leur leurs mon ma mes ton ta tes son sa ses au aux"
    ),
    "de": word_set(
        "der das und ist nicht ich du er sie es wir ihr mit für auf ein eine einen "
        "dem den des zu von sich auch noch nur wie aber oder wenn dann schon sehr "
        "heute morgen gestern danke bitte gut neue mehr kein keine haben hat bin sind "
        "wird werden kann muss mein meine unser unsere euer über unter zwischen"
    ),
}

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+", re.UNICODE)
DECISIVE_HITS = 2
DECISIVE_RATIO = 2.0


class LanguageDetector:
    """Detect the language of posts among ``languages`` (ISO 639-1 codes)."""

    def __init__(self, languages: Sequence[str] = DEFAULT_LANGUAGES) -> None:
        unknown = [code for code in languages if code not in FUNCTION_WORDS]
        if unknown:
            raise ValueError(f"unsupported language(s): {', '.join(unknown)}")
        self.languages = tuple(languages)
        self._index: dict[str, int] = {}
        for position, code in enumerate(self.languages):
            for word in FUNCTION_WORDS[code]:
                self._index[word] = -1 if word in self._index else position

    def _count(self, clean: str) -> list[int]:
        counts = [0] * len(self.languages)
        index = self._index
        for word in _WORD.findall(clean.lower()):
            position = index.get(word)
            if position is not None and position >= 0:
                counts[position] += 1
        return counts

    def fast_guess(self, text: str) -> str | None:
        """The language when function words decide clearly, else None."""
        return self._guess(_NOISE.sub(" ", text))

    def _guess(self, clean: str) -> str | None:
        counts = self._count(clean)
        best = max(range(len(counts)), key=counts.__getitem__)
        top = counts[best]
        second = max((c for i, c in enumerate(counts) if i != best), default=0)
        if top >= DECISIVE_HITS and top >= DECISIVE_RATIO * second:
            return self.languages[best]
        return None

    def detect(self, text: str) -> str | None:
        """The most likely language, or None when the text carries no language at all."""
        clean = _NOISE.sub(" ", text)  # links, mentions and hashtags say nothing of language
        return self._guess(clean) or _lingua_detect(self.languages, clean)

    def detect_many(self, texts: Iterable[str]) -> list[str | None]:
        return [self.detect(text) for text in texts]


@cache
def _lingua(languages: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in languages]
    # Preloading costs under a second once per process; lazy loading costs ~9 ms a call.
    return (
        LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        .with_preloaded_language_models()
        .build()
    )


def _lingua_detect(languages: tuple[str, ...], text: str) -> str | None:
    if not _WORD.search(text):
        return None
    found = _lingua(languages).detect_language_of(text)
    return None if found is None else str(found.iso_code_639_1.name).lower()
