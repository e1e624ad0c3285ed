"""Forms of the listening pages: the dashboard filters, queries and uploads."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.forms import date_field
from socialroadmap.listening.choices import ImportFormat, QueryKind, Sentiment
from socialroadmap.listening.insights import Filters, facets
from socialroadmap.listening.models import ListeningQuery
from socialroadmap.organizations.models import Organization

PERIODS = [
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
    ("90", _("Last 90 days")),
    ("custom", _("Choose dates")),
]
DEFAULT_DAYS = 30
# Filter names kept in the URL, in this order, by every dashboard link.
FILTER_NAMES = ("period", "since", "until", "query", "source", "lang", "sentiment", "author")


class DashboardFilterForm(forms.Form):
    """The GET form above the dashboard and the posts: a period and what to narrow to.

    Values that are not valid are ignored (the defaults apply), so that an edited or
    stale link still shows a page.
    """

    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    since = date_field(_("From"))
    until = date_field(_("To"))
    query = forms.TypedChoiceField(label=_("Query"), coerce=int, required=False, empty_value=None)
    source = forms.ChoiceField(label=_("Source"), required=False)
    lang = forms.ChoiceField(label=_("Language"), required=False)
    sentiment = forms.ChoiceField(
        label=_("Sentiment"),
        choices=[("", _("All")), *Sentiment.choices],
        required=False,
    )
    author = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, organization: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        queries = ListeningQuery.objects.for_org(organization).values_list("pk", "name")
        self.fields["query"].choices = [*everything, *queries]  # type: ignore[attr-defined]
        found = facets(organization)
        self.fields["source"].choices = [*everything, *((s, s) for s in found["sources"])]  # type: ignore[attr-defined]
        self.fields["lang"].choices = [*everything, *((v, v) for v in found["langs"])]  # type: ignore[attr-defined]

    def filters(self) -> Filters:
        """The filters of the valid fields; the last 30 days by default."""
        self.is_valid()  # the fields in error are left out of cleaned_data
        data = self.cleaned_data
        today = timezone.localdate()
        period = data.get("period") or str(DEFAULT_DAYS)
        since_day, until_day = data.get("since"), data.get("until")
        if period != "custom" or not (since_day or until_day):
            days = int(period) if period.isdigit() else DEFAULT_DAYS
            since_day, until_day = today - timedelta(days=days - 1), today
        since_day = since_day or (until_day or today) - timedelta(days=DEFAULT_DAYS - 1)
        until_day = until_day or today
        if since_day > until_day:
            since_day, until_day = until_day, since_day
        return Filters(
            since=_start_of(since_day),
            until=_start_of(until_day + timedelta(days=1)),
            query=data.get("query"),
            source=data.get("source") or "",
            lang=data.get("lang") or "",
            sentiment=data.get("sentiment") or "",
        )

    def author_value(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("author") or ""


def _start_of(day: Any) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


class ListeningQueryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=QueryKind.choices)
    query = forms.CharField(
        label=_("Query"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "class": "mono"}),
        help_text=_(
            'Words, "phrases", AND, OR, NOT, brackets, #hashtags, @accounts, lang:nl; '
            "see the user guide."
        ),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class ImportForm(forms.Form):
    format = forms.ChoiceField(label=_("File format"), choices=ImportFormat.choices)
    file = forms.FileField(label=_("File"))
    mapping = forms.FileField(
        label=_("Column mapping (optional)"),
        required=False,
        help_text=_(
            "A JSON file of post field: column, e.g. "
            '{"text": "Message", "created_at": "Date"}; needed for a CSV file.'
        ),
    )

    def clean_mapping(self) -> dict[str, str | None] | None:
        import json

        upload = self.cleaned_data.get("mapping")
        if upload is None:
            return None
        try:
            data = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError(_("The mapping is not valid JSON.")) from None
        if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
            raise forms.ValidationError(_("A mapping is an object of post field: column."))
        return {key: None if value is None else str(value) for key, value in data.items()}


# --- live sources -----------------------------------------------------------------------

from socialroadmap.connectors.live import LiveSource as SourceKind  # noqa: E402

SOURCE_SETTING_PREFIX = "setting_"
SOURCE_CREDENTIAL_PREFIX = "credential_"


class LiveSourceForm(forms.Form):
    """A live source of one kind: its name, schedule and the settings that the
    connectors' registry lists for that kind, each a field (``setting_<name>``,
    ``credential_<name>`` for credentials).

    Credentials are write-only: their inputs never show a value, not even the one just
    typed when the form comes back with an error; a credential left empty keeps the
    stored one. ``stored_secrets`` names those already stored.
    """

    name = forms.CharField(label=_("Name"), max_length=100)
    fetch_every_minutes = forms.IntegerField(
        label=_("Fetch every (minutes)"),
        min_value=5,
        max_value=7 * 24 * 60,
        initial=15,
        help_text=_("From 5 minutes to a week (10080 minutes)."),
    )
    is_active = forms.BooleanField(
        label=_("Active: fetch on schedule"), required=False, initial=True
    )

    def __init__(
        self,
        kind: SourceKind,
        *args: Any,
        stored_secrets: frozenset[str] = frozenset(),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.stored_secrets = stored_secrets
        for setting in kind.fields:
            if setting.secret:
                stored = setting.name in stored_secrets
                field = forms.CharField(
                    label=_(setting.label),
                    required=False,
                    widget=forms.PasswordInput(
                        render_value=False,
                        attrs={
                            "autocomplete": "new-password",
                            "placeholder": _("stored — leave empty to keep") if stored else "",
                        },
                    ),
                    help_text=(
                        _(
                            "Stored — leave empty to keep it, or type a new value to replace "
                            "it. Or give env:VARIABLE_NAME to read it from the server's "
                            "environment at each fetch."
                        )
                        if stored
                        else _(
                            "Optional. Stored encrypted and never shown again. Or give "
                            "env:VARIABLE_NAME to read it from the server's environment at "
                            "each fetch instead of storing it."
                        )
                    ),
                )
                field.stored = stored  # type: ignore[attr-defined]
                self.fields[SOURCE_CREDENTIAL_PREFIX + setting.name] = field
            else:
                self.fields[SOURCE_SETTING_PREFIX + setting.name] = forms.CharField(
                    label=_(setting.label),
                    required=setting.required,
                    max_length=2000,
                    help_text=_(setting.help) if setting.help else "",
                )
        # The kind's settings first, then when to fetch.
        self.order_fields(["name", *self.fields, "fetch_every_minutes", "is_active"])

    @staticmethod
    def initial_for(source: Any) -> dict[str, Any]:
        """The form's values for a stored source (never its credentials)."""
        initial: dict[str, Any] = {
            "name": source.name,
            "fetch_every_minutes": source.fetch_every_minutes,
            "is_active": source.is_active,
        }
        for name, value in (source.config or {}).items():
            initial[SOURCE_SETTING_PREFIX + name] = value
        return initial

    def settings_fields(self) -> list[Any]:
        """The bound fields of the kind's settings and credentials, in registry order."""
        return [
            self[name]
            for name in self.fields
            if name.startswith((SOURCE_SETTING_PREFIX, SOURCE_CREDENTIAL_PREFIX))
        ]

    def config(self) -> dict[str, str]:
        """The settings given (empty ones too: the service drops them)."""
        return {
            setting.name: self.cleaned_data.get(SOURCE_SETTING_PREFIX + setting.name) or ""
            for setting in self.kind.fields
            if not setting.secret
        }

    def secrets(self) -> dict[str, str]:
        """The credentials typed in; the ones left empty are not given (so kept)."""
        typed = {
            setting.name: (self.cleaned_data.get(SOURCE_CREDENTIAL_PREFIX + setting.name) or "")
            for setting in self.kind.fields
            if setting.secret
        }
        return {name: value for name, value in typed.items() if value}
