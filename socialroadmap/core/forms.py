"""Form fields shared by the apps' pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django import forms

from socialroadmap.core.errors import ServiceError

if TYPE_CHECKING:  # a name of the type stubs only
    from django.utils.functional import _StrPromise

T = TypeVar("T")


def date_field(label: str | _StrPromise) -> forms.DateField:
    """An optional day picked in the browser's own date picker (ISO in the URL)."""
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def run_service(form: forms.BaseForm, save: Callable[[], T]) -> T | None:
    """Run the service for a valid form and hand back what it returns; a refusal
    (ServiceError) goes on the form at its field, or at the top, and None comes back."""
    if not form.is_valid():
        return None
    try:
        return save()
    except ServiceError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
