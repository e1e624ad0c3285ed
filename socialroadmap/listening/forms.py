"""Forms of the listening pages: the dashboard filters, queries and uploads."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialroadmap.listening.choices import ImportFormat, QueryKind, Sentiment
from socialroadmap.listening.insights import Filters
from socialroadmap.listening.models import ListeningQuery, Rollup
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
    since = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
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
        rollups = Rollup.objects.for_org(organization).filter(query=None).order_by()
        sources = rollups.values_list("source", flat=True).distinct()
        self.fields["source"].choices = [*everything, *((s, s) for s in sorted(sources))]  # type: ignore[attr-defined]
        langs = sorted(rollups.values_list("lang", flat=True).distinct())
        self.fields["lang"].choices = [*everything, *((v, v) for v in langs if v)]  # type: ignore[attr-defined]

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
