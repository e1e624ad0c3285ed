"""Assessments (with their answers) and the organisation's roadmap board."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.engine.model import load_model
from socialroadmap.roadmap.choices import AssessmentStatus, ProjectStatus


class Assessment(OrganizationOwnedModel):
    """One respondent's answers to the questionnaire, scored against one model version.

    A draft can be saved and resumed; a submitted assessment keeps the result it had
    then (``result``), so progress over time stays as it was measured.
    """

    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    model_version = models.CharField(_("model version"), max_length=20)
    status = models.CharField(
        _("status"), max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    stage = models.PositiveSmallIntegerField(_("stage"), null=True, blank=True)
    complete = models.BooleanField(_("complete"), default=False)
    result = models.JSONField(_("result"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-submitted_at", "-created_at"]
        indexes = [models.Index(fields=["organization", "status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.respondent} {self.submitted_at or self.created_at:%Y-%m-%d}"

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT


class Answer(OrganizationOwnedModel):
    """The option a respondent chose for one question."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(_("question"), max_length=80)
    value = models.CharField(_("answer"), max_length=40)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question_id"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}={self.value}"


class RoadmapItem(OrganizationOwnedModel):
    """One of the 13 strategic projects on the organisation's board."""

    project = models.PositiveSmallIntegerField(_("project"))
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.NOT_STARTED
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Set once someone chose the status by hand; until then it follows the assessments.
    status_set_by_hand = models.BooleanField(default=False)
    # Optimistic concurrency: every change increments it; a stale edit is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("roadmap item")
        verbose_name_plural = _("roadmap items")
        ordering = ["project"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "project"], name="one_item_per_project"
            ),
            models.CheckConstraint(
                condition=models.Q(project__gte=1, project__lte=13), name="project_1_to_13"
            ),
        ]

    def __str__(self) -> str:
        return f"project {self.project}"


class ActionPoint(OrganizationOwnedModel):
    """A step of a roadmap item: copied from the model, editable per organisation."""

    item = models.ForeignKey(RoadmapItem, on_delete=models.CASCADE, related_name="action_points")
    model_id = models.CharField(_("model action point"), max_length=20, blank=True)
    text = models.CharField(
        _("text"),
        max_length=500,
        blank=True,
        help_text=_("Your own wording. Empty: the model's text, in the reader's language."),
    )
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["item__project", "position", "id"]

    def __str__(self) -> str:
        return self.text or self.model_id

    def display_text(self, language: str) -> str:
        if self.text or not self.model_id:
            return self.text
        project = load_model().project(self.item.project)
        model_point = next((a for a in project.action_points if a.id == self.model_id), None)
        return model_point.text.get(language) if model_point else self.model_id
