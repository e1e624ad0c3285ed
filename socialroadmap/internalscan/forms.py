"""Forms of the internal scan pages: the rankings' period, a person, consent, a roster file.

The forms only read what was typed; the services check it (names, handles, addresses,
duplicates) and their refusals are put on the form by the views.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.forms import date_field
from socialroadmap.internalscan.models import Employee

# The same limit as the API's roster import.
MAX_ROSTER_BYTES = 2 * 1024 * 1024

PERIODS = [
    ("30", _("Last 30 days")),
    ("90", _("Last 90 days")),
    ("365", _("Last 12 months")),
    ("all", _("All posts")),
    ("custom", _("Choose dates")),
]
DEFAULT_PERIOD = "90"


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


class RankingsFilterForm(forms.Form):
    """The GET form above the rankings: the period whose posts count.

    Values that are not valid are ignored (the default period applies), so that an
    edited or stale link still shows a page.
    """

    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    since = date_field(_("From"))
    until = date_field(_("To"))

    def period_bounds(self) -> tuple[datetime | None, datetime | None]:
        """From (inclusive) and until (exclusive) for ``rank_employees``; None: open."""
        self.is_valid()  # the fields in error are left out of cleaned_data
        data = self.cleaned_data
        period = data.get("period") or DEFAULT_PERIOD
        today = timezone.localdate()
        if period == "all":
            return None, None
        if period == "custom":
            since_day, until_day = data.get("since"), data.get("until")
            if since_day and until_day and since_day > until_day:
                since_day, until_day = until_day, since_day
            return (
                _start_of(since_day) if since_day else None,
                _start_of(until_day + timedelta(days=1)) if until_day else None,
            )
        days = int(period)
        return _start_of(today - timedelta(days=days - 1)), _start_of(today + timedelta(days=1))


class EmployeeForm(forms.Form):
    """A person on the roster; ``create_employee`` and ``update_employee`` check it."""

    full_name = forms.CharField(label=_("Name"), max_length=200)
    department = forms.CharField(label=_("Department"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        help_text=_(
            "Optional. Links the person to the user of socialroadmap with the same address; "
            "the knowledge programme sends its reminders there."
        ),
    )
    handles = forms.CharField(
        label=_("Handles"),
        max_length=2000,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        help_text=_(
            "Write network:handle, several separated by spaces or commas, for example "
            "x:@jan linkedin:jan-peeters. A handle without a network counts on every network."
        ),
    )
    consent = forms.BooleanField(
        label=_("Consent given"),
        required=False,
        help_text=_(
            "Only people who agreed to be looked at are ranked. When and by whom consent "
            "was recorded is kept."
        ),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @staticmethod
    def initial_for(employee: Employee) -> dict[str, Any]:
        return {
            "full_name": employee.full_name,
            "department": employee.department,
            "email": employee.email,
            "handles": " ".join(str(handle) for handle in employee.handles or []),
            "consent": employee.consent,
            "notes": employee.notes,
        }

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class ConsentForm(forms.Form):
    """Record (``yes``) or withdraw (``no``) a person's consent."""

    consent = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (CSV)"),
        help_text=_("At most 2 MB. Comma or semicolon separated, as Excel saves it."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size and upload.size > MAX_ROSTER_BYTES:
            raise forms.ValidationError(_("A roster file may be at most 2 MB."))
        return upload
