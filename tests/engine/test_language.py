import pytest

from socialroadmap.engine.language import LanguageDetector

DETECTOR = LanguageDetector()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ik heb vandaag een heerlijke koffie gedronken bij de branderij", "nl"),
        ("Waarom is mijn bestelling nog niet geleverd? Al drie dagen wachten", "nl"),
        ("The coffee was great and the staff were really friendly", "en"),
        ("Why is my order still not here? Waiting for three days now", "en"),
        ("Le café était très bon et le service aussi, merci !", "fr"),
        ("Der Kaffee ist heute sehr gut und die Bedienung auch", "de"),
    ],
)
def test_it_detects_clear_posts_on_the_fast_path(text: str, language: str) -> None:
    assert DETECTOR.fast_guess(text) == language
    assert DETECTOR.detect(text) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Koffiebranderij opent vestiging in Gent", "nl"),
        ("Roastery opens second shop downtown", "en"),
    ],
)
def test_posts_without_function_words_go_to_the_fallback(text: str, language: str) -> None:
    assert DETECTOR.fast_guess(text) is None
    assert DETECTOR.detect(text) == language


def test_links_mentions_and_hashtags_do_not_count() -> None:
    assert DETECTOR.fast_guess("@the_and_is #the https://the.and/is") is None
    assert DETECTOR.detect("https://example.com @user #tag 123 !!!") is None


def test_the_set_of_languages_is_configurable() -> None:
    only_two = LanguageDetector(("nl", "en"))
    assert only_two.detect("Le café était très bon et le service aussi") in {"nl", "en"}
    with pytest.raises(ValueError, match="unsupported language"):
        LanguageDetector(("nl", "xx"))
