"""Reading an Instagram posts export: the same JSON and mis-encoding as Facebook's."""

from __future__ import annotations

from socialroadmap.connectors.facebook.client import read_posts

__all__ = ["read_posts"]
