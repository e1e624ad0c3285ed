from __future__ import annotations

from typing import Any

from rest_framework import serializers

from socialroadmap.connectors.live import LIVE_SOURCES
from socialroadmap.listening import secrets as sealing
from socialroadmap.listening.choices import QueryKind, Sentiment
from socialroadmap.listening.models import (
    ImportJob,
    ListeningQuery,
    LiveSource,
    Post,
    QuarantinedRow,
)


class ListeningQuerySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=QueryKind.choices, required=False)
    matches = serializers.SerializerMethodField(
        help_text="Stored posts this query matched (null where not counted)."
    )

    class Meta:
        model = ListeningQuery
        fields = ["id", "name", "query", "kind", "is_active", "matches", "created_at", "updated_at"]
        read_only_fields = ["id", "matches", "created_at", "updated_at"]

    def get_matches(self, query: ListeningQuery) -> int | None:
        return getattr(query, "match_count", None)


class QueryTextSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="A query in the listening language.")


# Response shapes only. Some field names (source, label, fields) shadow attributes of
# DRF's classes for mypy; the serializer metaclass takes declared fields off the class.
class PreviewPostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    author = serializers.CharField()
    created_at = serializers.DateTimeField(allow_null=True)
    source = serializers.CharField()  # type: ignore[assignment]
    url = serializers.CharField()
    lang = serializers.CharField()
    sentiment = serializers.ChoiceField(choices=Sentiment.choices)


class PreviewSerializer(serializers.Serializer):
    checked = serializers.IntegerField(help_text="Recent posts the query was run on.")
    matched = serializers.IntegerField(help_text="How many of them it matched.")
    posts = PreviewPostSerializer(many=True, help_text="The first matching posts, newest first.")


class DeletedQuerySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    matches = serializers.IntegerField(help_text="Matches deleted with the query.")
    rollups = serializers.IntegerField(help_text="Rollup rows deleted with the query.")


class TemplateFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    shape = serializers.ChoiceField(choices=["phrase", "terms", "handle", "hashtag", "lang"])
    label = serializers.CharField()  # type: ignore[assignment]
    example = serializers.CharField()


class QueryTemplateSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=QueryKind.choices)
    title = serializers.CharField()
    description = serializers.CharField()
    pattern = serializers.CharField()
    fields = TemplateFieldSerializer(many=True)  # type: ignore[assignment]
    example = serializers.CharField(help_text="The template filled in with the examples.")
    query = serializers.CharField(
        allow_null=True,
        help_text="The template filled in with the values given in the query string.",
    )


class PostSerializer(serializers.ModelSerializer):
    engagement = serializers.IntegerField(read_only=True)
    queries = serializers.SerializerMethodField(help_text="Ids of the queries that matched it.")

    class Meta:
        model = Post
        fields = [
            "id",
            "source",
            "external_id",
            "text",
            "author",
            "created_at",
            "url",
            "lang",
            "sentiment",
            "sentiment_score",
            "likes",
            "shares",
            "replies",
            "reach",
            "engagement",
            "queries",
            "import_job",
            "stored_at",
        ]
        read_only_fields = fields

    def get_queries(self, post: Post) -> list[int]:
        return sorted(match.query_id for match in post.matches.all())


class ImportJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportJob
        fields = [
            "id",
            "format",
            "filename",
            "status",
            "size",
            "done_bytes",
            "read",
            "imported",
            "duplicates",
            "rejected",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class QuarantinedRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuarantinedRow
        fields = ["line", "reason"]
        read_only_fields = fields


class RollupPointSerializer(serializers.Serializer):
    period = serializers.DateTimeField(help_text="Start of the day or hour.")
    posts = serializers.IntegerField()
    positive = serializers.IntegerField()
    neutral = serializers.IntegerField()
    negative = serializers.IntegerField()
    net_sentiment = serializers.FloatField(
        allow_null=True,
        help_text="(positive - negative) / (positive + negative); null without either.",
    )
    engagement = serializers.IntegerField()
    reach = serializers.IntegerField()


class ShareOfVoiceSerializer(serializers.Serializer):
    query = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=QueryKind.choices)
    posts = serializers.IntegerField()
    share = serializers.FloatField(
        allow_null=True, help_text="Its part of the posts of all queries, 0 to 1."
    )


# --- live sources ------------------------------------------------------------------


class SecretsField(serializers.DictField):
    """Credentials: written as {field: value} (a value or ``env:VARNAME``), read back
    only as {field: "set"}. Values never leave the server."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            'Credentials by field: a value (stored encrypted) or "env:VARNAME" (read from '
            'the server\'s environment at fetch time). Read back as "set"; a field left '
            "out or empty keeps what is stored.",
        )
        super().__init__(child=serializers.CharField(allow_blank=True), **kwargs)

    def to_representation(self, value: Any) -> dict[str, str]:
        return sealing.status(value or "")


class LiveSourceSerializer(serializers.ModelSerializer):
    # Text, not a choice: a second enum named "kind" would collide with QueryKind's in
    # the schema. The service checks it against the registry.
    kind = serializers.CharField(help_text=f"The kind of source: {', '.join(LIVE_SOURCES)}.")
    config = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="The source's settings (see source-kinds), credentials excepted.",
    )
    secrets = SecretsField(required=False)
    fetch_every_minutes = serializers.IntegerField(min_value=5, max_value=10080, required=False)

    class Meta:
        model = LiveSource
        fields = [
            "id",
            "name",
            "kind",
            "config",
            "secrets",
            "fetch_every_minutes",
            "is_active",
            "last_fetched_at",
            "next_fetch_at",
            "last_error",
            "fetched_posts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "last_fetched_at",
            "next_fetch_at",
            "last_error",
            "fetched_posts",
            "created_at",
            "updated_at",
        ]


class FetchResultSerializer(serializers.Serializer):
    source = serializers.IntegerField(help_text="The source's id.")  # type: ignore[assignment]
    pages = serializers.IntegerField(help_text="Pages read and stored, each with its cursor.")
    read = serializers.IntegerField(help_text="Posts read.")
    stored = serializers.IntegerField(help_text="New posts stored.")
    duplicates = serializers.IntegerField(help_text="Posts read that were stored before.")
    error = serializers.CharField(help_text="Why the fetch stopped early; empty when it did not.")
    authentication_failed = serializers.BooleanField(
        help_text="The network refused the credentials."
    )
    fetched_at = serializers.DateTimeField()


class DeletedSourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    posts_kept = serializers.IntegerField(
        help_text="Posts the source brought in; they stay, as the organisation's data."
    )


class SourceFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    required = serializers.BooleanField()  # type: ignore[assignment]
    secret = serializers.BooleanField(help_text="A credential: write-only, under secrets.")
    help = serializers.CharField()


class SourceKindSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    fields = SourceFieldSerializer(many=True)  # type: ignore[assignment]
