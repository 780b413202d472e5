"""The search box's query language, compiled to an FTS5 MATCH expression over stems.

    word            a word in any of its forms (stemmed: «шифровку» finds «шифровка»)
    "two words"     a phrase: the words in this order, each in any form
    negot*          words starting with "negot" (not stemmed)
    a b             both (implicit AND); also a AND b
    a OR b          either
    a NOT b         a without b (NOT needs something before it, as in FTS5)
    (a OR b) c      grouping

Operators are upper case; lower-case "and", "or", "not" are words. Every term is quoted in the
expression handed to FTS5, so nothing the user types can reach FTS5's own syntax: invalid input
raises :class:`QueryError` with a message for the user, never an SQLite error.

A query is bounded: at most :data:`MAX_QUERY_CHARS` characters, :data:`MAX_QUERY_TERMS` words
and phrases, and :data:`MAX_QUERY_DEPTH` nested parentheses. Chained NOTs are flattened
("a NOT b NOT c" is a without b or c), so a tree's depth grows only with its parentheses and
nothing that walks it can run out of stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core import stemming
from reader.core.messages import QT_TRANSLATE_NOOP, Message

_TOKEN = re.compile(r'\s*(?:(\()|(\))|"([^"]*)("?)|([^\s()"]+))')
_OPERATORS = {"AND", "OR", "NOT"}
MAX_QUERY_CHARS = 2_000
MAX_QUERY_TERMS = 64
MAX_QUERY_DEPTH = 16  # nested parentheses
# A compiled tree is never deeper than this: each parenthesis adds at most OR, AND and NOT.
MAX_TREE_DEPTH = 4 * (MAX_QUERY_DEPTH + 1)


class QueryError(ValueError):
    """A query that cannot be searched; the message says why, in words for the user.

    ``message`` is that text as a :class:`Message`, for the window to show translated."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


_NOT_ALONE = Message(
    QT_TRANSLATE_NOOP("CoreMessages", "NOT needs a word before it, as in: treaty NOT Korea.")
)


@dataclass
class Terms:
    """The positive terms of a query, for highlighting: stems and unstemmed prefixes."""

    stems: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)


# A query tree: ("leaf", fts5 expression) | ("and", [nodes]) | ("or", [nodes]) | ("not", [a, b]).
# Words and phrases match within one paragraph (or field); AND, OR and NOT combine documents, so
# "Stalin treaty" finds a document that names Stalin in one paragraph and the treaty in another.
Node = tuple[str, "str | list[Node]"]


@dataclass(frozen=True)
class CompiledQuery:
    tree: Node
    terms: Terms


@dataclass(frozen=True)
class _Token:
    kind: str  # "(", ")", "phrase", "word", "op"
    text: str


def compile_query(query: str, algorithms: frozenset[str] = frozenset()) -> CompiledQuery:
    """Compile ``query`` for an index whose texts were stemmed with ``algorithms``."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            Message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "The search is too long (%1 characters; the limit is %2)."
                ),
                f"{len(query):,}",
                f"{MAX_QUERY_CHARS:,}",
            )
        )
    parser = _Parser(_tokens(query), algorithms)
    terms = sum(1 for token in parser.tokens if token.kind in ("word", "phrase"))
    if terms > MAX_QUERY_TERMS:
        raise QueryError(
            Message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "The search has too many words (%1; the limit is %2)."
                ),
                str(terms),
                str(MAX_QUERY_TERMS),
            )
        )
    if not parser.tokens:
        raise QueryError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Type a word to search for.")))
    tree = parser.parse_or()
    if parser.position < len(parser.tokens):
        unexpected = parser.tokens[parser.position].text
        raise QueryError(
            Message(QT_TRANSLATE_NOOP("CoreMessages", "Unexpected “%1” in the search."), unexpected)
        )
    if tree is None:
        raise QueryError(
            Message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "The search has no words in it (only punctuation)."
                )
            )
        )
    return CompiledQuery(tree, parser.terms)


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    query = query.strip()
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None:  # only trailing spaces are left
            break
        position = match.end()
        opening, closing, phrase, closed, word = match.groups()
        if opening or closing:
            tokens.append(_Token(opening or closing, opening or closing))
        elif phrase is not None:
            if not closed:
                raise QueryError(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "CoreMessages", 'A phrase is missing its closing quote (").'
                        )
                    )
                )
            tokens.append(_Token("phrase", phrase))
        elif word in _OPERATORS:
            tokens.append(_Token("op", word))
        elif word:
            tokens.append(_Token("word", word))
    return tokens


class _Parser:
    """Recursive descent: OR binds loosest, then AND (explicit or implied), then NOT."""

    def __init__(self, tokens: list[_Token], algorithms: frozenset[str]) -> None:
        self.tokens = tokens
        self.position = 0
        self.algorithms = algorithms
        self.terms = Terms()
        self._negated = 0
        self._depth = 0  # parentheses open at the current token

    def _peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse_or(self) -> Node | None:
        parts = [self.parse_and()]
        while self._is_op("OR"):
            self._take()
            parts.append(self._required(self.parse_and(), "OR"))
        return _join(parts, "or")

    def parse_and(self) -> Node | None:
        parts = [self.parse_not()]
        while True:
            token = self._peek()
            if token is None or token.kind == ")" or (token.kind == "op" and token.text == "OR"):
                return _join(parts, "and")
            if token.kind == "op" and token.text == "AND":
                self._take()
                parts.append(self._required(self.parse_not(), "AND"))
            else:
                parts.append(self.parse_not())

    def parse_not(self) -> Node | None:
        if self._is_op("NOT"):
            raise QueryError(_NOT_ALONE)
        left = self.parse_primary()
        excluded: list[Node] = []
        while self._is_op("NOT"):
            self._take()
            self._negated += 1
            excluded.append(self._required(self.parse_primary(), "NOT"))
            self._negated -= 1
            if left is None:
                raise QueryError(_NOT_ALONE)
        if left is None or not excluded:
            return left
        # "a NOT b NOT c" is "a NOT (b OR c)": one level, however many NOTs follow.
        return ("not", [left, excluded[0] if len(excluded) == 1 else ("or", excluded)])

    def parse_primary(self) -> Node | None:
        token = self._peek()
        if token is None:
            return None
        if token.kind == "op":
            raise QueryError(
                Message(
                    QT_TRANSLATE_NOOP("CoreMessages", "%1 needs a word on both sides."), token.text
                )
            )
        if token.kind == ")":
            raise QueryError(
                Message(
                    QT_TRANSLATE_NOOP("CoreMessages", "A closing parenthesis has no opening one.")
                )
            )
        self._take()
        if token.kind == "(":
            if self._depth >= MAX_QUERY_DEPTH:
                raise QueryError(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "CoreMessages",
                            "The search nests parentheses too deeply (the limit is %1).",
                        ),
                        str(MAX_QUERY_DEPTH),
                    )
                )
            self._depth += 1
            inner = self.parse_or()
            self._depth -= 1
            if not self._peek() or self._take().kind != ")":
                raise QueryError(
                    Message(QT_TRANSLATE_NOOP("CoreMessages", "A parenthesis is not closed."))
                )
            return inner
        if token.kind == "phrase":
            return self._phrase(stemming.find_words(token.text))
        return self._word(token.text)

    def _word(self, text: str) -> Node | None:
        prefix = text.endswith("*")
        found = stemming.find_words(text.rstrip("*"))
        if prefix and len(found) == 1:
            folded = stemming.fold(found[0])
            if not self._negated:
                self.terms.prefixes.add(folded)
            return ("leaf", f'words : "{folded}" *')
        return self._phrase(found)  # "Yat-sen" is searched as the phrase "yat sen", as FTS5 does

    def _phrase(self, found: list[str]) -> Node | None:
        """A word or a phrase, as an OR over the stemmers that may have indexed it."""
        if not found:
            return None
        per_word = [stemming.query_terms(word, self.algorithms) for word in found]
        self._remember(per_word)
        # One phrase per stemmer in play: a phrase is in one language, not a mix of guesses.
        width = max(len(options) for options in per_word)
        variants = sorted(
            {
                " ".join(options[min(i, len(options) - 1)] for options in per_word)
                for i in range(width)
            }
        )
        return ("leaf", " OR ".join(f'stems : "{variant}"' for variant in variants))

    def _remember(self, per_word: list[list[str]]) -> None:
        if not self._negated:
            for options in per_word:
                self.terms.stems.update(options)

    def _is_op(self, name: str) -> bool:
        token = self._peek()
        return token is not None and token.kind == "op" and token.text == name

    def _required(self, part: Node | None, operator: str) -> Node:
        if part is None:
            raise QueryError(
                Message(
                    QT_TRANSLATE_NOOP("CoreMessages", "%1 needs a word on both sides."), operator
                )
            )
        return part


def _join(parts: list[Node | None], operator: str) -> Node | None:
    kept = [part for part in parts if part is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else (operator, kept)
