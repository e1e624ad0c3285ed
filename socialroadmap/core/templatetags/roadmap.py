"""Template helpers for the engine's bilingual texts."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from socialroadmap.engine.text import Text

register = template.Library()


@register.filter
def tr(text: Text) -> str:
    """The text in the active interface language."""
    return text.get(get_language() or "en")


@register.filter
def get_item(mapping: dict[object, object] | None, key: object) -> object:
    """``{{ mapping|get_item:key }}``: a dictionary lookup with a variable key."""
    return (mapping or {}).get(key)
