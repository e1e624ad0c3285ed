"""The customer sounding board of project 9: customers who agreed to be asked (the
panel), the questions and ideas put to them, their answers and votes, and the decision
each question led to — what customers changed."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.panel.choices import AnswerSource, QuestionKind, QuestionStatus


class PanelMember(OrganizationOwnedModel):
    """A customer on the sounding board. Not a user of this product: they answer through
    a personal link. Only a member whose consent is recorded, and who has not left,
    counts and may answer."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    handle = models.CharField(
        _("handle"),
        max_length=120,
        blank=True,
        help_text=_("On a social network, as network:handle (x:jan), or the handle alone."),
    )
    segment = models.CharField(
        _("segment"), max_length=100, blank=True, help_text=_("E.g. horeca, consumer, reseller.")
    )
    consent = models.BooleanField(_("consent given"), default=False)
    consent_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_by = models.CharField(_("consent recorded by"), max_length=254, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=~Q(email=""),
                name="panel_member_email",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.consent and self.left_on is None


class PanelQuestion(OrganizationOwnedModel):
    """A question, an idea or a concept put to the panel, optionally with options to vote
    on, and once closed the decision it led to."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=QuestionKind, default=QuestionKind.QUESTION
    )
    options = models.JSONField(_("options"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus, default=QuestionStatus.DRAFT
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    decision_link = models.CharField(
        _("what changed"),
        max_length=500,
        blank=True,
        help_text=_("A link or a reference: the product, page or pilot that changed."),
    )
    # Votes and answers of erased members, as numbers only: option index → votes, and
    # how many erased members had answered.
    erased_votes = models.JSONField(_("votes of erased members"), default=dict, blank=True)
    erased_answers = models.PositiveIntegerField(_("answers of erased members"), default=0)

    class Meta:
        verbose_name = _("panel question")
        verbose_name_plural = _("panel questions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class PanelAnswer(OrganizationOwnedModel):
    """One member's answer to one question: a text, a vote on one option, or both.
    Answering again replaces it."""

    question = models.ForeignKey(
        PanelQuestion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    member = models.ForeignKey(
        PanelMember, on_delete=models.CASCADE, related_name="answers", verbose_name=_("member")
    )
    text = models.TextField(_("answer"), blank=True)
    choice = models.PositiveSmallIntegerField(_("vote"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=AnswerSource, default=AnswerSource.MANAGER
    )

    class Meta:
        verbose_name = _("panel answer")
        verbose_name_plural = _("panel answers")
        ordering = ["question", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "member"], name="panel_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.question}"
