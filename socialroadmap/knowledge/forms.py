from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.people import department_key, departments
from socialroadmap.knowledge.choices import MAX_OPTIONS
from socialroadmap.knowledge.models import Module, Question
from socialroadmap.knowledge.services import MODULE_FIELDS
from socialroadmap.organizations.models import Organization


class DateInput(forms.DateInput):
    input_type = "date"


def _https_first(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Links typed without a scheme get https:// (Django 6's default, chosen now)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    if field.name == "departments":
        return None  # a field of its own below
    return field.formfield(**kwargs)


class ModuleForm(forms.ModelForm):
    """A module; the departments are chosen from the roster's (none: everybody)."""

    departments = forms.MultipleChoiceField(
        label=_("Departments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Who must take a compulsory module; none chosen means everybody on the roster."
        ),
    )

    class Meta:
        formfield_callback = _https_first
        model = Module
        fields = MODULE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = {key: name for key, name in departments(organization).items() if key}
        for name in self.instance.departments or []:
            names.setdefault(department_key(name), name)
        field = cast(forms.MultipleChoiceField, self.fields["departments"])
        field.choices = [(n, n) for n in sorted(names.values(), key=str.lower)]
        self.initial.setdefault("departments", list(self.instance.departments or []))

    def validate_unique(self) -> None:
        """The service says "already a module titled" with a readable message."""

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in MODULE_FIELDS}


class PeopleField(forms.ModelMultipleChoiceField):
    """People of the roster as check boxes, with their department."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.department})" if obj.department else str(obj.full_name)


class CompletionsForm(forms.Form):
    """Several people who completed a module on one day; those who already did are not
    offered."""

    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput())
    score = forms.IntegerField(label=_("Score (%)"), required=False, min_value=0, max_value=100)
    employees = PeopleField(
        label=_("People"),
        queryset=Employee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, module: Module, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = cast(PeopleField, self.fields["employees"])
        done = module.completions.values_list("employee_id", flat=True)
        people.queryset = Employee.objects.for_org(module.organization).exclude(pk__in=done)
        self.initial.setdefault("completed_on", timezone.localdate())


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500)
    options = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": MAX_OPTIONS}),
        help_text=_("One option a line, 2 to 6 options."),
    )
    correct = forms.IntegerField(
        label=_("Right answer"),
        min_value=1,
        max_value=MAX_OPTIONS,
        help_text=_("The number of the right option: 1 for the first line."),
    )

    @classmethod
    def of(cls, question: Question, data: Any = None) -> QuestionForm:
        initial = {
            "text": question.text,
            "options": "\n".join(str(o) for o in question.options),
            "correct": question.correct,
        }
        return cls(data, initial=initial)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One completion a line. Header: name, department, email, module, completed_on "
            "(YYYY-MM-DD), score. A person is found by e-mail address, else by name and "
            "department; the module by its title."
        ),
    )


class QuizForm(forms.Form):
    """One choice per question of the module's quiz."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, question in enumerate(questions, start=1):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                choices=[(i, option) for i, option in enumerate(question.options, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.questions = questions

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}
