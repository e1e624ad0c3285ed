"""The knowledge programme (project 1, company-wide knowledge): training modules in
levels, the people of the roster who completed them, quizzes, and the reminders sent
to people whose compulsory modules are overdue.

The staff list is the internal scan's roster (``internalscan.Employee``): a completion
belongs to a person on it and goes when that person is erased.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.knowledge.choices import CompletionSource, Level


class Module(OrganizationOwnedModel):
    """A training module at one level. A compulsory module must be taken by the people
    of ``departments`` (everybody on the roster when the list is empty), within
    ``due_days`` of the later of its creation and the person's arrival on the roster."""

    title = models.CharField(_("title"), max_length=200)
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, default=Level.BASICS
    )
    description = models.TextField(_("description"), blank=True)
    material_url = models.URLField(_("link to the material"), max_length=500, blank=True)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
    )
    compulsory = models.BooleanField(
        _("compulsory"),
        default=False,
        help_text=_("The people of the chosen departments must take it."),
    )
    departments = models.JSONField(
        _("departments"),
        default=list,
        blank=True,
        help_text=_("Departments of the roster that must take it; none chosen means everybody."),
    )
    due_days = models.PositiveIntegerField(
        _("due within (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_(
            "Counted from the module's creation or the person's arrival, whichever is later."
        ),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share of right answers the quiz asks; 80% when empty."),
    )

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        ordering = ["level", "title"]
        constraints = [
            models.UniqueConstraint("organization", Lower("title"), name="knowledge_module_title")
        ]

    def __str__(self) -> str:
        return self.title


class Question(OrganizationOwnedModel):
    """A question of a module's quiz: 2 to 6 options, one of them right."""

    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=500)
    options = models.JSONField(_("options"), default=list)
    correct = models.PositiveSmallIntegerField(
        _("right answer"), help_text=_("The number of the right option, 1 for the first.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["module", "position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def right_option(self) -> str:
        return str(self.options[self.correct - 1]) if 0 < self.correct <= len(self.options) else ""


class Completion(OrganizationOwnedModel):
    """A person of the roster completed a module on a day (once per module)."""

    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="completions"
    )
    employee = models.ForeignKey(
        "internalscan.Employee",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="knowledge_completions",
    )
    completed_on = models.DateField(_("completed on"))
    score = models.PositiveSmallIntegerField(
        _("score (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=CompletionSource.choices,
        default=CompletionSource.MANAGER,
    )

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["module", "employee"], name="knowledge_completion_once")
        ]

    def __str__(self) -> str:
        return f"{self.employee} - {self.module}"


class Reminder(OrganizationOwnedModel):
    """When a person last got a reminder about overdue modules (at most one a week)."""

    employee = models.OneToOneField(
        "internalscan.Employee",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="knowledge_reminder",
    )
    last_sent_at = models.DateTimeField(_("last sent at"))
    modules = models.JSONField(_("modules"), default=list, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-last_sent_at"]

    def __str__(self) -> str:
        return f"{self.employee} {self.last_sent_at:%Y-%m-%d}"
