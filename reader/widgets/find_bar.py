"""Find in the open document: a compact bar over the reading panes.

The bar searches the panes' QTextDocuments for literal text, ignoring case, ё/е and Latin
accents. It does not draw the matches itself: the panes already use extra selections for their
own marks, and a second owner would overwrite them. It emits ``matches_changed`` with every
match, ``{pane index: [(paragraph, start, end), ...]}``, for the panes to draw, and
``current_match`` for the one the reader is on, which it also scrolls into view. A target that
draws the current match distinctly (``set_current_find_match``, as ParagraphPane does) is told
which one it is, and gets the caret there; any other target shows it as its selection (which is
faint when the pane has no focus, in the dark theme).

Paragraphs are the panes' text blocks (ParagraphPane puts one paragraph in each block), and
offsets are positions within a block's text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import astuple, dataclass
from functools import lru_cache
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

NO_MATCHES_TEXT = "No matches"  # the English text; shown through tr()

Matches = dict[int, list[tuple[int, int, int]]]


@runtime_checkable
class CurrentMatchTarget(Protocol):
    """A pane that draws the current match unlike the others."""

    def set_current_find_match(self, match: tuple[int, int, int] | None) -> None: ...


@dataclass(frozen=True, order=True)
class Match:
    """Ordered as the reader steps through them: left pane first, then by position."""

    pane: int
    paragraph: int
    start: int
    end: int


# ---------------------------------------------------------------------------------------------
# Folding: case, ё/е and Latin accents, keeping every character in place so offsets stay right


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table = {ord("ё"): "е", ord("\u00a0"): " ", ord("\u202f"): " "}
    for code in range(0xC0, 0x250):  # Latin-1 Supplement and Latin Extended-A/B
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha() and base != chr(code):
            table[code] = base.lower()
    return table


def fold(text: str) -> str:
    """``text`` lower-cased with ё→е and Latin accents dropped, one character per character.

    Only Latin accents are dropped: й and и are different Russian letters, while ё is commonly
    printed as е, so "ещё" and "еще" must find each other.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # e.g. "İ" lowers to two characters: fold one at a time
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_fold_table())


def find_in_text(text: str, needle: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of ``needle`` (already folded) in ``text``."""
    if not needle:
        return []
    haystack = fold(text)
    found = []
    position = haystack.find(needle)
    while position >= 0:
        found.append((position, position + len(needle)))
        position = haystack.find(needle, position + len(needle))
    return found


def find_in_pane(pane: QTextEdit, pane_index: int, needle: str) -> list[Match]:
    matches = []
    block = pane.document().begin()
    while block.isValid():
        for start, end in find_in_text(block.text(), needle):
            matches.append(Match(pane_index, block.blockNumber(), start, end))
        block = block.next()
    return matches


# ---------------------------------------------------------------------------------------------
# The bar


class FindBar(QWidget):
    """Field, "n of m", previous / next and close. Enter / F3 next, Shift+Enter / Shift+F3
    previous, Esc closes."""

    matches_changed = Signal(object)  # {pane index: [(paragraph, start, end), ...]}
    current_match = Signal(int, int, int, int)  # pane index, paragraph, start, end
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._targets: list[QTextEdit] = []
        self._matches: list[Match] = []
        self._current = -1
        # Coalesces refreshes: a pane that loads a document fires several textChanged.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._deferred_refresh)
        self._scroll_on_refresh = False
        self._build()
        self._connect()

    # ----- public API -----------------------------------------------------------------------

    def set_targets(self, panes: list[QTextEdit]) -> None:
        """The panes to search, in stepping order (left first). Their text changes are followed."""
        for pane in self._targets:
            pane.textChanged.disconnect(self._targets_changed)
        self._targets = list(panes)
        for pane in self._targets:
            pane.textChanged.connect(self._targets_changed)
        self._current = -1
        self.refresh()

    def open(self) -> None:
        """Show the bar, focus its field and select what is in it, ready to type over."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        """Hide the bar and give the keyboard back to the pane the reader was on."""
        pane = self._current_pane()
        self.hide()
        if pane is not None:
            pane.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def refresh(self, scroll: bool = True) -> None:
        """Search the targets again (the text or the panes changed) and report the matches.

        With ``scroll``, the current match is also selected and scrolled to; a pane that just
        loaded another document keeps the place it restored.
        """
        self._refresh_timer.stop()
        self._scroll_on_refresh = False
        previous = self.current()
        needle = fold(self.field.text()) if self.isVisible() else ""
        self._matches = self._find(needle)
        self._current = _first_from(self._matches, previous)
        self.matches_changed.emit(self.matches())
        self._update_label()
        if scroll:
            self._show_current()
        else:
            self._tell_current()
            if self._current >= 0:
                self.current_match.emit(*astuple(self._matches[self._current]))

    def matches(self) -> Matches:
        """Every match by pane index; every target pane has an entry, empty when it has none."""
        result: Matches = {index: [] for index in range(len(self._targets))}
        for match in self._matches:
            result[match.pane].append((match.paragraph, match.start, match.end))
        return result

    def current(self) -> Match | None:
        """The match the reader is on, or None."""
        return self._matches[self._current] if 0 <= self._current < len(self._matches) else None

    def current_index(self) -> int:
        """Index of the current match in all matches, or -1."""
        return self._current

    def match_count(self) -> int:
        return len(self._matches)

    # ----- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in document"))
        self.field.setAccessibleName(self.tr("Find in document"))
        self.field.setMinimumWidth(180)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance(self._count_text(999, 999)) + 8)
        self.previous_button = self._button(
            Qt.ArrowType.UpArrow, self.tr("Previous match"), self.tr("Previous match (Shift+Enter)")
        )
        self.next_button = self._button(
            Qt.ArrowType.DownArrow, self.tr("Next match"), self.tr("Next match (Enter)")
        )
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.close_button.setAccessibleName(self.tr("Close find bar"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(4)
        for widget in (self.field, self.count_label, self.previous_button, self.next_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.close_button)

    def _button(self, arrow: Qt.ArrowType, name: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setArrowType(arrow)
        button.setAutoRaise(True)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        return button

    def _connect(self) -> None:
        self.field.textChanged.connect(lambda _text: self.refresh())
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        self.field.installEventFilter(self)
        # The platform's Find Next / Previous keys (F3 and Ctrl+G here) work wherever the focus
        # is in the window, as long as the bar is showing.
        for standard, slot in (
            (QKeySequence.StandardKey.FindNext, self.find_next),
            (QKeySequence.StandardKey.FindPrevious, self.find_previous),
        ):
            for sequence in QKeySequence.keyBindings(standard):
                shortcut = QShortcut(sequence, self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(slot)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_bar)

    # ----- behaviour ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._step(-1 if backwards else 1)
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self._scroll_on_refresh = True
            self._refresh_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # a minimised window keeps its matches
            self._refresh_timer.stop()
            self._matches, self._current = [], -1
            self.matches_changed.emit(self.matches())  # the panes clear what they drew
            self._tell_current()

    def _deferred_refresh(self) -> None:
        self.refresh(scroll=self._scroll_on_refresh)

    def _targets_changed(self) -> None:
        if self.isVisible():
            self._refresh_timer.start()

    def _find(self, needle: str) -> list[Match]:
        matches: list[Match] = []
        for index, pane in enumerate(self._targets):
            if not pane.isHidden():  # a pane put away (one-language document) is not read
                matches.extend(find_in_pane(pane, index, needle))
        return matches

    def _step(self, delta: int) -> None:
        if self._refresh_timer.isActive():
            self.refresh()
        if not self._matches:
            return
        self._current = (self._current + delta) % len(self._matches)  # wraps at either end
        self._update_label()
        self._show_current()

    def _update_label(self) -> None:
        if not self.field.text():
            self.count_label.setText("")
        elif not self._matches:
            self.count_label.setText(self.tr("No matches"))
        else:
            self.count_label.setText(self._count_text(self._current + 1, len(self._matches)))

    def _count_text(self, current: int, total: int) -> str:
        return self.tr("%1 of %2").replace("%1", str(current)).replace("%2", str(total))

    def _current_pane(self) -> QTextEdit | None:
        if 0 <= self._current < len(self._matches):
            return self._targets[self._matches[self._current].pane]
        return self._targets[0] if self._targets else None

    def _tell_current(self) -> None:
        """Tell each target that draws it which match is current (None: not in that pane)."""
        match = self.current()
        for index, pane in enumerate(self._targets):
            if isinstance(pane, CurrentMatchTarget):
                here = match is not None and match.pane == index
                pane.set_current_find_match(
                    (match.paragraph, match.start, match.end) if here and match else None
                )

    def _show_current(self) -> None:
        """Select the current match in its pane, scroll it into view, and report it."""
        self._tell_current()
        if not 0 <= self._current < len(self._matches):
            return
        match = self._matches[self._current]
        for index, other in enumerate(self._targets):
            cursor = other.textCursor()
            if index != match.pane and cursor.hasSelection():  # one selected match, not two
                cursor.clearSelection()
                other.setTextCursor(cursor)
        pane = self._targets[match.pane]
        block = pane.document().findBlockByNumber(match.paragraph)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + match.start)
        # A pane that draws the current match gets the caret at its end rather than a selection:
        # the theme's selection colours would paint over that mark (light text on amber, in the
        # dark theme). Any other target shows the current match as its selection.
        mode = (
            QTextCursor.MoveMode.MoveAnchor
            if isinstance(pane, CurrentMatchTarget)
            else QTextCursor.MoveMode.KeepAnchor
        )
        cursor.setPosition(block.position() + match.end, mode)
        pane.setTextCursor(cursor)
        pane.ensureCursorVisible()
        self.current_match.emit(match.pane, match.paragraph, match.start, match.end)


def _first_from(matches: list[Match], previous: Match | None) -> int:
    """The match to be on after a new search: the first at or after where the reader was, so
    typing one more letter does not jump back to the top."""
    if not matches:
        return -1
    if previous is None:
        return 0
    for position, match in enumerate(matches):
        if (match.pane, match.paragraph, match.start) >= (
            previous.pane,
            previous.paragraph,
            previous.start,
        ):
            return position
    return 0
