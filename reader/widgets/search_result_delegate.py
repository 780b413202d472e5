"""How a search result row is painted: a document's title fitted to two lines with its date, or
a hit's location and snippet with the matched words marked. Text is laid out with QTextLayout
and format ranges, so markup in a document shows literally and nothing in it loads a resource.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

from reader.models.display_text import display_date, display_locale, shown
from reader.models.search_results_model import SearchRole
from reader.services.search import DocumentHits

ModelIndex = QModelIndex | QPersistentModelIndex

# Characters that would break a line or draw as a box; each is replaced one for one, so the
# hit spans (offsets into the snippet) stay right.
_LINE_BREAKS = str.maketrans("\n\r\t\v\f\u2028\u2029\x85", "        ")


# ---------------------------------------------------------------------------------------------
# Painting a row


def _with_alpha(colour: QColor, alpha: float) -> QColor:
    faded = QColor(colour)
    faded.setAlphaF(colour.alphaF() * alpha)
    return faded


def _format(
    colour: QColor | None = None, bold: bool = False, background: QColor | None = None
) -> QTextCharFormat:
    text_format = QTextCharFormat()
    if colour is not None:
        text_format.setForeground(colour)
    if bold:
        text_format.setFontWeight(QFont.Weight.Bold)
    if background is not None:
        text_format.setBackground(background)
    return text_format


def _range(start: int, length: int, text_format: QTextCharFormat) -> QTextLayout.FormatRange:
    span = QTextLayout.FormatRange()
    span.start, span.length, span.format = start, length, text_format
    return span


class _Colours:
    """Text, quiet text, link and hit background for one row, selected or not.

    Quiet text and the hit tint are translucent, so they read on whatever the style paints
    behind the row: pyqtdarktheme draws selection from its style sheet and leaves the
    palette's Highlight transparent, so no opaque colour can be blended from the palette.
    """

    def __init__(self, option: QStyleOptionViewItem) -> None:
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        self.text = palette.color(text_role)
        self.quiet = _with_alpha(self.text, 0.6)
        accent = palette.color(QPalette.ColorRole.Highlight)
        if accent.alphaF() < 0.5:  # a style-sheet theme: its accent colour is the link colour
            accent = palette.color(QPalette.ColorRole.Link)
        self.link = self.text if selected else palette.color(QPalette.ColorRole.Link)
        self.hit_background = _with_alpha(self.text if selected else accent, 0.25)


class _RowText:
    """What a row lays out: text, format ranges, the lines it may take, and indents."""

    __slots__ = ("hang", "left", "max_lines", "ranges", "text")

    def __init__(
        self,
        text: str,
        ranges: list[QTextLayout.FormatRange],
        max_lines: int,
        hang: float = 0.0,
        left: float = 0.0,
    ) -> None:
        self.text = text
        self.ranges = ranges
        self.max_lines = max_lines
        self.hang = hang  # indent of the lines after the first (past a hit's location label)
        self.left = left  # indent of every line (past a document's expand arrow)


class SearchResultDelegate(QStyledItemDelegate):
    """Document rows: an expand arrow, the title (up to :attr:`TITLE_LINES` lines, cut in the
    middle if longer, so titles that differ only at their ends stay apart), then a quiet date
    and hit count. Hit rows: a quiet location ("RU ¶ 4") and up to :attr:`HIT_LINES` lines of
    snippet, moved on if need be so its first hit shows, the hits in bold on a tint. "More"
    rows: "… 5 more hits" in the link colour."""

    PADDING = 5
    DOCUMENT_GAP = 4  # extra room above a document row, to set the groups apart
    HIT_LINES = 2
    TITLE_LINES = 2
    OPEN, CLOSED = "▾", "▸"

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        # At most 50 documents of a few hits are shown (more on request), so laying each out
        # here costs little.
        lines = len(self._fitted(option, index, self._text_width(option, index))[0])
        gap = self.DOCUMENT_GAP if index.data(SearchRole.KIND) == "document" else 0
        return QSize(200, round(max(1, lines) * line_step(option.font) + 2 * self.PADDING + gap))

    def drawn_lines(self, option: QStyleOptionViewItem, index: ModelIndex) -> list[str]:
        """The text of each line the row draws at ``option.rect``'s width (as painted)."""
        content = self._content(option, index, self._paint_width(option))
        return self._fitted_content(option, content, self._paint_width(option))[0]

    def _text_width(self, option: QStyleOptionViewItem, index: ModelIndex) -> float:
        """The width text gets in the row; a size hint is asked without the row's rectangle."""
        view = self.parent()
        if not isinstance(view, QTreeView):
            return self._paint_width(option)
        indent = view.indentation() if index.parent().isValid() else 0
        return max(1.0, float(view.viewport().width() - indent - 2 * self.PADDING))

    def _paint_width(self, option: QStyleOptionViewItem) -> float:
        return max(1.0, float(option.rect.width() - 2 * self.PADDING))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the panel only (selection, hover, focus): the text is laid out below
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        painter.save()
        try:
            painter.setClipRect(option.rect)
            self._draw(painter, option, index)
        finally:
            painter.restore()

    def _content(self, option: QStyleOptionViewItem, index: ModelIndex, width: float) -> _RowText:
        colours = _Colours(option)
        kind = index.data(SearchRole.KIND)
        font = option.font
        if kind == "document":
            left = arrow_width(font)
            text, ranges = document_text(index, colours, font, width - left, self.TITLE_LINES)
            return _RowText(text, ranges, self.TITLE_LINES, left=left)
        if kind == "more":
            text = str(index.data(Qt.ItemDataRole.DisplayRole))
            return _RowText(text, [_range(0, len(text), _format(colours.link))], 1)
        text, ranges, hang = hit_text(index, colours, font, width, self.HIT_LINES)
        return _RowText(text, ranges, self.HIT_LINES, hang=hang)

    def _fitted(
        self, option: QStyleOptionViewItem, index: ModelIndex, width: float
    ) -> tuple[list[str], QTextLayout]:
        return self._fitted_content(option, self._content(option, index, width), width)

    @staticmethod
    def _fitted_content(
        option: QStyleOptionViewItem, content: _RowText, width: float
    ) -> tuple[list[str], QTextLayout]:
        text, layout = fit_lines(
            content.text,
            content.ranges,
            option.font,
            width - content.left,
            content.hang,
            content.max_lines,
        )
        lines = [
            text[line.textStart() : line.textStart() + line.textLength()].strip(LINE_SEPARATOR)
            for line in (layout.lineAt(number) for number in range(layout.lineCount()))
        ]
        return lines, layout

    def _draw(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        kind = index.data(SearchRole.KIND)
        if kind == "document":
            rect.setTop(rect.top() + self.DOCUMENT_GAP)
        width = max(1.0, float(rect.width()))
        content = self._content(option, index, width)
        _lines, layout = self._fitted_content(option, content, width)
        colours = _Colours(option)
        painter.setPen(colours.text)
        step = line_step(option.font)
        if kind == "document" and index.model().hasChildren(index):
            painter.setPen(colours.quiet)
            painter.setFont(option.font)
            arrow = self.OPEN if self._expanded(option, index) else self.CLOSED
            box = QRectF(rect.left(), rect.top(), content.left, step)
            painter.drawText(
                box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), arrow
            )
        left = rect.left() + content.left
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            # Lines go at a fixed step, the one sizeHint counted, not at each line's own height.
            line.draw(painter, QPointF(left, rect.top() + number * step - line.y()))

    def _expanded(self, option: QStyleOptionViewItem, index: ModelIndex) -> bool:
        view = self.parent()
        if isinstance(view, QTreeView):
            plain = index.model().index(index.row(), index.column(), index.parent())
            return view.isExpanded(plain)
        return bool(option.state & QStyle.StateFlag.State_Open)


def arrow_width(font: QFont) -> float:
    """Room for a document row's expand arrow, the same open or closed (rows keep their size)."""
    metrics = QFontMetricsF(font)
    arrows = (SearchResultDelegate.OPEN, SearchResultDelegate.CLOSED)
    return max(metrics.horizontalAdvance(arrow) for arrow in arrows) + 4


def document_text(
    index: ModelIndex, colours: _Colours, font: QFont, width: float, max_lines: int = 2
) -> tuple[str, list[QTextLayout.FormatRange]]:
    """ "Title — 21 Jul 1951 (3)" with the title strong, the rest quiet, in ``max_lines``.

    A title too long for the lines is cut in the middle, so its start and its end (where titles
    of a series differ: "… to Stalin", "… to Mao") both show, and the date and the count, which
    tell documents apart too, always follow it. They never break inside.
    """
    document: DocumentHits = index.data(SearchRole.DOCUMENT)
    title = shown(document.title or document.document_id)
    date = f"{short_date(document.date)} ({document.total_hits})"
    rest = " —\u00a0" + date.replace(" ", "\u00a0")
    title = fitted_title(title, rest, font, width, max_lines)
    return title + rest, _title_ranges(len(title), len(rest), colours.text, colours.quiet)


def short_date(iso: str | None) -> str:
    """ "1951-07-21" -> "21 Jul 1951" ("21 июл. 1951"): the date as a row has room for (the
    tooltip has it all)."""
    parts = (iso or "").split("-")
    if len(parts) in (2, 3) and all(part.isdigit() for part in parts):
        month = int(parts[1])
        locale = display_locale()
        if len(parts) == 3 and QDate(int(parts[0]), month, int(parts[2])).isValid():
            return locale.toString(QDate(int(parts[0]), month, int(parts[2])), "d MMM yyyy")
        if 1 <= month <= 12:
            name = locale.standaloneMonthName(month, QLocale.FormatType.ShortFormat)
            return f"{name} {int(parts[0])}"
    return display_date(iso)


def _title_ranges(
    title: int, rest: int, strong: QColor | None = None, quiet: QColor | None = None
) -> list[QTextLayout.FormatRange]:
    return [_range(0, title, _format(strong, bold=True)), _range(title, rest, _format(quiet))]


_TITLES: dict[tuple[str, str, int, str, int], str] = {}
LINE_SEPARATOR = "\u2028"  # ends a title's first line where the fitting chose


def fitted_title(title: str, rest: str, font: QFont, width: float, max_lines: int) -> str:
    """``title`` as shown before ``rest`` in ``max_lines`` (1 or 2) lines of ``width``.

    A title that does not fit keeps its start (the first line, whole words) and its end (the
    last line, before ``rest``), with "…" for the middle: "Ciphered Telegram from Krasovsky" /
    "… on the demarcation line — 13 July 1951 (1)".
    """
    key = (title, rest, round(width), font.toString(), max_lines)
    if key not in _TITLES:
        if len(_TITLES) > 2_000:
            _TITLES.clear()
        _TITLES[key] = _fit_title(title, rest, font, width, max_lines)
    return _TITLES[key]


def _fit_title(title: str, rest: str, font: QFont, width: float, max_lines: int) -> str:
    def lines(candidate: str) -> int:
        ranges = _title_ranges(len(candidate), len(rest))
        return _layout(candidate + rest, ranges, font, width).lineCount()

    if lines(title) <= max_lines:
        return title
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetricsF(bold)
    slack = 6.0  # the layout's bold runs and kerning measure a little wider than the metrics
    room = width - QFontMetricsF(font).horizontalAdvance(rest) - slack
    if max_lines < 2:
        return metrics.elidedText(title, Qt.TextElideMode.ElideMiddle, max(room, 20.0))
    head = _words_that_fit(title, width - slack, metrics, from_end=False)
    remainder = title[len(head) :].lstrip()
    ellipsis = "… "
    tail_room = room - metrics.horizontalAdvance(ellipsis)
    tail = _words_that_fit(remainder, tail_room, metrics, from_end=True)
    while tail:
        mark = "" if tail == remainder else ellipsis
        candidate = head + LINE_SEPARATOR + mark + tail
        if lines(candidate) <= 2:
            return candidate
        tail = tail[tail.find(" ") + 1 :] if " " in tail else tail[1:]  # one word less
    return head + LINE_SEPARATOR + ellipsis.rstrip()


def _words_that_fit(text: str, width: float, metrics: QFontMetricsF, from_end: bool) -> str:
    """The most whole words of ``text`` from its start (or end) that fit ``width``; part of
    a word if not even one does."""
    words = text.split(" ")
    if from_end:
        words.reverse()
    kept: list[str] = []
    for word in words:
        trial = [*kept, word]
        joined = " ".join(reversed(trial) if from_end else trial)
        if metrics.horizontalAdvance(joined) > width:
            break
        kept = trial
    if kept:
        return " ".join(reversed(kept) if from_end else kept)
    mode = Qt.TextElideMode.ElideLeft if from_end else Qt.TextElideMode.ElideRight
    cut = metrics.elidedText(text, mode, max(width, 1.0))
    return cut.replace("…", "")


def hit_text(
    index: ModelIndex, colours: _Colours, font: QFont, width: float, max_lines: int = 2
) -> tuple[str, list[QTextLayout.FormatRange], float]:
    """ "RU ¶ 4  snippet…" with the location quiet and each hit span bold on a tint, and the
    indent of its later lines (past the location).

    A snippet whose first hit would fall past the ``max_lines`` lines drawn at ``width`` starts
    later, a few words before that hit, after a "…".
    """
    location = f"{index.data(SearchRole.LOCATION)}  "
    snippet = str(index.data(Qt.ItemDataRole.DisplayRole)).translate(_LINE_BREAKS)
    spans = [
        (max(0, start), min(len(snippet), end))
        for start, end in index.data(SearchRole.SPANS) or ()
        if min(len(snippet), end) > max(0, start)
    ]
    hang = QFontMetricsF(font).horizontalAdvance(location)

    def ranges_for(moved: list[tuple[int, int]]) -> list[QTextLayout.FormatRange]:
        emphasis = _format(colours.text, bold=True, background=colours.hit_background)
        ranges = [_range(0, len(location), _format(colours.quiet))]
        ranges += [_range(len(location) + s, e - s, emphasis) for s, e in moved]
        return ranges

    def shows_first_hit(text: str, moved: list[tuple[int, int]], after: int = 0) -> bool:
        """Whether the drawn lines hold the first hit and ``after`` characters after it."""
        drawn = fit_lines(location + text, ranges_for(moved), font, width, hang, max_lines)[0]
        cut = drawn.endswith("…") and len(drawn) < len(location + text)
        end = len(drawn) - 1 if cut else len(drawn)
        if not moved:
            return True
        hit_end = len(location) + moved[0][1]
        return hit_end + min(after, len(location + text) - hit_end) <= end

    if spans and not shows_first_hit(snippet, spans):  # moved, it shows a little after the hit
        snippet, spans = _moved_to_hit(
            snippet, spans, lambda text, moved: shows_first_hit(text, moved, _AFTER_HIT)
        )
    return location + snippet, ranges_for(spans), hang


_AFTER_HIT = 12  # characters a moved snippet keeps in view after its first hit


def _moved_to_hit(
    snippet: str,
    spans: list[tuple[int, int]],
    shows: Callable[[str, list[tuple[int, int]]], bool],
) -> tuple[str, list[tuple[int, int]]]:
    """``snippet`` from the earliest word (before its first hit) that ``shows`` the hit, with
    "…" in front; from the hit itself if no word does."""
    first = spans[0][0]

    def moved(start: int) -> tuple[str, list[tuple[int, int]]]:
        shift = 1 - start
        return "…" + snippet[start:], [(s + shift, e + shift) for s, e in spans if s >= start]

    starts = [i + 1 for i in range(first) if snippet[i] == " " and i + 1 <= first]
    if not starts or starts[-1] != first:
        starts.append(first)
    low, high = 0, len(starts) - 1  # later starts show the hit sooner: find the earliest
    while low < high:
        middle = (low + high) // 2
        if shows(*moved(starts[middle])):
            high = middle
        else:
            low = middle + 1
    return moved(starts[low])


def fit_lines(
    text: str,
    ranges: list[QTextLayout.FormatRange],
    font: QFont,
    width: float,
    hang: float,
    max_lines: int,
) -> tuple[str, QTextLayout]:
    """``text`` laid out at ``width`` in at most ``max_lines`` lines, its end cut with "…" if
    it needs more; returns the text drawn and its layout."""
    width = max(1.0, width)
    layout = _layout(text, ranges, font, width, hang)
    if layout.lineCount() > max_lines:
        indent = hang if max_lines > 1 else 0.0
        text = _elided(layout, text, font, width - indent, max_lines)
        ranges = _clip_ranges(ranges, len(text) - 1)
        layout = _layout(text, ranges, font, width, hang)
    return text, layout


_LINE_STEPS: dict[str, float] = {}
_LINE_SAMPLE = "Ag Шщ Ёй ¶"  # Cyrillic may come from a fallback font with taller lines


def line_step(font: QFont) -> float:
    """Height of one line of mixed Latin and Cyrillic text (bold, as hits are) in ``font``."""
    key = font.toString()
    if key not in _LINE_STEPS:
        bold = _range(0, len(_LINE_SAMPLE), _format(bold=True))
        layout = _layout(_LINE_SAMPLE, [bold], font, 10_000.0)
        _LINE_STEPS[key] = max(QFontMetricsF(font).lineSpacing(), layout.lineAt(0).height())
    return _LINE_STEPS[key]


def _layout(
    text: str,
    ranges: list[QTextLayout.FormatRange],
    font: QFont,
    width: float,
    hang: float = 0.0,
) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setFormats(ranges)
    layout.beginLayout()
    top = 0.0
    while (line := layout.createLine()).isValid():
        indent = hang if line.lineNumber() > 0 else 0.0
        line.setLineWidth(max(1.0, width - indent))
        line.setPosition(QPointF(indent, top))
        top += line.height()
    layout.endLayout()
    return layout


def _elided(layout: QTextLayout, text: str, font: QFont, width: float, max_lines: int) -> str:
    """``text`` cut so it fits ``max_lines``, ending in "…" on the last line."""
    last = layout.lineAt(max_lines - 1).textStart()
    # Bold hits are wider than the plain metrics measure; a little slack keeps "…" on the line.
    room = width - QFontMetricsF(font).horizontalAdvance("MM")
    tail = QFontMetricsF(font).elidedText(text[last:], Qt.TextElideMode.ElideRight, room)
    kept = tail[:-1] if tail.endswith("…") else tail
    return text[: last + len(kept)].rstrip() + "…"


def _clip_ranges(ranges: list[QTextLayout.FormatRange], end: int) -> list[QTextLayout.FormatRange]:
    clipped = []
    for span in ranges:
        length = min(span.start + span.length, end) - span.start
        if length > 0:
            clipped.append(_range(span.start, length, span.format))
    return clipped


# ---------------------------------------------------------------------------------------------
# The panel
