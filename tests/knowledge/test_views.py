"""Knowledge pages for the owner, a conversation manager, a viewer and an outsider."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from socialroadmap.knowledge import services
from socialroadmap.knowledge.models import Completion, Module, Question
from tests.conftest import Persona
from tests.knowledge.helpers import backdate, module, person, questions, with_quiz

BASE = "/o/acme/knowledge/"
MODULE_FORM = {
    "title": "Social media basics",
    "level": "1",
    "description": "",
    "material_url": "intranet.acme.test/basics",
    "duration_minutes": "90",
    "compulsory": "on",
    "departments": ["Sales"],
    "due_days": "30",
    "pass_mark": "",
}


def test_the_empty_page_says_what_to_do(owner: Persona, member: Persona) -> None:
    page = owner.client().get(BASE)

    assert page.status_code == 200
    assert b'data-testid="knowledge-empty"' in page.content
    assert b"Add the first module" in page.content
    viewer = member.client().get(BASE)
    assert b"A conversation manager of your organisation can set up" in viewer.content
    assert b"Add a module" not in viewer.content


def test_a_manager_adds_a_module_records_completions_and_sees_coverage(
    manager: Persona,
) -> None:
    organization = manager.organization
    ann, bart = person(organization, "Ann", "Sales"), person(organization, "Bart", " sales")
    person(organization, "Cis", "SALES")
    client = manager.client()

    form = client.get(f"{BASE}modules/add/")
    assert b'value="Sales"' in form.content
    added = client.post(f"{BASE}modules/add/", MODULE_FORM)
    assert added.status_code == 302, added.content
    basics = Module.objects.get()
    assert (basics.departments, basics.material_url) == (
        ["Sales"],
        "https://intranet.acme.test/basics",
    )
    assert client.post(f"{BASE}modules/add/", MODULE_FORM).status_code == 200

    record = client.post(
        f"{BASE}modules/{basics.pk}/record/",
        {"completed_on": timezone.localdate().isoformat(), "employees": [ann.pk, bart.pk]},
    )
    assert record.status_code == 302
    assert Completion.objects.count() == 2
    offered = client.get(f"{BASE}modules/{basics.pk}/record/").content.decode()
    assert "Cis (SALES)" in offered and "Ann (Sales)" not in offered
    page = client.get(f"{BASE}modules/{basics.pk}/")
    assert b"Cis" in page.content and b"Still to complete" in page.content

    overview = client.get(BASE).content.decode()
    assert "67% <small" in overview and "(2/3)" in overview
    edited = client.post(f"{BASE}modules/{basics.pk}/edit/", {**MODULE_FORM, "level": "2"})
    assert edited.status_code == 302
    assert Module.objects.get().level == 2


def test_deleting_a_module_lists_what_goes_with_it(owner: Persona) -> None:
    crisis = with_quiz(owner.organization)
    services.record_completions(
        crisis, [person(owner.organization, "Ann")], completed_on=timezone.localdate(), actor=None
    )
    client = owner.client()

    confirm = client.get(f"{BASE}modules/{crisis.pk}/delete/").content.decode()
    assert "1 completion" in confirm and "2 quiz questions" in confirm
    assert "Ann" in confirm and "Who answers in a crisis?" in confirm

    assert client.post(f"{BASE}modules/{crisis.pk}/delete/").status_code == 302
    assert not Module.objects.exists() and not Completion.objects.exists()


def test_a_manager_removes_a_wrong_completion_and_edits_the_quiz(manager: Persona) -> None:
    crisis = with_quiz(manager.organization)
    [wrong] = services.record_completions(
        crisis, [person(manager.organization, "Ann")], completed_on=timezone.localdate(), actor=None
    )
    client = manager.client()

    assert b"Remove" in client.get(f"{BASE}completions/{wrong.pk}/delete/").content
    assert client.post(f"{BASE}completions/{wrong.pk}/delete/").status_code == 302
    assert not Completion.objects.exists()

    added = client.post(
        f"{BASE}modules/{crisis.pk}/questions/add/",
        {"text": "Delete angry posts?", "options": "Yes\nNo", "correct": "2"},
    )
    assert added.status_code == 302
    refused = client.post(
        f"{BASE}modules/{crisis.pk}/questions/add/",
        {"text": "One option?", "options": "Only", "correct": "1"},
    )
    assert b"give 2 to 6 options" in refused.content
    question = Question.objects.get(text="Delete angry posts?")
    assert (
        client.post(
            f"{BASE}questions/{question.pk}/",
            {"text": "Delete posts?", "options": "Yes\nNo", "correct": "2"},
        ).status_code
        == 302
    )
    assert client.post(f"{BASE}questions/{question.pk}/delete/").status_code == 302
    assert Question.objects.count() == 2


def test_a_viewer_on_the_roster_takes_the_quiz_for_themselves(member: Persona) -> None:
    crisis = with_quiz(member.organization)
    me = person(member.organization, "Mo Member", "Sales", member.user.email)
    first, second = questions(crisis)
    client = member.client()

    page = client.get(f"{BASE}modules/{crisis.pk}/quiz/")
    assert b"You take this quiz as Mo Member" in page.content
    failed = client.post(
        f"{BASE}modules/{crisis.pk}/quiz/", {f"q{first.pk}": "1", f"q{second.pk}": "2"}
    )
    assert b"Your score: 50%" in failed.content and b"A press release" in failed.content
    assert not Completion.objects.exists()
    passed = client.post(
        f"{BASE}modules/{crisis.pk}/quiz/", {f"q{first.pk}": "2", f"q{second.pk}": "2"}
    )
    assert b"Passed" in passed.content
    assert Completion.objects.get().employee == me
    assert b"Right answer" not in client.get(f"{BASE}modules/{crisis.pk}/").content


def test_a_member_not_on_the_roster_is_told_who_can_add_them(member: Persona) -> None:
    crisis = with_quiz(member.organization)
    first, _ = questions(crisis)

    page = member.client().get(f"{BASE}modules/{crisis.pk}/quiz/")
    assert b'data-testid="knowledge-not-on-roster"' in page.content
    member.client().post(f"{BASE}modules/{crisis.pk}/quiz/", {f"q{first.pk}": "2"})
    assert not Completion.objects.exists()


def test_a_viewer_reads_but_changes_nothing(member: Persona) -> None:
    basics = module(member.organization)
    client = member.client()

    assert client.get(BASE).status_code == 200
    assert client.get(f"{BASE}modules/{basics.pk}/").status_code == 200
    for url in (
        "modules/add/",
        f"modules/{basics.pk}/edit/",
        f"modules/{basics.pk}/record/",
        f"modules/{basics.pk}/delete/",
        "completions/import/",
        "reminders/",
    ):
        assert client.get(f"{BASE}{url}").status_code == 403, url
        assert client.post(f"{BASE}{url}", MODULE_FORM).status_code == 403, url
    assert Module.objects.get().title == basics.title


def test_the_outsider_gets_404(outsider: Persona, owner: Persona) -> None:
    basics = module(owner.organization)
    client = outsider.client()
    for url in (
        "",
        f"modules/{basics.pk}/",
        f"modules/{basics.pk}/quiz/",
        "completions/export.csv",
    ):
        assert client.get(f"{BASE}{url}").status_code == 404
    assert client.get(f"/o/globex/knowledge/modules/{basics.pk}/").status_code == 404


def test_the_import_page_shows_refused_lines_and_offers_a_template(owner: Persona) -> None:
    module(owner.organization)
    person(owner.organization, "Ann", "", "ann@acme.test")
    client = owner.client()
    text = (
        "name,email,module,completed_on\n"
        ",ann@acme.test,Social media basics,2026-01-02\n"
        "X,,Nope,2026-01-02\n"
    )

    page = client.post(
        f"{BASE}completions/import/", {"file": SimpleUploadedFile("c.csv", text.encode())}
    )
    assert b"1 recorded" in page.content
    assert b'data-testid="knowledge-import-errors"' in page.content
    template = client.get(f"{BASE}completions/template.csv")
    assert template["Content-Disposition"].endswith('template.csv"')
    assert template.content.startswith(b"name,department,email,module,completed_on,score")
    bad = client.post(f"{BASE}completions/import/", {"file": SimpleUploadedFile("c.csv", b"a,b\n")})
    assert b"the header lacks" in bad.content


def test_the_reminder_page_says_how_many_and_sends(owner: Persona, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    basics = module(owner.organization, due_days=10)
    backdate(basics, 30)
    backdate(person(owner.organization, "Ann", "", "ann@acme.test"), 30)
    client = owner.client()

    confirm = client.get(f"{BASE}reminders/")
    assert b"1 person will get a reminder" in confirm.content
    sent = client.post(f"{BASE}reminders/", follow=True)
    assert b"1 reminder(s) sent." in sent.content
    assert b"Reminders last sent on" in sent.content
    assert b"0 people will get a reminder" in client.get(f"{BASE}reminders/").content


def test_a_member_on_the_roster_sees_their_compulsory_modules(member: Persona) -> None:
    basics = module(member.organization, departments=["Sales"])
    module(member.organization, "For IT", departments=["IT"])
    me = person(member.organization, "Mo Member", "sales", member.user.email)

    page = member.client().get(BASE).content.decode()
    assert 'data-testid="knowledge-mine"' in page
    services.record_completions(basics, [me], completed_on=timezone.localdate(), actor=None)
    page = member.client().get(BASE).content.decode()
    mine = page.split('data-testid="knowledge-mine"')[1].split("</div>")[0]
    assert "Social media basics" in mine and "Completed" in mine and "For IT" not in mine
