"""The one scan of a post's text that language, sentiment and matching share."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialroadmap.engine.language import LanguageDetector
from socialroadmap.engine.scan import ELONGATED, SHOUTED, Scanner, scan
from socialroadmap.engine.sentiment import load_model
from socialroadmap.engine.sentiment.features import features_of


def test_words_are_folded_for_matching_and_lower_cased_for_sentiment() -> None:
    scanned = scan("Café MERTENS schenkt Koffie")
    assert scanned.forms == ["cafe", "mertens", "schenkt", "koffie"]
    assert scanned.tokens == ["café", "mertens", "schenkt", "koffie"]


def test_hashtags_and_mentions_keep_their_place_for_phrases_and_near() -> None:
    scanned = scan("Dank @Mertens_Koffie voor de #KoffieMetMelk")
    assert scanned.forms == ["dank", "mertens_koffie", "voor", "de", "koffiemetmelk"]
    assert scanned.marked == [("@mertens_koffie", 1), ("#koffiemetmelk", 4)]
    # The model reads any mention as @user and a hashtag followed by its words.
    assert scanned.tokens == [
        "dank",
        "@user",
        "voor",
        "de",
        "#koffiemetmelk",
        "koffie",
        "met",
        "melk",
    ]


def test_an_address_or_glued_sign_is_no_mention_or_hashtag() -> None:
    scanned = scan("mail info@mertens.be of C#")
    assert scanned.marked == []
    assert scanned.forms == ["mail", "info", "mertens", "be", "of", "c"]


def test_links_are_kept_apart_without_trailing_punctuation() -> None:
    scanned = scan("Lees https://www.hln.be/koffie. Echt!")
    assert scanned.urls == ["https://www.hln.be/koffie"]
    assert "_url" in scanned.tokens
    assert "hln" not in scanned.forms


def test_words_with_apostrophes_and_hyphens_split_for_matching_only() -> None:
    scanned = scan("don't e-mail")
    assert scanned.tokens == ["don't", "e-mail"]
    assert scanned.forms == ["don", "t", "e", "mail"]


def test_emoticons_and_clock_times_are_told_apart() -> None:
    scanned = scan("at 9:30 :D")
    assert scanned.forms == ["at", "9", "30"]
    assert scanned.tokens == ["at", "9", ":", "30", ":d"]


def test_emoji_sequences_are_one_form_and_their_parts_are_tokens() -> None:
    scanned = scan("top 👍🏽")
    assert scanned.forms == ["top", "👍🏽"]
    assert scanned.tokens == ["top", "👍"]


def test_elongation_and_capitals_are_marked_and_cut() -> None:
    scanned = scan("GOoooD coffee, SO GOOD")
    assert scanned.marks & ELONGATED
    assert scanned.marks & SHOUTED
    assert scanned.forms[0] == "good"
    assert scanned.tokens[0] == "good"


def test_runs_of_exclamation_marks_are_cut_to_two() -> None:
    assert scan("wow!!!!!").tokens == ["wow", "!!"]


def test_html_entities_are_decoded() -> None:
    assert scan("koffie &amp; thee").forms == ["koffie", "thee"]


def test_function_words_are_counted_per_language() -> None:
    detector = LanguageDetector(("nl", "en"))
    scanned = detector.scanner.scan("Het is een mooie dag and the sun")
    dutch, english = scanned.hits
    assert dutch >= 3
    assert english >= 2


def test_the_cache_does_not_change_what_a_scan_gives() -> None:
    scanner = Scanner()
    first = scanner.scan("Goooood morning #Gent @Mertens")
    second = scanner.scan("Goooood morning #Gent @Mertens")
    assert (first.forms, first.tokens, first.marked, first.marks) == (
        second.forms,
        second.tokens,
        second.marked,
        second.marks,
    )


def test_a_full_cache_is_emptied_rather_than_grown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("socialroadmap.engine.scan._CACHE_LIMIT", 3)
    scanner = Scanner()
    scanner.scan("een twee drie vier vijf zes")
    assert len(scanner._entries) <= 3


SCORE_CASES = [
    "I love this, it is not bad at all",
    "not good, great",
    "Wat een heel erg slechte service, niet te geloven!!!",
    "so so good 😍 #NotBad yeah right",
    "geen idee maar echt niet lekker",
    "VERY GOOOOD :) https://x.example/a",
    "",
]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("text", SCORE_CASES)
def test_the_fast_score_equals_the_reference_features(text: str, lang: str) -> None:
    model = load_model(lang)
    scanned = scan(text)
    fast = model.score_scanned(scanned, lang)
    reference = model.score(features_of(scanned, lang))
    assert fast.label == reference.label
    assert fast.score == pytest.approx(reference.score, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "not",
                "no",
                "niet",
                "geen",
                "very",
                "heel",
                "zo",
                "te",
                "good",
                "bad",
                "goed",
                "slecht",
                "great",
                ",",
                ".",
                "!",
                "but",
                "maar",
                "😍",
                "🙄",
                "#sarcasm",
                "yeah",
                "right",
                "ja",
                "hoor",
                "the",
                "de",
                "koffie",
            ]
        ),
        max_size=25,
    ),
    st.sampled_from(["en", "nl"]),
)
def test_the_fast_score_equals_the_reference_for_any_word_sequence(
    words: list[str], lang: str
) -> None:
    model = load_model(lang)
    scanned = scan(" ".join(words))
    fast = model.score_scanned(scanned, lang)
    reference = model.score(features_of(scanned, lang))
    assert fast.label == reference.label
    assert fast.score == pytest.approx(reference.score, abs=1e-9)
