"""Bluesky: posts matching a search query, read live over the AT Protocol's XRPC API."""

from socialroadmap.connectors.bluesky.client import BlueskyConnector
from socialroadmap.connectors.bluesky.mapping import map_item

__all__ = ["BlueskyConnector", "map_item"]
