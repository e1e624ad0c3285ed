from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    """Where a version of the policy stands: drafts are written by conversation
    managers, approved by an owner, then published; the next publication supersedes it."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class AcknowledgementSource(models.TextChoices):
    SELF = "self", _("By the person")
    RECORDED = "recorded", _("Recorded by a manager")
    IMPORTED = "imported", _("Imported")


# Statuses whose content is fixed: what was approved is what is published.
FROZEN = frozenset({VersionStatus.APPROVED, VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED})
