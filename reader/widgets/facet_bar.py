"""The facet bar over the timeline: a density strip of documents per year to pick a year range
on, and compact combos for original language, person, place and subject, plus "With notes".

The bar only describes the reader's choice: it emits ``facet_changed`` with a ``FacetFilter``
on every user change and never on programmatic ones (``set_facet``, ``set_documents``,
``clear``). The main window filters with ``reader.core.facets.filter_documents``, which keeps
the bar free of any other widget. ``set_documents`` takes the whole library, not the filtered
list, so the strip and the combos keep offering what a wider filter would bring back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QEvent,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.core.facets import Faceted, FacetFilter, facet_values, year_counts
from reader.models.display_text import archive_language_label
from reader.services.messages import counted
from reader.widgets.year_axis import YearRange, axis_labels

STRIP_HEIGHT = 44
TYPING_DELAY_MS = 200  # editable combos: wait for a pause in typing before refiltering
KEY_DELAY_MS = 150  # arrow keys on the strip: coalesce auto-repeat into one change
_CLOSE_WIDTH = 16  # room kept at the right of the strip for the "×" that clears the range
_PAD = 3


documents_text = counted.documents  # "1 document", "2 documents", in the interface language


# ---------------------------------------------------------------------------------------------
# The density strip


class DensityStrip(QWidget):
    """One bar per year from the first to the last dated year; drag across it to pick a range.

    Keys: Left/Right move the start of the range, Shift+Left/Right its end, Escape clears it.
    Colours come from the palette (Link for bars, Highlight for the range), so it follows the
    light and dark themes.
    """

    range_changed = Signal(object)  # YearRange | None, on user changes only

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[int, int] = {}
        self._reading = False  # the library is still being read (see set_counts)
        self._span: YearRange | None = None
        self._view: YearRange | None = None  # the years drawn: the span, padded to a decade
        self._range: YearRange | None = None
        self._anchor: int | None = None  # the year a drag started on
        self._key_timer = QTimer(self, singleShot=True, interval=KEY_DELAY_MS)
        self._key_timer.timeout.connect(self._emit_range)
        self.setFixedHeight(STRIP_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Documents per year"))
        self._update_description()

    # --- state ---------------------------------------------------------------------------

    def set_counts(self, counts: dict[int, int], reading: bool = False) -> None:
        """Show these counts; keep the chosen range if it still meets the new span. While the
        library is still being ``reading``, an empty strip says so rather than "no dates"."""
        self._counts = dict(counts)
        self._reading = reading
        self._span = (min(counts), max(counts)) if counts else None
        # Drawn over at least a decade, so a single year is not one bar filling the strip.
        self._view = _padded_span(*self._span) if self._span else None
        if self._range and self._span:
            start, end = self._range
            if end < self._span[0] or start > self._span[1]:
                self._range = None
        self._update_description()
        self.update()

    def counts(self) -> dict[int, int]:
        return dict(self._counts)

    def span(self) -> YearRange | None:
        return self._span

    def year_range(self) -> YearRange | None:
        return self._range

    def set_range(self, year_range: YearRange | None) -> None:
        """Set the range from code: no signal. Bounds may lie outside the span."""
        self._key_timer.stop()
        self._range = (min(year_range), max(year_range)) if year_range else None
        self._update_description()
        self.update()

    def _change_range(self, year_range: YearRange | None, *, delayed: bool = False) -> None:
        if year_range == self._range:
            return
        self._range = year_range
        self._update_description()
        self.update()
        if delayed:
            self._key_timer.start()
        else:
            self._emit_range()

    def _emit_range(self) -> None:
        self._key_timer.stop()
        self.range_changed.emit(self._range)

    def _update_description(self) -> None:
        if self._range is None:
            text = self.tr("All years") if self._span else self._empty_text()
        else:
            start, end = self._range
            text = str(start) if start == end else f"{start}–{end}"
        self.setAccessibleDescription(text)

    # --- geometry --------------------------------------------------------------------------

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        return font

    def _plot_rect(self) -> QRectF:
        label_height = QFontMetrics(self._label_font()).height()
        return QRectF(self.rect()).adjusted(_PAD, _PAD, -_CLOSE_WIDTH, -label_height - 1)

    def _close_rect(self) -> QRectF:
        return QRectF(self.width() - _CLOSE_WIDTH, 0, _CLOSE_WIDTH, _CLOSE_WIDTH)

    def _slot_width(self) -> float:
        assert self._view is not None
        years = self._view[1] - self._view[0] + 1
        return self._plot_rect().width() / years

    def year_at(self, x: float) -> int | None:
        """The year under an x position, clamped to the span (so drags may overshoot)."""
        if self._span is None:
            return None
        assert self._view is not None
        offset = int((x - self._plot_rect().left()) // self._slot_width())
        return max(self._span[0], min(self._span[1], self._view[0] + offset))

    def year_rect(self, year: int) -> QRectF:
        """The slot of one year, the full plot height."""
        assert self._view is not None
        plot, width = self._plot_rect(), self._slot_width()
        return QRectF(
            plot.left() + (year - self._view[0]) * width, plot.top(), width, plot.height()
        )

    def sizeHint(self) -> QSize:
        return QSize(260, STRIP_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, STRIP_HEIGHT)

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._span is None:
            self._paint_empty(painter)
        else:
            self._paint_range(painter)
            self._paint_bars(painter)
            self._paint_axis(painter)
            if self._range is not None:
                self._paint_close(painter)
        if self.hasFocus():
            self._paint_focus(painter)
        painter.end()

    def _quiet_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setPen(self._quiet_colour())
        painter.setFont(self._label_font())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text())

    def _empty_text(self) -> str:
        return self.tr("Reading your library…") if self._reading else self.tr("No dated documents")

    def _paint_range(self, painter: QPainter) -> None:
        if self._range is None or self._span is None:
            return
        start, end = self._range
        left = self.year_rect(max(start, self._span[0])).left()
        right = self.year_rect(min(end, self._span[1])).right()
        # Shade down through the axis labels and mark both edges: tall bars fill their slots,
        # so a shade behind the bars alone would barely show.
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        shade = QColor(highlight)
        shade.setAlpha(60)
        area = QRectF(left, self._plot_rect().top(), right - left, 0)
        area.setBottom(self.height() - 2)
        painter.fillRect(area, shade)
        painter.setPen(highlight)
        painter.drawLine(area.topLeft(), area.bottomLeft())
        painter.drawLine(area.topRight(), area.bottomRight())

    def _paint_bars(self, painter: QPainter) -> None:
        plot, width = self._plot_rect(), self._slot_width()
        peak = max(self._counts.values())
        colour = self.palette().color(QPalette.ColorRole.Link)
        faded = QColor(colour)
        faded.setAlpha(90)  # years outside the chosen range stay visible, but step back
        gap = 1.0 if width >= 3 else 0.0  # separate bars only when there is room
        for year, count in self._counts.items():
            height = max(2.0, plot.height() * count / peak)
            slot = self.year_rect(year)
            inside = self._range is None or self._range[0] <= year <= self._range[1]
            bar = QRectF(slot.left(), plot.bottom() - height, max(1.0, width - gap), height)
            painter.fillRect(bar, colour if inside else faded)

    def _paint_axis(self, painter: QPainter) -> None:
        assert self._span is not None
        plot = self._plot_rect()
        painter.setPen(self._quiet_colour())
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        font = self._label_font()
        painter.setFont(font)
        label_width = QFontMetrics(font).horizontalAdvance("0000") + 6
        assert self._view is not None
        text_top = plot.bottom() + 1
        labels = axis_labels(self._view, self._span, self._range, self._slot_width(), label_width)
        for position, text in labels:
            x = plot.left() + (position - self._view[0]) * self._slot_width()
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3))
            width = max(label_width, QFontMetrics(font).horizontalAdvance(text) + 6)
            box = QRectF(x - width / 2, text_top, width, self.height() - text_top)
            box.moveLeft(max(0.0, min(box.left(), self.width() - _CLOSE_WIDTH - width)))
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)

    def _paint_close(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.setFont(self.font())
        painter.drawText(self._close_rect(), Qt.AlignmentFlag.AlignCenter, "×")

    def _paint_focus(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)

    # --- mouse -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._span is None:
            super().mousePressEvent(event)
            return
        position = event.position()
        if self._range is not None and self._close_rect().contains(position):
            self._change_range(None)
            return
        anchor = self.year_at(position.x())
        assert anchor is not None  # there is a span, so there is a year under any x
        self._anchor = anchor
        self._range = (anchor, anchor)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._anchor is None:
            super().mouseMoveEvent(event)
            return
        year = self.year_at(event.position().x())
        assert year is not None
        self._range = (min(self._anchor, year), max(self._anchor, year))
        self._update_description()
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._anchor is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._anchor = None
        self._update_description()
        self._emit_range()  # one change per drag, however far it went

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._anchor = None
            self._change_range(None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_tooltip(event.pos(), event.globalPos())
            return True
        return super().event(event)

    def _show_tooltip(self, pos: QPoint, global_pos: QPoint) -> None:
        text = self.tooltip_at(pos.x(), pos.y())
        if text:
            QToolTip.showText(global_pos, text, self)
        else:
            QToolTip.hideText()

    def tooltip_at(self, x: float, y: float) -> str:
        """ "1951: 12 documents" over a year, a hint over the "×" and elsewhere."""
        if self._span is None:
            return ""
        if self._range is not None and self._close_rect().contains(x, y):
            return self.tr("Clear the year range (Esc)")
        if x > self._plot_rect().right():
            return ""
        year = self.year_at(x)
        assert year is not None  # there is a span, so there is a year under any x
        return f"{year}: {documents_text(self._counts.get(year, 0))}"

    # --- keyboard --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self._range is not None:
            self._change_range(None)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self._span is not None:
            step = -1 if key == Qt.Key.Key_Left else 1
            moves_end = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._change_range(self._stepped(step, moves_end), delayed=True)
        else:
            super().keyPressEvent(event)  # Escape with no range still reaches the parents

    def _stepped(self, step: int, moves_end: bool) -> YearRange:
        # Without a range the keys start from the whole span, so Right narrows from the left.
        assert self._span is not None
        first, last = self._span
        start, end = self._range or self._span
        if moves_end:
            end = max(start, min(last, end + step))
        else:
            start = max(first, min(end, start + step))
        return (start, end)


# ---------------------------------------------------------------------------------------------
# The bar


class FacetBar(QWidget):
    """The density strip above compact facet combos, a "With notes" box and "Clear filters"."""

    facet_changed = Signal(object)  # FacetFilter, on user changes only

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facetBar")
        self._undated_in_range = False  # from set_facet; the reader's own ranges leave them out
        self._last = FacetFilter()
        self._typing = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._typing.timeout.connect(self._commit)
        self.strip = DensityStrip(self)
        self.strip.range_changed.connect(self._commit)
        self.language_combo = self._language_combo()
        self.person_combo = self._text_combo(self.tr("Any person"), self.tr("Person"))
        self.place_combo = self._text_combo(self.tr("Any place"), self.tr("Place"))
        self.subject_combo = self._text_combo(self.tr("Any subject"), self.tr("Subject"))
        self.notes_check = QCheckBox(self.tr("With notes"), self)
        self.notes_check.setToolTip(self.tr("Only documents with highlights, notes or bookmarks"))
        self.notes_check.clicked.connect(self._commit)
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.clicked.connect(self._clear_by_user)
        self._lay_out()
        self._update_clear_button()

    # --- construction ----------------------------------------------------------------------

    def _lay_out(self) -> None:
        # Two combos a row: the bar lives in the timeline sidebar, a few hundred pixels wide.
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        grid.addWidget(self.language_combo, 0, 0)
        grid.addWidget(self.person_combo, 0, 1)
        grid.addWidget(self.place_combo, 1, 0)
        grid.addWidget(self.subject_combo, 1, 1)
        grid.addWidget(self.notes_check, 2, 0)
        grid.addWidget(self.clear_button, 2, 1, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.strip)
        layout.addLayout(grid)

    def _compact(self, combo: QComboBox, name: str) -> QComboBox:
        # Long names must not widen the sidebar: size to a few characters and elide the rest.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        return combo

    def _language_combo(self) -> QComboBox:
        # A short list: a plain choice, applied at once.
        combo = self._compact(QComboBox(self), self.tr("Original language"))
        combo.addItem(self.tr("Any language"), None)
        combo.activated.connect(self._commit)
        return combo

    def _text_combo(self, placeholder: str, name: str) -> QComboBox:
        # People lists run to hundreds: type to narrow, matching anywhere in the name.
        combo = self._compact(QComboBox(self), name)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = combo.lineEdit()
        assert line is not None  # an editable combo box always has its line edit
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        completer = QCompleter(combo.model(), combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        line.textEdited.connect(lambda _text: self._typing.start())
        line.returnPressed.connect(self._commit)
        combo.activated.connect(self._commit)
        completer.activated.connect(self._commit_after_completion)
        return combo

    def _text_combos(self) -> tuple[QComboBox, QComboBox, QComboBox]:
        return (self.person_combo, self.place_combo, self.subject_combo)

    # --- public API ------------------------------------------------------------------------

    def set_documents(self, documents: Iterable[Faceted], reading: bool = False) -> None:
        """Offer the values and years of these documents (the whole library).

        Choices still present are kept; others are dropped, so read ``facet()`` afterwards.
        """
        documents = list(documents)
        values = facet_values(documents)
        self.strip.set_counts(year_counts(documents), reading)
        self._fill(self.language_combo, values.languages, keep_any_item=True)
        for combo, pairs in zip(
            self._text_combos(), (values.people, values.places, values.subjects), strict=True
        ):
            self._fill(combo, pairs, keep_any_item=False)
        self._last = self.facet()
        self._update_clear_button()

    def facet(self) -> FacetFilter:
        year_range = self.strip.year_range()
        return FacetFilter(
            year_from=year_range[0] if year_range else None,
            year_to=year_range[1] if year_range else None,
            original_language=self.language_combo.currentData(),
            person=self._text_value(self.person_combo),
            place=self._text_value(self.place_combo),
            subject=self._text_value(self.subject_combo),
            with_notes=self.notes_check.isChecked(),
            include_undated=year_range is None or self._undated_in_range,
        )

    def set_facet(self, facet: FacetFilter) -> None:
        """Show ``facet`` without emitting ``facet_changed``."""
        self._typing.stop()
        self.strip.set_range(self._range_of(facet))
        self._undated_in_range = facet.has_year_range and facet.include_undated
        self._select_language(facet.original_language)
        values = (facet.person, facet.place, facet.subject)
        for combo, value in zip(self._text_combos(), values, strict=True):
            combo.setEditText(value or "")
        self.notes_check.setChecked(facet.with_notes)
        self._last = self.facet()
        self._update_clear_button()

    def clear(self) -> None:
        """Drop every facet, without emitting ``facet_changed``."""
        self.set_facet(FacetFilter())

    # --- helpers ---------------------------------------------------------------------------

    def _range_of(self, facet: FacetFilter) -> YearRange | None:
        if not facet.has_year_range:
            return None
        # An open bound reaches to the end of the strip (or to the other bound on an empty one).
        first, last = self.strip.span() or (facet.year_from, facet.year_to)
        start = facet.year_from if facet.year_from is not None else first
        end = facet.year_to if facet.year_to is not None else last
        start = start if start is not None else end
        end = end if end is not None else start
        assert start is not None and end is not None
        return (start, end)

    def _fill(
        self, combo: QComboBox, pairs: Sequence[tuple[str, int]], *, keep_any_item: bool
    ) -> None:
        chosen = combo.currentData() if keep_any_item else self._text_value(combo)
        combo.blockSignals(True)
        try:
            while combo.count() > (1 if keep_any_item else 0):
                combo.removeItem(combo.count() - 1)
            for value, count in pairs:
                combo.addItem(archive_language_label(value) if keep_any_item else value, value)
                combo.setItemData(
                    combo.count() - 1, documents_text(count), Qt.ItemDataRole.ToolTipRole
                )
            self._restore(combo, chosen, keep_any_item=keep_any_item)
        finally:
            combo.blockSignals(False)

    def _restore(self, combo: QComboBox, chosen: str | None, *, keep_any_item: bool) -> None:
        index = self._find(combo, chosen)
        if keep_any_item:
            combo.setCurrentIndex(max(0, index))
        else:
            combo.setCurrentIndex(-1)
            combo.setEditText(combo.itemText(index) if index >= 0 else "")

    @staticmethod
    def _find(combo: QComboBox, value: str | None) -> int:
        folded = (value or "").strip().casefold()
        names = ((combo.itemText(i), str(combo.itemData(i) or "")) for i in range(combo.count()))
        found = (i for i, ns in enumerate(names) if folded in map(str.casefold, ns))
        return next(found, -1) if folded else -1

    def _select_language(self, language: str | None) -> None:
        index = self._find(self.language_combo, language) if language else 0
        if index < 0 and language:  # a language no document has: show it, not drop it
            self.language_combo.addItem(language, language)
            index = self.language_combo.count() - 1
        self.language_combo.setCurrentIndex(index)

    def _text_value(self, combo: QComboBox) -> str | None:
        # The known spelling when the typed text names a value, else the text as typed.
        text = combo.currentText().strip()
        if not text:
            return None
        index = self._find(combo, text)
        return combo.itemText(index) if index >= 0 else text

    def _commit_after_completion(self, _text: str) -> None:
        # The completer fills the line edit after its signal: read it once that has happened.
        QTimer.singleShot(0, self._commit)

    def _commit(self, *_args: object) -> None:
        self._typing.stop()
        facet = self.facet()
        self._update_clear_button()
        if facet != self._last:
            self._last = facet
            self.facet_changed.emit(facet)

    def _clear_by_user(self) -> None:
        before = self._last
        self.clear()
        if self._last != before:
            self.facet_changed.emit(self._last)

    def _update_clear_button(self) -> None:
        self.clear_button.setEnabled(self.facet().active)


MIN_SPAN_YEARS = 11


def _padded_span(first: int, last: int) -> YearRange:
    """At least a decade around the data: one year alone would be one bar filling the strip."""
    missing = MIN_SPAN_YEARS - (last - first + 1)
    if missing <= 0:
        return first, last
    before = missing // 2
    return first - before, last + missing - before
