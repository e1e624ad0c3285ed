"""The linear sentiment model: weights shipped in the package, scored with dict lookups."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from threading import Lock
from typing import Any, Literal

from socialroadmap.engine.sentiment.features import extract, normalise_language

Label = Literal["negative", "neutral", "positive"]
LABELS: tuple[Label, Label, Label] = ("negative", "neutral", "positive")
LANGUAGES = ("en", "nl")
WEIGHTS_FILE = "weights-{lang}.json"


@dataclass(frozen=True, slots=True)
class Sentiment:
    """A post's sentiment: its label and a score from -1 (negative) to 1 (positive)."""

    label: Label
    score: float


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

    def score(self, features: Iterable[str]) -> Sentiment:
        """Sum the features' weights, softmax, and read off the label and P(pos) - P(neg)."""
        # filter(None, ...) drops the features the model does not know (None).
        total = sum(filter(None, map(self.weights.get, features)), self.bias)
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
    return load_model(lang).score(extract(text, lang))


def analyze_many(texts: Sequence[str], langs: Sequence[str] | str) -> list[Sentiment]:
    """Sentiment of many posts; ``langs`` is one language for all or one per text."""
    if isinstance(langs, str):
        langs = [langs] * len(texts)
    if len(langs) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(langs)} languages")
    out: list[Sentiment] = []
    for text, lang in zip(texts, langs, strict=True):
        code = normalise_language(lang)
        out.append(load_model(code).score(extract(text, code)))
    return out
