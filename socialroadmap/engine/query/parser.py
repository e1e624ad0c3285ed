"""Parse listening queries into a syntax tree; errors say where and what was expected.

Precedence, tightest first: ``NOT``, ``NEAR/n``, ``AND`` (also implicit, between
adjacent operands), ``OR``. Operators are written in capitals; ``and`` is a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from socialroadmap.engine.posts import fold, tokenize
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
)


class QueryError(ValueError):
    """A query that does not parse: ``position`` (0-based offset) and ``expected``."""

    def __init__(self, position: int, expected: str, detail: str) -> None:
        self.position = position
        self.expected = expected
        self.detail = detail
        super().__init__(f"position {position}: expected {expected} ({detail})")


@dataclass(frozen=True, slots=True)
class _Lexeme:
    kind: str  # "(", ")", "AND", "OR", "NOT", "NEAR", "PHRASE", "FIELD", "WORD", "EOF"
    text: str
    position: int


_LEXEME_RE = re.compile(
    r"\s*(?:"
    r"(?P<paren>[()])"
    r'|(?P<phrase>"[^"]*"?)'
    r'|(?P<field>[A-Za-z]+:(?:"[^"]*"?\*?|[^\s()"]*))'
    r'|(?P<word>[^\s()"]+)'
    r")?"
)
_NEAR_RE = re.compile(r"NEAR/(\d+)(f?)")
_HASHTAG_RE = re.compile(r"\w+")
_NEAR_OPERANDS = (Term, Phrase, Wildcard, Hashtag, Mention, Near)
NEAR_OPERAND = "a term, phrase, hashtag, mention or (… OR …) group"


def _lex(query: str) -> list[_Lexeme]:
    lexemes: list[_Lexeme] = []
    position = 0
    while True:
        match = _LEXEME_RE.match(query, position)
        assert match is not None  # noqa: S101 - the pattern also matches the empty tail
        if match.lastgroup is None:
            lexemes.append(_Lexeme("EOF", "", match.end()))
            return lexemes
        text = match.group(match.lastgroup)
        start = match.start(match.lastgroup)
        kind = {"paren": text, "phrase": "PHRASE", "field": "FIELD"}.get(match.lastgroup, "WORD")
        if kind == "WORD" and text in ("AND", "OR", "NOT"):
            kind = text
        elif kind == "WORD" and text.startswith("NEAR"):
            kind = "NEAR"
        lexemes.append(_Lexeme(kind, text, start))
        position = match.end()


def _words(text: str, position: int) -> list[str]:
    tokens = [t for t in tokenize(text) if t.kind in ("word", "emoji")]
    if not tokens:
        raise QueryError(position, "a term", f"{text!r} has no letters, digits or emoji")
    return [t.folded for t in tokens]


def _atom(lexeme: _Lexeme) -> Node:
    text, position = lexeme.text, lexeme.position
    if lexeme.kind == "PHRASE":
        if len(text) < 2 or not text.endswith('"'):
            raise QueryError(
                position + len(text),
                "'\"'",
                f"the phrase opened at position {position} is not closed",
            )
        if not text[1:-1].strip():
            raise QueryError(position, "a word in the phrase", "the phrase is empty")
        return Phrase(tuple(_words(text[1:-1], position + 1)))
    if lexeme.kind == "FIELD":
        return _field(text, position)
    if text[0] in "#@":
        body = text[1:]
        kind = "hashtag" if text[0] == "#" else "mention"
        if not _HASHTAG_RE.fullmatch(body):
            raise QueryError(position + 1, f"a {kind} after {text[0]!r}", f"got {body!r}")
        folded = fold(body)
        return Hashtag(folded) if text[0] == "#" else Mention(folded)
    if "*" in text:
        star = text.index("*")
        if star != len(text) - 1:
            raise QueryError(position + star, "'*' only at the end of a term", f"got {text!r}")
        words = _words(text[:-1], position)
        if len(words) != 1:
            raise QueryError(position, "one word before '*'", f"got {text!r}")
        return Wildcard(words[0])
    if _HASHTAG_RE.fullmatch(text):
        # One \w run (underscores too) stays one term so it can match @mertens_koffie.
        return Term(fold(text))
    words = _words(text, position)
    return Term(words[0]) if len(words) == 1 else Phrase(tuple(words))


def _field(text: str, position: int) -> Field:
    name, _, value = text.partition(":")
    if name.lower() not in FIELDS:
        raise QueryError(
            position, "one of the fields " + ", ".join(f + ":" for f in FIELDS), f"got {name}:"
        )
    prefix = value.endswith("*")
    value = value.removesuffix("*")
    if value.startswith('"'):
        if len(value) < 2 or not value.endswith('"'):
            raise QueryError(position + len(name) + 1, "'\"'", "the value is not closed")
        value = value[1:-1]
    value = fold(value.strip())
    if not value:
        raise QueryError(position + len(name) + 1, f"a value after {name}:", "the value is empty")
    return Field(name.lower(), value, prefix)


class _Parser:
    def __init__(self, query: str) -> None:
        self.lexemes = _lex(query)
        self.index = 0

    @property
    def current(self) -> _Lexeme:
        return self.lexemes[self.index]

    def advance(self) -> _Lexeme:
        lexeme = self.lexemes[self.index]
        self.index += 1
        return lexeme

    def parse(self) -> Node:
        node = self.or_expr()
        if self.current.kind != "EOF":
            lexeme = self.current
            raise QueryError(
                lexeme.position, "an operator or the end of the query", f"got {lexeme.text!r}"
            )
        return node

    def or_expr(self) -> Node:
        operands = [self.and_expr()]
        while self.current.kind == "OR":
            self.advance()
            operands.append(self.and_expr())
        return _flat(Or, operands)

    def and_expr(self) -> Node:
        operands = [self.near_expr()]
        while self.current.kind in ("AND", "NOT", "(", "PHRASE", "FIELD", "WORD"):
            if self.current.kind == "AND":
                self.advance()
            operands.append(self.near_expr())
        return _flat(And, operands)

    def near_expr(self) -> Node:
        start = self.current.position
        node = self.unary()
        while self.current.kind == "NEAR":
            lexeme = self.advance()
            match = _NEAR_RE.fullmatch(lexeme.text)
            if match is None:
                raise QueryError(
                    lexeme.position, "NEAR/n or NEAR/nf (n a number)", f"got {lexeme.text!r}"
                )
            right_start = self.current.position
            right = self.unary()
            _check_near_operand(node, start)
            _check_near_operand(right, right_start)
            node = Near(node, right, int(match.group(1)), ordered=bool(match.group(2)))
        return node

    def unary(self) -> Node:
        if self.current.kind == "NOT":
            self.advance()
            return Not(self.unary())
        return self.primary()

    def primary(self) -> Node:
        lexeme = self.current
        if lexeme.kind == "(":
            self.advance()
            node = self.or_expr()
            if self.current.kind != ")":
                closing = self.current
                got = "the end of the query" if closing.kind == "EOF" else repr(closing.text)
                raise QueryError(
                    closing.position, "')'", f"got {got}; '(' at position {lexeme.position}"
                )
            self.advance()
            return node
        if lexeme.kind in ("PHRASE", "FIELD", "WORD"):
            self.advance()
            return _atom(lexeme)
        got = "the end of the query" if lexeme.kind == "EOF" else repr(lexeme.text)
        raise QueryError(lexeme.position, "a term", f"got {got}")


def _check_near_operand(node: Node, position: int) -> None:
    ok = isinstance(node, _NEAR_OPERANDS) or (
        isinstance(node, Or) and all(isinstance(o, _NEAR_OPERANDS) for o in node.operands)
    )
    if not ok:
        raise QueryError(position, NEAR_OPERAND, "NEAR needs words to measure distance between")


def _flat(kind: type[And] | type[Or], operands: list[Node]) -> Node:
    if len(operands) == 1:
        return operands[0]
    flat: list[Node] = []
    for operand in operands:
        if isinstance(operand, And | Or) and isinstance(operand, kind):
            flat.extend(operand.operands)
        else:
            flat.append(operand)
    return kind(tuple(flat))


def parse(query: str) -> Node:
    """The syntax tree of ``query``; QueryError says where it went wrong and what was expected."""
    return _Parser(query).parse()
