"""One post of a Facebook export to a ``Post``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from socialroadmap.connectors.values import build_post, parse_datetime, stable_id
from socialroadmap.engine.posts import Post


def map_item(raw: Mapping[str, Any], author: str | None = None) -> Post:
    """The post in one export object; ``author`` is the owner of the export.

    A post without text of its own (a shared photo or link) takes the attachment's
    description or link; one with none of these is rejected.
    """
    if not isinstance(raw, Mapping):
        raise ValueError("record is not a post object")
    if raw.get("timestamp") is None:
        raise ValueError("missing field 'timestamp'")
    created_at = parse_datetime(raw["timestamp"], "timestamp")
    attachments = list(_attachment_data(raw))
    text = _post_text(raw) or _attachment_text(attachments)
    if not text:
        raise ValueError("missing field 'text': no data[].post and no attachment text or link")
    references = [
        str(part.get("uri") or part.get("url"))
        for item in attachments
        for part in item.values()
        if isinstance(part, Mapping) and (part.get("uri") or part.get("url"))
    ]
    values = {
        "id": stable_id("facebook", raw["timestamp"], text, *references),
        "text": text,
        "created_at": created_at,
        "source": "facebook",
    }
    return build_post(values, raw, default_author=author)


def _post_text(raw: Mapping[str, Any]) -> str:
    data = raw.get("data")
    parts = [
        item["post"]
        for item in (data if isinstance(data, list) else ())
        if isinstance(item, Mapping) and isinstance(item.get("post"), str)
    ]
    return "\n".join(part for part in parts if part.strip())


def _attachment_data(raw: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    attachments = raw.get("attachments")
    for attachment in attachments if isinstance(attachments, list) else ():
        data = attachment.get("data") if isinstance(attachment, Mapping) else None
        for item in data if isinstance(data, list) else ():
            if isinstance(item, Mapping):
                yield item


def _attachment_text(attachments: list[Mapping[str, Any]]) -> str:
    for item in attachments:
        media, link = item.get("media"), item.get("external_context")
        if isinstance(media, Mapping) and isinstance(media.get("description"), str):
            return str(media["description"])
        if isinstance(link, Mapping) and isinstance(link.get("url"), str):
            return str(link["url"])
    return ""
