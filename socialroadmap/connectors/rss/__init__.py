"""RSS 2.0 and Atom feeds of news sites and blogs, read live over HTTP."""

from socialroadmap.connectors.rss.client import RssConnector
from socialroadmap.connectors.rss.mapping import map_item

__all__ = ["RssConnector", "map_item"]
