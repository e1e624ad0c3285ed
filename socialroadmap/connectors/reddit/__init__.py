"""Reddit: a subreddit's new posts or a search, read live from its JSON listings."""

from socialroadmap.connectors.reddit.client import RedditConnector
from socialroadmap.connectors.reddit.mapping import map_item

__all__ = ["RedditConnector", "map_item"]
