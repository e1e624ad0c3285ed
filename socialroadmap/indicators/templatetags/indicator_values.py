"""``figure``: an indicator's value as people read it: at most two decimals, no trailing
zeros, in the page's language (``0,67`` in Dutch, ``0.67`` in English)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()

CENT = Decimal("0.01")


@register.filter
def figure(value: Any) -> str:
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return number_format(number, use_l10n=True)
