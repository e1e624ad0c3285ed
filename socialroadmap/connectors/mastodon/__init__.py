"""Mastodon: a hashtag's public timeline or a full-text search, read live over HTTP."""

from socialroadmap.connectors.mastodon.client import MastodonConnector
from socialroadmap.connectors.mastodon.mapping import map_item

__all__ = ["MastodonConnector", "map_item"]
