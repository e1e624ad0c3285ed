"""Form fields shared by the apps' pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

if TYPE_CHECKING:  # a name of the type stubs only
    from django.utils.functional import _StrPromise


def date_field(label: str | _StrPromise) -> forms.DateField:
    """An optional day picked in the browser's own date picker (ISO in the URL)."""
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
