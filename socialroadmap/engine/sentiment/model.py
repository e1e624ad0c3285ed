"""The linear sentiment model: weights shipped in the package, scored with dict lookups."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import chain
from threading import Lock
from typing import Any, Literal, NamedTuple

from socialroadmap.engine.scan import Scanned, scan
from socialroadmap.engine.sentiment.features import (
    _IRONY_PAIRS,
    _IRONY_TOKENS,
    _NEGATORS,
    CLAUSE_END,
    INTENSIFIERS,
    NEGATION_SCOPE,
    PREFIX_LENGTH,
    markers,
    normalise_language,
)

Label = Literal["negative", "neutral", "positive"]
LABELS: tuple[Label, Label, Label] = ("negative", "neutral", "positive")
LANGUAGES = ("en", "nl")
WEIGHTS_FILE = "weights-{lang}.json"


class Sentiment(NamedTuple):
    """A post's sentiment: its label and a score from -1 (negative) to 1 (positive)."""

    label: Label
    score: float


_CACHE_LIMIT = 100_000
_CLAUSE_END, _NEGATOR = 1, 2
# Tokens without which a post can have no marker but `` /s``: irony tokens and the first
# tokens of irony pairs.
_MARKER_HINTS = _IRONY_TOKENS | {first for first, _ in _IRONY_PAIRS}
_START, _END = ("<s>",), ("</s>",)
# A token's weights as a unigram (plus its ``p:`` prefix) and inside a negation's scope,
# and what it does (the flags above).
TokenWeights = tuple[complex, complex, int]


class _Unigrams(dict[str, complex]):
    """A token's unigram weight plus the weight of its ``p:`` prefix, worked out once."""

    def __init__(self, weights: dict[str, complex]) -> None:
        super().__init__()
        self._weights = weights

    def __missing__(self, token: str) -> complex:
        weights = self._weights
        weight = weights.get(token, 0j)
        if len(token) > PREFIX_LENGTH + 1:
            weight += weights.get("p:" + token[:PREFIX_LENGTH], 0j)
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        self[token] = weight
        return weight


class _Tokens(dict[str, TokenWeights]):
    """``TokenWeights`` per token for one language, worked out once."""

    def __init__(self, weights: dict[str, complex], lang: str) -> None:
        super().__init__()
        self._weights = weights
        self._negators = _NEGATORS[lang]

    def __missing__(self, token: str) -> TokenWeights:
        get = self._weights.get
        prefix = get("p:" + token[:PREFIX_LENGTH], 0j) if len(token) > PREFIX_LENGTH + 1 else 0j
        flags = (_CLAUSE_END if token in CLAUSE_END else 0) | (
            _NEGATOR if token in self._negators else 0
        )
        entry = (get(token, 0j) + prefix, get("n:" + token, 0j) + prefix, flags)
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        self[token] = entry
        return entry


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression with neutral as the reference class.

    Each feature's weight is one complex number: the real part adds to the positive
    logit, the imaginary part to the negative one (both relative to neutral). That lets
    ``score`` sum a post's weights with ``sum(map(dict.get, ...))``, entirely in C.
    """

    weights: dict[str, complex]
    bias: complex
    meta: dict[str, Any]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        """Build a model from the shipped JSON layout (see ``to_json``)."""
        scale = float(data["scale"])
        weights = {
            feature: complex(w[0] / scale, w[1] / scale) for feature, w in data["weights"].items()
        }
        return cls(weights, complex(*data["bias"]), data.get("meta", {}))

    def to_json(self, scale: int = 1000) -> dict[str, Any]:
        """Weights as ``[positive, negative]`` integers (times ``scale``) against neutral."""
        return {
            "format": 1,
            "labels": list(LABELS),
            "reference": "neutral",
            "scale": scale,
            "bias": [self.bias.real, self.bias.imag],
            "meta": self.meta,
            "weights": {
                feature: [round(w.real * scale), round(w.imag * scale)]
                for feature, w in self.weights.items()
            },
        }

    def __post_init__(self) -> None:
        object.__setattr__(self, "_pairs", {lang: self._pair_weights(lang) for lang in LANGUAGES})
        object.__setattr__(self, "_unigrams", _Unigrams(self.weights))
        tokens = {lang: _Tokens(self.weights, lang) for lang in LANGUAGES}
        object.__setattr__(self, "_tokens", tokens)

    def clear_caches(self) -> None:
        """Forget the per-token weights worked out so far (benchmarks of unseen posts)."""
        self._unigrams.clear()  # type: ignore[attr-defined]
        for tokens in self._tokens.values():  # type: ignore[attr-defined]
            tokens.clear()

    def _pair_weights(self, lang: str) -> dict[tuple[str, ...], complex]:
        """Weights looked up by a pair of neighbouring tokens: the bigram's own, plus
        ``i:b`` when ``a`` is an intensifier. Keyed by the pair itself, so scoring builds
        no strings; and intensifiers cost nothing extra.
        """
        pairs = {tuple(f.split(" ")): w for f, w in self.weights.items() if " " in f}
        boosted = [(f[2:], w) for f, w in self.weights.items() if f.startswith("i:")]
        for intensifier in INTENSIFIERS[lang]:
            for token, weight in boosted:
                pairs[intensifier, token] = pairs.get((intensifier, token), 0j) + weight
        return pairs

    def score(self, features: Iterable[str]) -> Sentiment:
        """Sum the features' weights, softmax, and read off the label and P(pos) - P(neg)."""
        # filter(None, ...) drops the features the model does not know (None).
        return self._sentiment(sum(filter(None, map(self.weights.get, features)), self.bias))

    def score_scanned(self, scanned: Scanned, lang: str) -> Sentiment:
        """``score(features_of(scanned, lang))`` in fewer steps: a token's weights are
        worked out once per distinct token and kept, and bigrams are looked up as pairs.
        ``lang`` is ``en`` or ``nl`` (see ``normalise_language``).
        """
        toks = scanned.tokens
        if _NEGATORS[lang].isdisjoint(toks):
            unigrams: _Unigrams = self._unigrams  # type: ignore[attr-defined]
            total = sum(map(unigrams.__getitem__, toks), self.bias)
        else:
            total = self._score_in_scope(toks, self._tokens[lang])  # type: ignore[attr-defined]
        pair_weights = self._pairs[lang]  # type: ignore[attr-defined]
        if scanned.marks or not _MARKER_HINTS.isdisjoint(toks):
            pairs = list(zip(["<s>", *toks], [*toks, "</s>"], strict=True))
            total += sum(filter(None, map(pair_weights.get, pairs)), 0j)
            get = self.weights.get
            for marker in markers(scanned, pairs):
                total += get(marker, 0j)
        else:
            # No marker is possible but ``/s``: the pairs need not be kept.
            pairs_seen = zip(chain(_START, toks), chain(toks, _END), strict=True)
            total += sum(filter(None, map(pair_weights.get, pairs_seen)), 0j)
            if " /s" in scanned.text:
                total += self.weights.get("_irony", 0j)
        return self._sentiment(total)

    def _score_in_scope(self, toks: list[str], weights: _Tokens) -> complex:
        """Unigrams with ``n:`` inside a negation's scope: ``features_of``'s rules."""
        total = self.bias
        scope = 0
        for token in toks:
            plain, negated, flags = weights[token]
            if flags & _CLAUSE_END:
                scope = 0
                total += plain
            elif flags & _NEGATOR:
                scope = NEGATION_SCOPE
                total += plain
            elif scope:
                scope -= 1
                total += negated
            else:
                total += plain
        return total

    def _sentiment(self, total: complex) -> Sentiment:
        pos = total.real
        neg = total.imag
        top = max(pos, neg, 0.0)
        e_pos = math.exp(pos - top)
        e_neg = math.exp(neg - top)
        e_neu = math.exp(-top)
        value = (e_pos - e_neg) / (e_pos + e_neg + e_neu)
        if top == 0.0:
            return Sentiment("neutral", value)
        return Sentiment("positive" if top == pos else "negative", value)


_models: dict[str, LinearModel] = {}
_lock = Lock()


def load_model(lang: str) -> LinearModel:
    """The shipped model for a language (``en`` or ``nl``), read once per process."""
    model = _models.get(lang)
    if model is None:
        with _lock:
            model = _models.get(lang)
            if model is None:
                path = resources.files("socialroadmap.engine.sentiment") / WEIGHTS_FILE.format(
                    lang=lang
                )
                model = LinearModel.from_json(json.loads(path.read_text(encoding="utf-8")))
                _models[lang] = model
    return model


def analyze(text: str, lang: str) -> Sentiment:
    """Sentiment of one post. Dutch (``nl``, ``nl-BE``…) gets the Dutch model; every
    other language the English one, which still reads emoji, emoticons and the English
    words common in all social media; text it cannot read comes out neutral.
    """
    lang = normalise_language(lang)
    return load_model(lang).score_scanned(scan(text), lang)


def analyze_many(texts: Sequence[str], langs: Sequence[str] | str) -> list[Sentiment]:
    """Sentiment of many posts; ``langs`` is one language for all or one per text."""
    if isinstance(langs, str):
        langs = [langs] * len(texts)
    if len(langs) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(langs)} languages")
    out: list[Sentiment] = []
    for text, lang in zip(texts, langs, strict=True):
        code = normalise_language(lang)
        out.append(load_model(code).score_scanned(scan(text), code))
    return out
