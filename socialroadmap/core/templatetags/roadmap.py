"""Template helpers for the engine's bilingual texts."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from socialroadmap.engine.roadmap import Text

register = template.Library()


@register.filter
def tr(text: Text) -> str:
    """The text in the active interface language."""
    return text.get(get_language() or "en")
