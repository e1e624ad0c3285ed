"""The demo's programme: modules over three levels, a quiz, and gaps in the coverage."""

from __future__ import annotations

from socialroadmap.internalscan import demo as roster_demo
from socialroadmap.knowledge import demo
from socialroadmap.knowledge.coverage import coverage
from socialroadmap.knowledge.models import Completion, Module, Question
from tests.conftest import Persona


def test_the_demo_programme_is_seeded_once_and_shows_gaps(owner: Persona) -> None:
    roster_demo.seed(owner.organization, owner.user)
    demo.seed(owner.organization, owner.user)
    counts = (Module.objects.count(), Question.objects.count(), Completion.objects.count())
    demo.seed(owner.organization, owner.user)

    assert (Module.objects.count(), Question.objects.count(), Completion.objects.count()) == counts
    assert counts[0] == len(demo.MODULES)
    assert set(Module.objects.values_list("level", flat=True)) == {1, 2, 3}
    assert counts[2] == len(demo.COMPLETIONS)
    basics = coverage(owner.organization).total.levels[1]
    assert 0 < basics.done < basics.required


def test_the_demo_programme_without_a_roster_has_no_completions(owner: Persona) -> None:
    demo.seed(owner.organization, owner.user)

    assert Module.objects.count() == len(demo.MODULES)
    assert not Completion.objects.exists()


def test_every_page_of_the_demo_programme_answers(owner: Persona) -> None:
    roster_demo.seed(owner.organization, owner.user)
    demo.seed(owner.organization, owner.user)
    client = owner.client()
    base = "/o/acme/knowledge/"
    pages = [base, f"{base}reminders/", f"{base}completions/import/", f"{base}modules/add/"]
    for module in Module.objects.all():
        pages += [f"{base}modules/{module.pk}/", f"{base}modules/{module.pk}/record/"]
        pages += [f"{base}modules/{module.pk}/quiz/", f"{base}modules/{module.pk}/delete/"]
    for url in pages:
        assert client.get(url).status_code == 200, url
    overview = client.get(base).content.decode()
    assert "Klantendienst" in overview and "Crisis communication online" in overview
