"""Dutch and English sentiment of social media posts, offline and fast.

``analyze(text, lang)`` gives a :class:`Sentiment` (``negative``/``neutral``/``positive``
and a score in [-1, 1]) from a linear model over word n-grams, negation scope,
intensifiers, emoji, emoticons, hashtags and irony markers. The weights ship inside this
package (``weights-en.json``, ``weights-nl.json``) and are read once, on first use. They
are trained by ``scripts/train-sentiment``; see ``docs/sentiment-model-card.md``.
"""

from socialroadmap.engine.sentiment.model import (
    LABELS,
    LinearModel,
    Sentiment,
    analyze,
    analyze_many,
    load_model,
)

__all__ = ["LABELS", "LinearModel", "Sentiment", "analyze", "analyze_many", "load_model"]
