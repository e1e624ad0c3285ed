"""The policy document: the chosen options' text in each language, as Markdown and PDF,
the escalation matrix when the policy points to it, and the differences."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import zlib

import pytest

from socialroadmap.excellence.services import add_team_member, create_escalation_rule
from socialroadmap.policy import services
from socialroadmap.policy.decisions import decision
from socialroadmap.policy.document import build_document, diff_versions, to_markdown, to_pdf
from tests.conftest import Persona
from tests.policy.helpers import ANSWERS, published


def option_text(key: str, option: str, language: str) -> str:
    item = decision(key)
    assert item is not None
    chosen = item.option(option)
    assert chosen is not None
    return chosen.text.get(language)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_markdown_holds_the_chosen_options_in_the_language(
    owner: Persona, language: str
) -> None:
    version = published(owner)
    text = to_markdown(build_document(version, language))
    assert option_text("working_time", "breaks", language) in text
    assert option_text("recruitment", "customer_facing", language) in text
    assert f"- {option_text('confidentiality', 'product_plans', language)}" in text
    assert option_text("working_time", "freely", language) not in text
    assert ("Niet aan de toog." if language == "nl" else "Not at the counter.") in text
    assert text.startswith("# Social media policy" if language == "en" else "# Socialemediabeleid")
    assert "Acme Benelux" in text
    assert ("Version 1" if language == "en" else "Versie 1") in text
    assert owner.user.full_name in text  # the approval line


def test_an_unanswered_decision_says_so(owner: Persona) -> None:
    version = services.create_draft(owner.organization, actor=owner.user)
    text = to_markdown(build_document(version, "nl"))
    assert "Nog niet beslist." in text and "Nog niet goedgekeurd" in text


def test_the_escalation_matrix_is_listed_when_the_policy_points_to_it(owner: Persona) -> None:
    ann = add_team_member(
        owner.organization,
        name="Ann Peeters",
        email="ann@acme.test",
        role="coe_member",
        actor=owner.user,
    )
    create_escalation_rule(
        owner.organization,
        kind="complaint",
        severity="urgent",
        responsible=ann,
        respond_within_minutes=30,
        actor=owner.user,
    )
    version = services.create_draft(
        owner.organization,
        actor=owner.user,
        decisions={"complaints": {"choice": "escalation_matrix"}},
    )
    english = to_markdown(build_document(version, "en"))
    assert "Ann Peeters, answer within 30 minutes" in english
    assert "antwoord binnen 30 minuten" in to_markdown(build_document(version, "nl"))


def pdf_text(pdf: bytes) -> str:
    """The text drawn in a PDF: pdftotext when installed, else the content streams
    (ReportLab writes them ASCII85 over Flate)."""
    if shutil.which("pdftotext") is not None:
        done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        return " ".join(done.stdout.decode().split())
    parts = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            raw = base64.a85decode(stream.strip(), adobe=True)
            parts.append(zlib.decompress(raw).decode("latin-1"))
        except (ValueError, zlib.error):
            continue
    return " ".join(re.findall(r"\((.*?)\) Tj", "".join(parts)))


def test_the_pdf_is_a_pdf_with_the_text(owner: Persona) -> None:
    pdf = to_pdf(build_document(published(owner), "nl"))
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Socialemediabeleid" in text
    assert "pauzes" in text


def test_the_differences_name_the_decisions_that_changed(owner: Persona) -> None:
    first = published(owner)
    second = services.create_draft(owner.organization, actor=owner.user)
    assert diff_versions(first, second, "en") == []
    changed = dict(ANSWERS, working_time={"choice": "work_related"})
    second = services.update_draft(second, {"decisions": changed}, actor=owner.user)
    [change] = diff_versions(first, second, "en")
    assert change.name == "Social media during working time"
    assert change.before.startswith("In breaks only")
    assert change.after == "For work-related use"
