"""Template helpers for the engine's bilingual texts."""

from __future__ import annotations

from django import template
from django.urls import reverse
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


# The page where each strategic project's working tool lives (projects without one yet
# have none).
PROJECT_TOOLS = {
    1: "knowledge:overview",
    2: "policy:overview",
    3: "registry:accounts",
    4: "internalscan:scan",
    5: "pilots:portfolio",
    6: "excellence:overview",
    7: "listening:dashboard",
    8: "plans:map",
    9: "panel:overview",
    10: "content:calendar",
    11: "indicators:dashboard",
    12: "leverage:overview",
    13: "feedback:inbox",
}


@register.simple_tag
def project_tool_url(project: int, org_slug: str) -> str:
    """The URL of the project's tool in the organisation, or "" when it has none."""
    name = PROJECT_TOOLS.get(int(project))
    return reverse(name, kwargs={"org_slug": org_slug}) if name else ""
