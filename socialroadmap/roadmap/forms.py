from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.accounts.models import User
from socialroadmap.engine.model import MaturityModel
from socialroadmap.roadmap.choices import ProjectStatus


def question_field_name(question_id: str) -> str:
    return f"q_{question_id}"


class AssessmentForm(forms.Form):
    """One radio group per question of the model, labelled in the reader's language."""

    def __init__(self, model: MaturityModel, language: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model = model
        for question in model.questions:
            self.fields[question_field_name(question.id)] = forms.ChoiceField(
                label=question.text.get(language),
                help_text=question.help.get(language),
                choices=[(o.value, o.label.get(language)) for o in question.options],
                widget=forms.RadioSelect,
                required=False,
            )

    def answers(self) -> dict[str, str]:
        return {
            q.id: self.cleaned_data.get(question_field_name(q.id)) or ""
            for q in self.model.questions
        }

    def fields_for(self, project: int) -> list[forms.BoundField]:
        return [self[question_field_name(q.id)] for q in self.model.questions_for(project)]


class RoadmapItemForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        # <input type="date"> needs ISO dates whatever the interface language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, members: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner_field = self.fields["owner"]
        assert isinstance(owner_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        owner_field.queryset = members


class ActionPointForm(forms.Form):
    text = forms.CharField(label=_("New action point"), max_length=500)
