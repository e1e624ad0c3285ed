"""Language detection for short posts, fast enough not to dominate the pipeline.

Two steps. Most posts carry a few function words ("de", "het", "the", "and", "le",
"und"): counting them is one set lookup per word and decides clearly for the large
majority. Posts where that count is not decisive (very short, mixed, names only) go to
lingua, a well-kept detector that ships its own n-gram models, restricted to the
configured languages. By default lingua runs in its low-accuracy mode (trigram models
only): 20 MB instead of 160 MB and three times faster, for a few points of accuracy on
those undecided posts; ``accurate=True`` chooses its full models. Measured on the Dutch
and English data: see docs/benchmarks.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from socialroadmap.engine.scan import Scanned, Scanner, function_word_index
from socialroadmap.engine.text import word_set

DEFAULT_LANGUAGES = ("nl", "en", "fr", "de")


# Frequent, short function words that are (nearly) exclusive to one of the languages.
# Words shared by two languages ("de" nl/fr, "in", "was", "die" nl/de) are left out or listed under
# both, which makes them count for neither.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "nl": word_set(
        "het een en van ik je niet dat zijn op voor met ook maar als bij nog wel dan naar "
        "er om uit wat hij zij wij jullie mijn onze hun deze dit geen meer heel veel zo "
        "nu kan moet wordt worden hebben heeft heb ben bent zal zou door over tegen "
        "waar hoe wie omdat want toch al gewoon echt even leuk goed mooi graag jij u "
        "zelf alles niets iets iemand mensen vandaag morgen gisteren weer tijd jaar "
        "dank bedankt hoi hallo ja nee oké zeker binnen buiten onder tussen zonder "
        "allemaal altijd nooit soms vaak steeds samen eigen eigenlijk erg zeer lekker mooie "
        "goede nieuwe grote kleine eerste laatste volgende gaan gaat ging komen komt kwam "
        "staan staat zitten zit laten laat maken maakt gemaakt doen doet gedaan zien ziet "
        "gezien krijgen krijgt kijken kijk zeggen zegt gezegd denken denk vinden vind weten "
        "weet willen wil mogen kunnen konden moesten zouden hadden werd geweest terug verder "
        "daar haar ons jouw uw jou mij zich dus nou misschien eindelijk natuurlijk waarom "
        "welke wanneer elke iedereen niemand beetje weinig genoeg dingen ding vriendelijk "
        "vriendelijke dag dagen avond ochtend aan echte prima welkom groetjes vrienden "
        "lange eten drinken gegeten gedronken lekkere heerlijk heerlijke gezellig gezellige "
        "duur goedkoop zonnig aanrader gesloten vooraf "
        # Common in Dutch though also listed (or common) elsewhere: shared, so not decisive.
        "is we of was pas merci werden hier over door plus"
    ),
    "en": word_set(
        "the and is are to of you that it for with this have has was were be been not "
        "but they we my your our their what which who when where how why will would "
        "can could should just like get got from about all so if or one out up there "
        "them he she his her its than then these those some any more very much really "
        "today tomorrow yesterday thanks thank please love good great new time people "
        "going know think want need make does did don't can't i'm it's "
        "tonight night morning weekend year see watch game win play let come go got getting "
        "been being said say says back first last next never always every everyone someone "
        "something nothing anything here way because after before while still only own same "
        "other another well right life world home work school friend friends family happy "
        "birthday him us may might must shall lol omg didn't i've i'll you're that's "
        # Also common in another listed language: shared, so not decisive.
        "over door car plus son hat"
    ),
    "fr": word_set(
        "le la les des est et un une du pour pas que qui dans sur avec ce cette sont "
        "nous vous ils elles je tu il elle mais ou où donc ni car très bien merci "
        "aujourd'hui demain hier faire fait être avoir c'est j'ai n'est plus tout tous "
        "notre votre leur leurs mon ma mes ton ta tes son sa ses au aux "
        "ne se ça ai aussi encore toujours jamais rien quand comme peu beaucoup trop après "
        "avant chez entre sans sous vers déjà ici alors parce bonjour ont été était sera "
        "peut faut veux suis sommes êtes moi toi lui eux vraiment bon bonne nouveau "
        "nouvelle grand petit"
    ),
    "de": word_set(
        "der das und ist nicht ich du er sie es wir ihr mit für auf ein eine einen "
        "dem den des zu von sich auch noch nur wie aber oder wenn dann schon sehr "
        "heute morgen gestern danke bitte gut neue mehr kein keine haben hat bin sind "
        "wird werden kann muss mein meine unser unsere euer über unter zwischen "
        "im vom zum zur beim jetzt immer wieder einfach wirklich ganz diese dieser dieses "
        "kommt geht gibt habe hatte ob weil doch nach bei aus uns euch mir mich dich dir "
        "ihm ihn jahr leute "
        # Also common in another listed language: shared, so not decisive.
        "so was will als hier also am an"
    ),
}

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+", re.UNICODE)
# One function word decides when no other language has one; more must outnumber the
# runner-up two to one. Measured on the dev data: docs/benchmarks.md.
DECISIVE_HITS = 1
DECISIVE_RATIO = 2.0


class LanguageDetector:
    """Detect the language of posts among ``languages`` (ISO 639-1 codes).

    ``scanner`` splits texts and counts the function words of these languages; the
    pipeline scans each post once with it and passes the result to ``detect_scanned``.
    """

    def __init__(
        self, languages: Sequence[str] = DEFAULT_LANGUAGES, *, accurate: bool = False
    ) -> None:
        unknown = [code for code in languages if code not in FUNCTION_WORDS]
        if unknown:
            raise ValueError(f"unsupported language(s): {', '.join(unknown)}")
        self.languages = tuple(languages)
        self.accurate = accurate
        index = function_word_index([FUNCTION_WORDS[code] for code in self.languages])
        self.scanner = Scanner(index, len(self.languages))

    def decide(self, hits: Sequence[int]) -> str | None:
        """The language when the function-word counts decide clearly, else None."""
        if len(hits) < 2:
            return self.languages[0] if hits and hits[0] >= DECISIVE_HITS else None
        *_, second, top = sorted(hits)
        if top < DECISIVE_HITS or top < DECISIVE_RATIO * second:
            return None
        return self.languages[hits.index(top)]

    def fast_guess(self, text: str) -> str | None:
        """The language when function words decide clearly, else None."""
        return self.decide(self.scanner.scan(text).hits)

    def detect_scanned(self, scanned: Scanned) -> str | None:
        """``detect`` for a text this detector's ``scanner`` has scanned."""
        found = self.decide(scanned.hits)
        if found is None:
            # Links, mentions and hashtags say nothing of the language.
            found = _lingua_detect(self.languages, _NOISE.sub(" ", scanned.text), self.accurate)
        return found

    def detect(self, text: str) -> str | None:
        """The most likely language, or None when the text carries no language at all."""
        return self.detect_scanned(self.scanner.scan(text))

    def detect_many(self, texts: Iterable[str]) -> list[str | None]:
        return [self.detect(text) for text in texts]


@cache
def _lingua(languages: tuple[str, ...], accurate: bool) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in languages]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    if not accurate:
        builder = builder.with_low_accuracy_mode()
    # Preloading costs under a second once per process; lazy loading costs ~9 ms a call.
    return builder.with_preloaded_language_models().build()


def _lingua_detect(languages: tuple[str, ...], text: str, accurate: bool = False) -> str | None:
    if not _WORD.search(text):
        return None
    found = _lingua(languages, accurate).detect_language_of(text)
    return None if found is None else str(found.iso_code_639_1.name).lower()
