"""Recursive descent over the tokens: the user's query language.

Grammar (``OR`` binds tighter than the implicit AND, as in web search engines, so
``india nuclear OR uranium`` means india AND (nuclear OR uranium))::

    query   := seq END
    seq     := (AND? disj)*
    disj    := unary (OR unary)*
    unary   := ('-' | NOT) unary | primary
    primary := '(' seq ')' | "phrase" | field:value | word | prefix*

Only uppercase ``OR``/``AND``/``NOT`` are operators; lowercase ones are words.
"""

from __future__ import annotations

from cablegram.query.errors import QueryError
from cablegram.query.fields import field_node, prefix
from cablegram.query.lexer import Kind, Token, tokenize
from cablegram.query.nodes import And, MatchAll, Not, Or, Phrase, QueryNode, Term

MAX_DEPTH = 32  # nested groups and exclusions: far beyond what anyone types
_ENDS_SEQ = (Kind.END, Kind.RPAREN)
_CANNOT_START = (Kind.END, Kind.RPAREN, Kind.OR, Kind.AND)


def parse_query(text: str) -> QueryNode:
    """Parse what a user typed; raises QueryError (never anything else) when it is malformed."""
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.i]

    def kind(self) -> Kind:
        """The current token's kind (a call, so that type narrowing does not outlive it)."""
        return self.tokens[self.i].kind

    def advance(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def error(self, message: str, token: Token) -> QueryError:
        return QueryError(message, token.pos, self.text)

    def enter(self, token: Token) -> None:
        """One level deeper: the parser and the compiler recurse once per level, so a
        pathological query must stop here, with a message, not at Python's recursion limit."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"the query nests more than {MAX_DEPTH} levels deep", token)

    def parse(self) -> QueryNode:
        node = self.seq()
        if self.kind() is Kind.RPAREN:
            raise self.error("this ')' closes nothing", self.token)
        return node

    def seq(self) -> QueryNode:
        children: list[QueryNode] = []
        while self.kind() not in _ENDS_SEQ:
            if self.kind() is Kind.AND:
                and_token = self.advance()
                if not children or self.kind() in _CANNOT_START:
                    raise self.error("AND needs something on both sides", and_token)
            children.append(self.disj())
        return _combine(And, children)

    def disj(self) -> QueryNode:
        if self.kind() is Kind.OR:
            raise self.error("OR needs something on both sides", self.token)
        children = [self.unary()]
        while self.kind() is Kind.OR:
            or_token = self.advance()
            if self.kind() in _CANNOT_START:
                raise self.error("OR needs something on both sides", or_token)
            children.append(self.unary())
        return _combine(Or, children)

    def unary(self) -> QueryNode:
        if self.kind() in (Kind.MINUS, Kind.NOT):
            op = self.advance()
            if self.kind() in _CANNOT_START:
                raise self.error(f"nothing to exclude after {op.text}", op)
            self.enter(op)
            child = self.unary()
            self.depth -= 1
            return Not(child)
        return self.primary()

    def primary(self) -> QueryNode:
        token = self.advance()
        if token.kind is Kind.LPAREN:
            return self.group(token)
        if token.kind is Kind.PHRASE:
            if not any(ch.isalnum() for ch in token.text):
                raise self.error("this phrase has no words in it", token)
            return Phrase(token.text)
        if token.kind is Kind.FIELD:
            return field_node(token, self.text)
        if token.kind is Kind.PREFIX:
            return prefix(token.text, None, token.pos, self.text)
        if token.kind is Kind.WORD:
            if not any(ch.isalnum() for ch in token.text):
                raise self.error(f"nothing to search for in '{token.text}'", token)
            return Term(token.text)
        raise self.error(f"unexpected {token.kind.value}", token)  # pragma: no cover

    def group(self, opening: Token) -> QueryNode:
        if self.kind() is Kind.RPAREN:
            raise self.error("empty parentheses", opening)
        self.enter(opening)
        node = self.seq()
        if self.kind() is not Kind.RPAREN:
            raise self.error("this '(' is never closed", opening)
        self.advance()
        self.depth -= 1
        return node


def _combine(kind: type[And] | type[Or], children: list[QueryNode]) -> QueryNode:
    """One child stands alone; nested groups of the same kind are flattened."""
    flat: list[QueryNode] = []
    for child in children:
        flat.extend(child.children if isinstance(child, kind) else (child,))
    if not flat:
        return MatchAll()
    if len(flat) == 1:
        return flat[0]
    return kind(tuple(flat))
