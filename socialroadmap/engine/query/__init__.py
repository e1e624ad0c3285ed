"""The listening query language: parse, print, validate and match many queries at once.

See ``docs/queries.md`` for the grammar.
"""

from socialroadmap.engine.query.ast import (
    FIELDS,
    And,
    Field,
    Hashtag,
    Mention,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Term,
    Wildcard,
    to_string,
)
from socialroadmap.engine.query.matcher import Matcher, matches, triggers
from socialroadmap.engine.query.parser import QueryError, parse

__all__ = [
    "FIELDS",
    "And",
    "Field",
    "Hashtag",
    "Matcher",
    "Mention",
    "Near",
    "Node",
    "Not",
    "Or",
    "Phrase",
    "QueryError",
    "Term",
    "Wildcard",
    "matches",
    "parse",
    "to_string",
    "triggers",
]
