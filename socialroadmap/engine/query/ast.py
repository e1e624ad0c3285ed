"""The syntax tree of a listening query and its printer.

Nodes hold folded text (lower case, no accents), so two queries that mean the same are
equal. ``to_string`` prints a query that parses back to the same tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIELDS = ("author", "lang", "site", "source")


@dataclass(frozen=True, slots=True)
class Term:
    """A word; matches it as a word, a #hashtag or an @mention."""

    text: str


@dataclass(frozen=True, slots=True)
class Phrase:
    """Consecutive words, in order."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Wildcard:
    """Any word (or hashtag or mention) starting with ``prefix``."""

    prefix: str


@dataclass(frozen=True, slots=True)
class Hashtag:
    """Only the hashtag ``#tag``."""

    tag: str


@dataclass(frozen=True, slots=True)
class Mention:
    """Only the mention ``@name``."""

    name: str


@dataclass(frozen=True, slots=True)
class Field:
    """A post attribute: ``lang:nl``, ``source:twitter``, ``author:x``, ``site:hln.be``."""

    name: str
    value: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Near:
    """``left`` and ``right`` at most ``distance`` words apart; ``ordered``: left first."""

    left: Node
    right: Node
    distance: int
    ordered: bool = False


Node = Term | Phrase | Wildcard | Hashtag | Mention | Field | Not | And | Or | Near

# Binding strength for the printer: a child weaker than its context gets parentheses.
_OR, _AND, _NEAR, _NOT, _ATOM = range(5)
_PLAIN_VALUE = re.compile(r"[^\s()\"*]+")


def _strength(node: Node) -> int:
    if isinstance(node, Or):
        return _OR
    if isinstance(node, And):
        return _AND
    if isinstance(node, Near):
        return _NEAR
    if isinstance(node, Not):
        return _NOT
    return _ATOM


def _wrap(node: Node, minimum: int) -> str:
    text = to_string(node)
    return f"({text})" if _strength(node) < minimum else text


def to_string(node: Node) -> str:
    """The query text of a tree, with the fewest parentheses that keep its meaning."""
    match node:
        case Term(text):
            return text
        case Phrase(words):
            return '"' + " ".join(words) + '"'
        case Wildcard(prefix):
            return prefix + "*"
        case Hashtag(tag):
            return "#" + tag
        case Mention(name):
            return "@" + name
        case Field(name, value, prefix):
            shown = value if _PLAIN_VALUE.fullmatch(value) else '"' + value + '"'
            return f"{name}:{shown}" + ("*" if prefix else "")
        case Not(operand):
            return "NOT " + _wrap(operand, _NOT)
        case And(operands):
            return " AND ".join(_wrap(o, _AND + 1) for o in operands)
        case Or(operands):
            return " OR ".join(_wrap(o, _OR + 1) for o in operands)
        case Near(left, right, distance, ordered):
            op = f"NEAR/{distance}{'f' if ordered else ''}"
            return f"{_wrap(left, _NEAR)} {op} {_wrap(right, _NEAR + 1)}"
    raise TypeError(f"not a query node: {node!r}")
