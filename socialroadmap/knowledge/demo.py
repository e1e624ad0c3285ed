"""Demo data of the knowledge programme of Koffiebranderij Mertens: five modules over
three levels (the basics compulsory for marketing, sales, customer service and
communication), a quiz on crisis communication, and completions for part of the
roster, so the coverage has gaps to show."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.internalscan.models import Employee
from socialroadmap.knowledge import services
from socialroadmap.knowledge.models import Module
from socialroadmap.organizations.models import Organization

# (title, level, minutes, compulsory, departments, due days, pass mark, description).
# The departments are spelled as people type them: the roster says "Klantendienst".
MODULES: tuple[tuple[Any, ...], ...] = (
    (
        "Social media basics",
        1,
        90,
        True,
        ["marketing", "Verkoop", "klantendienst", "Communicatie"],
        60,
        None,
        "How the networks work, what our accounts are for, and the conversation guide.",
    ),
    (
        "Listening and responding",
        2,
        60,
        True,
        ["Klantendienst", "Communicatie"],
        90,
        None,
        "Finding what is said about Mertens, and answering questions and complaints online.",
    ),
    (
        "Writing for LinkedIn",
        2,
        45,
        False,
        [],
        None,
        None,
        "Posts for the horeca customers and candidates, with our tone of voice.",
    ),
    (
        "Photo and video with a phone",
        2,
        60,
        False,
        [],
        None,
        None,
        "Behind the scenes at the roastery: light, sound and short videos.",
    ),
    (
        "Crisis communication online",
        3,
        120,
        True,
        ["Communicatie"],
        120,
        75,
        "What to do when a complaint spreads: who decides, what we say, and when.",
    ),
)
QUIZ = (
    (
        "A complaint about a bad batch goes viral. What comes first?",
        [
            "A press release",
            "Acknowledge it quickly where it was posted",
            "Delete the posts",
            "Wait for it to pass",
        ],
        2,
    ),
    (
        "Who decides on the public answer in a crisis?",
        ["Whoever sees it first", "The crisis team named in the conversation guide", "The agency"],
        2,
    ),
    (
        "Should you move the conversation to a private channel?",
        ["Never", "Yes, after a public acknowledgement, for personal details", "Always at once"],
        2,
    ),
    (
        "What do you do after the crisis?",
        ["Nothing", "Evaluate and update the conversation guide"],
        2,
    ),
)
# (person, module, days ago, score)
COMPLETIONS = (
    ("Sara El Amrani", "Social media basics", 40, 92),
    ("Tom Vermeulen", "Social media basics", 38, 85),
    ("Jeroen De Smet", "Social media basics", 60, None),
    ("Ellen Maes", "Social media basics", 55, None),
    ("Pieter-Jan Wuyts", "Social media basics", 20, 78),
    ("Pieter-Jan Wuyts", "Listening and responding", 10, None),
    ("Jeroen De Smet", "Listening and responding", 30, None),
    ("Jeroen De Smet", "Crisis communication online", 14, 100),
    ("Sara El Amrani", "Writing for LinkedIn", 25, None),
    ("Hanne Jacobs", "Writing for LinkedIn", 12, None),
)


def seed(organization: Organization, owner: User) -> None:
    """Only on a demo organisation without a programme: what people add later is kept."""
    if Module.objects.for_org(organization).exists():
        return
    modules = {}
    for title, level, minutes, compulsory, departments, due, pass_mark, description in MODULES:
        modules[title] = services.create_module(
            organization,
            title=title,
            level=level,
            duration_minutes=minutes,
            compulsory=compulsory,
            departments=departments,
            due_days=due,
            pass_mark=pass_mark,
            description=description,
            actor=owner,
        )
    crisis = modules["Crisis communication online"]
    for text, options, correct in QUIZ:
        services.add_question(crisis, text=text, options=options, correct=correct, actor=owner)
    people = {e.full_name: e for e in Employee.objects.for_org(organization)}
    today = timezone.localdate()
    for name, title, days_ago, score in COMPLETIONS:
        if name in people:
            services.record_completions(
                modules[title],
                [people[name]],
                completed_on=today - timedelta(days=days_ago),
                score=score,
                actor=owner,
            )
