from django.db import models
from django.utils.translation import gettext_lazy as _


class QueryKind(models.TextChoices):
    BRAND = "brand", _("Brand")
    COMPETITOR = "competitor", _("Competitor")
    SECTOR = "sector", _("Sector")
    OTHER = "other", _("Other")


class Sentiment(models.TextChoices):
    NEGATIVE = "negative", _("Negative")
    NEUTRAL = "neutral", _("Neutral")
    POSITIVE = "positive", _("Positive")


class ImportFormat(models.TextChoices):
    """The file formats of the import (the names are a command-line contract)."""

    NDJSON = "ndjson", _("NDJSON (one post per line)")
    CSV = "csv", _("CSV with a column mapping")
    X_ARCHIVE = "x-archive", _("X/Twitter account archive (tweets.js)")
    FACEBOOK = "facebook", _("Facebook data export (JSON)")
    INSTAGRAM = "instagram", _("Instagram data export (JSON)")
    LINKEDIN = "linkedin", _("LinkedIn export (Shares.csv)")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
