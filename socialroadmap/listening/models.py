"""What the social media scan listens for, the posts it brought in, and their rollups.

Posts and their derived rows (matches, rollups, quarantined rows) are many: they carry
their organisation for scoping but not the audit fields of hand-edited data. Dashboards
read ``Rollup`` rows (per period, query, source, language and sentiment), never raw
posts.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel, OrganizationScopedQuerySet
from socialroadmap.listening.choices import ImportFormat, JobStatus, QueryKind, Sentiment


class ListeningQuery(OrganizationOwnedModel):
    """A named query in the listening language (``docs/queries.md``): a brand, a
    competitor, a sector term."""

    name = models.CharField(_("name"), max_length=100)
    query = models.TextField(_("query"))
    kind = models.CharField(_("kind"), max_length=20, choices=QueryKind, default=QueryKind.BRAND)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("listening query")
        verbose_name_plural = _("listening queries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="listening_query_name")
        ]

    def __str__(self) -> str:
        return self.name


class ImportJob(OrganizationOwnedModel):
    """One file brought in: its progress and what became of its rows."""

    format = models.CharField(_("format"), max_length=20, choices=ImportFormat)
    filename = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus, default=JobStatus.QUEUED
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    done_bytes = models.PositiveBigIntegerField(_("bytes read"), default=0)
    read = models.PositiveIntegerField(_("rows read"), default=0)
    imported = models.PositiveIntegerField(_("posts imported"), default=0)
    duplicates = models.PositiveIntegerField(_("duplicates"), default=0)
    rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Set once a split import has read its whole file: how many parts it made (0 for
    # an import that runs in one worker, and while a split one is still reading).
    parts = models.PositiveIntegerField(_("parts"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class ImportPart(models.Model):
    """A part of a large import, stored by one worker all at once (``services.split``):
    ``rows`` rows of the file, from line ``first_line``, waiting in a file of its own."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    import_job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField(_("number"))
    first_line = models.PositiveIntegerField(_("first line"))
    rows = models.PositiveIntegerField(_("rows"))
    done = models.BooleanField(_("done"), default=False)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("import part")
        verbose_name_plural = _("import parts")
        constraints = [
            models.UniqueConstraint(fields=["import_job", "number"], name="listening_part_once")
        ]

    def __str__(self) -> str:
        return f"{self.import_job_id} part {self.number}"


class Post(models.Model):
    """A post brought in by an import or a live source, with the engine's analysis.

    Unique per organisation on (source, external id): importing a file again adds
    nothing.
    """

    # No index of its own (db_index=False) here and in PostMatch: the composite indexes
    # below start with it, and each index costs every insert of an import.
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    source = models.CharField(_("source"), max_length=40)
    external_id = models.CharField(_("id at the source"), max_length=200)
    text = models.TextField(_("text"))
    author = models.CharField(_("author"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=1000, blank=True)
    lang = models.CharField(_("language"), max_length=12, blank=True)
    sentiment = models.CharField(_("sentiment"), max_length=10, choices=Sentiment)
    sentiment_score = models.FloatField(_("sentiment score"))
    likes = models.PositiveBigIntegerField(_("likes"), null=True, blank=True)
    shares = models.PositiveBigIntegerField(_("shares"), null=True, blank=True)
    replies = models.PositiveBigIntegerField(_("replies"), null=True, blank=True)
    reach = models.PositiveBigIntegerField(_("reach"), null=True, blank=True)
    import_job = models.ForeignKey(
        ImportJob,
        verbose_name=_("import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
    )
    stored_at = models.DateTimeField(_("stored at"), auto_now_add=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "source", "external_id"], name="listening_post_once"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "created_at"], name="listening_post_time"),
            models.Index(fields=["organization", "author"], name="listening_post_author"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"

    @property
    def engagement(self) -> int:
        """Likes, shares and replies together (what the network says of them)."""
        return (self.likes or 0) + (self.shares or 0) + (self.replies or 0)


class PostMatch(models.Model):
    """A post that a listening query matched."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="matches", db_index=False
    )  # the unique (post, query) index serves it
    query = models.ForeignKey(ListeningQuery, on_delete=models.CASCADE, related_name="matches")

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["post", "query"], name="listening_match_once")
        ]
        indexes = [models.Index(fields=["organization", "query"], name="listening_match_query")]

    def __str__(self) -> str:
        return f"{self.query_id} matches {self.post_id}"


class QuarantinedRow(models.Model):
    """A row of an import that could not be read: where it was and why."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    import_job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="quarantine")
    line = models.PositiveIntegerField(_("line"))
    reason = models.TextField(_("reason"))

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quarantined row")
        verbose_name_plural = _("quarantined rows")
        ordering = ["import_job", "line"]
        constraints = [
            models.UniqueConstraint(fields=["import_job", "line"], name="listening_quarantine_once")
        ]

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class Rollup(models.Model):
    """Posts of one hour, counted per query (none: all posts), source, language and
    sentiment, with their engagement and reach. Recomputed for the hours an import or
    a fetch touched, so dashboards never scan raw posts.
    """

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    period = models.DateTimeField(_("hour"))
    query = models.ForeignKey(
        ListeningQuery, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("source"), max_length=40)
    lang = models.CharField(_("language"), max_length=12, blank=True)
    sentiment = models.CharField(_("sentiment"), max_length=10, choices=Sentiment)
    posts = models.PositiveIntegerField(_("posts"))
    engagement = models.PositiveBigIntegerField(_("engagement"), default=0)
    reach = models.PositiveBigIntegerField(_("reach"), default=0)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rollup")
        verbose_name_plural = _("rollups")
        indexes = [
            models.Index(fields=["organization", "period"], name="listening_rollup_period"),
            models.Index(fields=["organization", "query", "period"], name="listening_rollup_q"),
        ]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m-%d %H:00} {self.source} {self.lang} {self.sentiment}"


class LiveSource(OrganizationOwnedModel):
    """A social network read over its API on a schedule (``connectors.live``): what to
    read (``config``), the credentials (``secrets``, encrypted or an ``env:`` reference,
    never shown) and where the last fetch stopped (``cursor``)."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20)
    config = models.JSONField(_("settings"), default=dict, blank=True)
    # JSON of {field: sealed value}; see listening.secrets. Never serialised.
    secrets = models.TextField(_("credentials"), blank=True, default="")
    cursor = models.JSONField(_("cursor"), default=dict, blank=True)
    fetch_every_minutes = models.PositiveIntegerField(
        _("fetch every (minutes)"), default=15, validators=[MinValueValidator(5)]
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_fetched_at = models.DateTimeField(_("last fetched at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    fetched_posts = models.PositiveIntegerField(_("posts fetched"), default=0)
    next_fetch_at = models.DateTimeField(_("next fetch at"), null=True, blank=True)

    class Meta:
        verbose_name = _("live source")
        verbose_name_plural = _("live sources")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="listening_source_name")
        ]
        indexes = [models.Index(fields=["is_active", "next_fetch_at"], name="listening_source_due")]

    def __str__(self) -> str:
        return self.name
