"""The decision file: complete in both languages, and strict about its texts."""

from __future__ import annotations

import pytest

from socialroadmap.policy import decisions as decision_file
from socialroadmap.policy.decisions import _text, decisions


def test_every_decision_speaks_both_languages() -> None:
    items = decisions()
    assert [d.key for d in items] == [
        "working_time",
        "evaluation",
        "recruitment",
        "spokespeople",
        "confidentiality",
        "complaints",
        "disclosure",
    ]
    for item in items:
        for text in (item.question, item.heading, item.addition_label):
            assert text.en and text.nl
        for option in item.options:
            assert option.label.en and option.label.nl and option.text.en and option.text.nl
    recruitment = decision_file.decision("recruitment")
    assert recruitment is not None
    option = recruitment.option("customer_facing")
    assert option is not None
    assert option.label.en == "For communication, marketing and customer-service roles"


def test_a_text_cut_short_by_yaml_is_refused() -> None:
    with pytest.raises(ValueError, match="give a text as"):
        _text({"en": "For communication", " marketing": None, "nl": "Voor"})
