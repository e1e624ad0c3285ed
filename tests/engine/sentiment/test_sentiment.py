"""Sanity cases for the shipped sentiment models, written for these tests (not from data)."""

import json
import math
from importlib import resources

import pytest

from socialroadmap.engine.sentiment import LABELS, Sentiment, analyze, analyze_many, load_model
from socialroadmap.engine.sentiment.features import extract, normalise_language

ENGLISH = [
    ("I love this new phone, it is absolutely wonderful!", "positive"),
    ("Great service and friendly staff, thank you so much", "positive"),
    ("This is the worst customer service I have ever had.", "negative"),
    ("Terrible update, the app keeps crashing. I hate it", "negative"),
    ("The shop opens at nine on Monday.", "neutral"),
    ("The meeting is scheduled for Tuesday afternoon in room 4.", "neutral"),
]

DUTCH = [
    ("Wat een geweldig mooi resultaat, echt fantastisch!", "positive"),
    ("Heerlijk gegeten, vriendelijke bediening en lekkere wijn.", "positive"),
    ("Wat een slechte service, ik ben er echt boos over.", "negative"),
    ("Het eten was koud en vies, nooit meer hierheen.", "negative"),
    ("De winkel gaat maandag om negen uur open.", "neutral"),
    ("Het overleg vindt dinsdag plaats in Den Haag.", "neutral"),
]


@pytest.mark.parametrize(("text", "label"), ENGLISH)
def test_it_reads_clear_english_posts(text: str, label: str) -> None:
    assert analyze(text, "en").label == label


@pytest.mark.parametrize(("text", "label"), DUTCH)
def test_it_reads_clear_dutch_posts(text: str, label: str) -> None:
    assert analyze(text, "nl").label == label


@pytest.mark.parametrize(
    ("positive", "negated", "lang"),
    [
        ("The food was good", "The food was not good", "en"),
        ("I like this phone", "I don't like this phone", "en"),
        ("Het eten was goed", "Het eten was niet goed", "nl"),
        ("Dit is een leuke winkel", "Dit is geen leuke winkel", "nl"),
        ("De bediening was vriendelijk", "De bediening was niet vriendelijk", "nl"),
    ],
)
def test_negation_lowers_the_score(positive: str, negated: str, lang: str) -> None:
    plain = analyze(positive, lang)
    flipped = analyze(negated, lang)
    assert plain.label == "positive"
    assert flipped.score < plain.score
    assert flipped.label != "positive"


@pytest.mark.parametrize(
    ("negative", "negated", "lang"), [("bad", "not bad", "en"), ("slecht", "niet slecht", "nl")]
)
def test_a_negated_negative_word_is_not_negative(negative: str, negated: str, lang: str) -> None:
    assert analyze(negative, lang).label == "negative"
    assert analyze(negated, lang).label != "negative"
    assert analyze(negated, lang).score > analyze(negative, lang).score


def test_an_irony_marker_stops_a_positive_reading() -> None:
    assert analyze("great service", "en").label == "positive"
    assert analyze("yeah right, great service 🙄", "en").label != "positive"


def test_a_post_in_an_unsupported_language_without_cues_is_neutral() -> None:
    assert analyze("Bonjour tout le monde", "fr").label == "neutral"


def test_negation_scope_is_marked_until_the_clause_ends() -> None:
    features = extract("not good, great", "en")
    assert "n:good" in features
    assert "great" in features and "n:great" not in features


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_emoji_carry_sentiment(lang: str) -> None:
    assert analyze("😍😍", lang).score > analyze("😡😡", lang).score
    assert analyze("😍😍", lang).label == "positive"
    assert analyze("😡😡", lang).label == "negative"


@pytest.mark.parametrize(
    ("plain", "intensified", "lang"),
    [("good", "very very good", "en"), ("goed", "heel erg goed", "nl")],
)
def test_intensifiers_do_not_weaken_a_positive_word(
    plain: str, intensified: str, lang: str
) -> None:
    assert analyze(intensified, lang).label == "positive"
    assert analyze(intensified, lang).score >= analyze(plain, lang).score - 0.1


def test_hashtags_are_split_into_words() -> None:
    features = extract("#NietGoed", "nl")
    assert "#nietgoed" in features and "niet" in features and "n:goed" in features


def test_elongation_and_irony_are_marked() -> None:
    features = extract("sooooo nice, yeah right 🙄", "en")
    assert "_elong" in features and "soo" in features
    assert "_irony" in features


@pytest.mark.parametrize("text", ["", "   ", "12345", "@user http://example.com", "!!!"])
@pytest.mark.parametrize("lang", ["en", "nl", "fr", "nl-BE"])
def test_score_is_in_range_for_any_input(text: str, lang: str) -> None:
    result = analyze(text, lang)
    assert isinstance(result, Sentiment)
    assert result.label in LABELS
    assert -1.0 <= result.score <= 1.0 and not math.isnan(result.score)


def test_label_agrees_with_the_sign_of_a_strong_score() -> None:
    for text, _ in ENGLISH:
        result = analyze(text, "en")
        if result.score > 0.5:
            assert result.label == "positive"
        if result.score < -0.5:
            assert result.label == "negative"


def test_other_languages_use_the_english_model() -> None:
    assert normalise_language("fr") == "en"
    assert normalise_language("nl-BE") == "nl"
    assert analyze("I love it 😍", "de") == analyze("I love it 😍", "en")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_shipped_weights_load(lang: str) -> None:
    model = load_model(lang)
    assert len(model.weights) > 1000
    assert load_model(lang) is model  # read once per process
    raw = resources.files("socialroadmap.engine.sentiment") / f"weights-{lang}.json"
    data = json.loads(raw.read_text(encoding="utf-8"))
    assert data["labels"] == list(LABELS)
    # Vocabulary entries are single tokens or token pairs, never sentences.
    assert max(len(feature.split()) for feature in data["weights"]) <= 2


def test_output_is_deterministic() -> None:
    texts = [text for text, _ in ENGLISH]
    assert [analyze(t, "en") for t in texts] == [analyze(t, "en") for t in texts]


def test_batch_equals_single() -> None:
    texts = [text for text, _ in ENGLISH + DUTCH]
    langs = ["en"] * len(ENGLISH) + ["nl"] * len(DUTCH)
    assert analyze_many(texts, langs) == [analyze(t, g) for t, g in zip(texts, langs, strict=True)]
    assert analyze_many(texts[:2], "en") == [analyze(t, "en") for t in texts[:2]]


def test_batch_refuses_mismatched_languages() -> None:
    with pytest.raises(ValueError, match="languages"):
        analyze_many(["a", "b"], ["en"])
