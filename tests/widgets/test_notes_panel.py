"""NotesPanel: filters reach the source, editing emits debounced saves, keys and clicks act,
empty states read right, and screenshots in both themes to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from reader.core.annotations import (
    Annotation,
    TextPosition,
    TextQuoteSelector,
    new_document_bookmark,
    new_highlight,
    new_paragraph_bookmark,
)
from reader.widgets.notes_panel import (
    EMPTY_TEXT,
    FILTER_DELAY_MS,
    NO_MATCH_TEXT,
    SAVE_INTERVAL_MS,
    NotesPanel,
)
from reader.widgets.theme import apply_theme

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
SCREENSHOT_DIR = PROJECT_DIR / "build" / "screenshots"
NO_FILTER = {"document_id": None, "colour": None, "tag": None, "text": None, "kind": None}


def highlight(
    quote: str,
    document_id: str = "doc-1",
    note: str = "",
    colour: str = "yellow",
    tags: tuple[str, ...] = (),
    paragraph: int = 0,
    language: str = "en",
) -> Annotation:
    side = "source" if language == "ru" else "target"
    return new_highlight(
        document_id,
        side,  # type: ignore[arg-type]
        language,
        TextQuoteSelector(quote),
        TextPosition(paragraph, 0, len(quote)),
        paragraph,
        colour=colour,
        note=note,
        tags=tags,
    )


class FakeSource:
    """Records every call; answers with fixed lists."""

    def __init__(self, annotations: list[Annotation], unplaced: list[Annotation] = ()) -> None:
        self.annotations = annotations
        self.unplaced_list = list(unplaced)
        self.tag_list = sorted({t for a in annotations for t in a.tags}, key=str.casefold)
        self.queries: list[dict[str, Any]] = []
        self.unplaced_calls = 0

    def query(self, **filters: Any) -> list[Annotation]:
        self.queries.append(filters)
        return [a for a in self.annotations if _match(a, filters)]

    def tags(self) -> list[str]:
        return list(self.tag_list)

    def unplaced(self) -> list[Annotation]:
        self.unplaced_calls += 1
        return list(self.unplaced_list)


def _match(a: Annotation, filters: dict[str, Any]) -> bool:
    checks = [
        filters.get("document_id") in (None, a.document_id),
        filters.get("colour") in (None, a.colour),
        filters.get("kind") in (None, a.kind),
        not filters.get("tag") or filters["tag"] in a.tags,
        not filters.get("text") or filters["text"].casefold() in (a.note + a.quote).casefold(),
    ]
    return all(checks)


@pytest.fixture
def notes() -> list[Annotation]:
    return [
        highlight("Товарищ Сталин!", "doc-1", note="Opening", tags=("Korea",), language="ru"),
        highlight("ceasefire talks", "doc-1", colour="blue", tags=("talks",)),
        highlight("the 38th parallel", "doc-2", colour="green"),
    ]


@pytest.fixture
def source(notes) -> FakeSource:
    return FakeSource(notes, unplaced=[highlight("lost words", "doc-2").moved(placed=False)])


@pytest.fixture
def panel(qtbot, source) -> NotesPanel:
    widget = NotesPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 560)
    widget.set_source(source.query, source.tags, source.unplaced)
    widget.set_document_titles({"doc-1": "Mao to Stalin", "doc-2": "Stalin to Mao"})
    widget.show()  # reads the source
    qtbot.waitExposed(widget)
    return widget


def listed(panel: NotesPanel) -> list[str]:
    return [panel.model.annotation(r).id for r in range(panel.model.rowCount())]


def row_centre(panel: NotesPanel, row: int) -> QPoint:
    return panel.list_view.visualRect(panel.model.index(row, 0)).center()


# ----- reading and filtering ------------------------------------------------------------------


def test_refresh_lists_everything_with_no_filter(panel, source, notes) -> None:
    assert source.queries[-1] == NO_FILTER
    assert listed(panel) == [a.id for a in notes]
    assert [panel.tag_combo.itemText(i) for i in range(panel.tag_combo.count())] == [
        "All tags",
        "Korea",
        "talks",
    ]


def test_text_filter_is_debounced_then_queries(panel, source, qtbot) -> None:
    before = len(source.queries)
    qtbot.keyClicks(panel.filter_field, "talk")
    assert len(source.queries) == before  # not once per key
    qtbot.waitUntil(lambda: len(source.queries) == before + 1, timeout=FILTER_DELAY_MS * 10)
    assert source.queries[-1] == {**NO_FILTER, "text": "talk"}
    assert panel.model.rowCount() == 1


@pytest.mark.parametrize(
    ("combo", "text", "expected"),
    [
        ("colour_combo", "Blue", {"colour": "blue"}),
        ("kind_combo", "Notes", {"kind": "note"}),
        ("kind_combo", "Highlights", {"kind": "highlight"}),
        ("kind_combo", "Bookmarks", {"kind": "bookmark"}),
        ("tag_combo", "Korea", {"tag": "Korea"}),
    ],
)
def test_combos_query_at_once(panel, source, combo, text, expected) -> None:
    box = getattr(panel, combo)
    box.setCurrentIndex(box.findText(text))
    assert source.queries[-1] == {**NO_FILTER, **expected}


def test_this_document_only_uses_the_current_document(panel, source) -> None:
    assert not panel.document_only.isEnabled()  # no document open yet
    panel.set_current_document("doc-2")
    assert panel.document_only.isEnabled()
    panel.document_only.setChecked(True)
    assert source.queries[-1] == {**NO_FILTER, "document_id": "doc-2"}
    panel.set_current_document("doc-1")  # following the reader to another document
    assert source.queries[-1] == {**NO_FILTER, "document_id": "doc-1"}
    assert panel.model.rowCount() == 2


def test_unplaced_kind_reads_the_unplaced_list(panel, source) -> None:
    queries = len(source.queries)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findText("Unplaced"))
    assert source.unplaced_calls == 1
    assert len(source.queries) == queries
    assert panel.model.rowCount() == 1
    assert "Unplaced" in panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    panel.set_current_document("doc-1")
    panel.document_only.setChecked(True)  # other filters still apply to the unplaced list
    assert panel.model.rowCount() == 0
    assert panel.empty_label.text() == NO_MATCH_TEXT


def test_a_hidden_panel_reads_only_when_shown(qtbot, source, notes) -> None:
    widget = NotesPanel()
    qtbot.addWidget(widget)
    widget.set_source(source.query, source.tags, source.unplaced)
    widget.refresh()
    assert widget.select_annotation(notes[2].id) is False  # remembered for later
    assert source.queries == []
    widget.show()
    assert source.queries == [NO_FILTER]
    assert widget.selected_annotation().id == notes[2].id
    widget.set_source(source.query, source.tags, source.unplaced)  # shown: reads at once
    assert len(source.queries) == 2


def test_refresh_reads_once(panel, source) -> None:
    before = len(source.queries)
    panel.refresh()
    assert len(source.queries) == before + 1


# ----- empty states ---------------------------------------------------------------------------


def test_empty_store_invites_to_make_a_note(qtbot) -> None:
    widget = NotesPanel()
    qtbot.addWidget(widget)
    empty = FakeSource([])
    widget.set_source(empty.query, empty.tags, empty.unplaced)
    widget.show()
    assert widget.empty_label.isVisible()
    assert widget.empty_label.text() == EMPTY_TEXT
    assert not widget.list_view.isVisible()


def test_no_match_says_so(panel, qtbot) -> None:
    panel.filter_field.setText("nothing like this")
    panel.refresh()
    assert panel.empty_label.isVisible()
    assert panel.empty_label.text() == NO_MATCH_TEXT
    qtbot.keyClick(panel.filter_field, Qt.Key.Key_Escape)  # Esc clears the filter
    assert panel.filter_field.text() == ""
    panel.refresh()
    assert panel.list_view.isVisible()


# ----- editing --------------------------------------------------------------------------------


def test_typing_a_note_emits_throttled_with_id_text_and_tags(panel, notes, qtbot) -> None:
    panel.select_annotation(notes[1].id)
    emitted: list[tuple] = []
    panel.note_edited.connect(lambda *args: emitted.append(args))
    panel.note_edit.setFocus()
    qtbot.keyClicks(panel.note_edit, "Stalin agrees")
    panel.tags_edit.setText("talks, 1951 ,, Talks")
    assert emitted == []  # not once per key
    with qtbot.waitSignal(panel.note_edited, timeout=SAVE_INTERVAL_MS * 3) as blocker:
        pass
    assert blocker.args == [notes[1].id, "Stalin agrees", ("talks", "1951")]
    qtbot.wait(SAVE_INTERVAL_MS + 200)
    assert len(emitted) == 1  # nothing new was typed: nothing more to save


def test_typing_steadily_still_saves_within_the_interval(panel, notes, qtbot) -> None:
    panel.select_annotation(notes[1].id)
    emitted: list[tuple] = []
    panel.note_edited.connect(lambda *args: emitted.append(args))
    for letter in "abcdefghijklmn":  # 14 keys, one every 100 ms: 1.4 s of typing
        qtbot.keyClicks(panel.note_edit, letter)
        qtbot.wait(100)
    assert 1 <= len(emitted) <= 3  # a throttle, not a debounce that waits for a pause
    assert emitted[0][1].startswith("abcde")


def test_filling_the_editor_from_code_never_emits(panel, notes, qtbot) -> None:
    with qtbot.assertNotEmitted(panel.note_edited, wait=SAVE_INTERVAL_MS + 200):
        panel.select_annotation(notes[0].id)
        assert panel.note_edit.toPlainText() == "Opening"
        assert panel.tags_edit.text() == "Korea"
        panel.update_annotation(notes[0].edited(note="Changed by undo"))
        assert panel.note_edit.toPlainText() == "Changed by undo"
        panel.select_annotation(notes[1].id)
        panel.refresh()
        panel.flush()


def test_selecting_another_entry_flushes_at_once(panel, notes, qtbot) -> None:
    panel.select_annotation(notes[0].id)
    qtbot.keyClicks(panel.note_edit, " request")
    with qtbot.waitSignal(panel.note_edited, timeout=50) as blocker:
        qtbot.mouseClick(
            panel.list_view.viewport(), Qt.MouseButton.LeftButton, pos=row_centre(panel, 2)
        )
    assert blocker.args == [notes[0].id, "Opening request", ("Korea",)]
    assert panel.selected_annotation().id == notes[2].id
    assert panel.note_edit.toPlainText() == ""


def test_focus_out_and_flush_emit_at_once(panel, notes, qtbot) -> None:
    panel.select_annotation(notes[2].id)
    panel.note_edit.setFocus()
    qtbot.keyClicks(panel.note_edit, "x")
    with qtbot.waitSignal(panel.note_edited, timeout=50):
        panel.filter_field.setFocus()
        QApplication.sendEvent(panel.note_edit, _focus_out())
    qtbot.keyClicks(panel.tags_edit, "urgent")
    with qtbot.waitSignal(panel.note_edited, timeout=50) as blocker:
        panel.flush()
    assert blocker.args == [notes[2].id, "x", ("urgent",)]


def _focus_out() -> Any:
    from PySide6.QtGui import QFocusEvent

    # Offscreen windows do not always move focus on setFocus; send what Qt would.
    return QFocusEvent(QFocusEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason)


def test_an_echo_of_the_users_own_edit_leaves_the_editor_alone(panel, notes, qtbot) -> None:
    panel.select_annotation(notes[1].id)
    panel.note_edit.setFocus()
    qtbot.keyClicks(panel.note_edit, "abc")
    panel.flush()
    qtbot.keyClicks(panel.note_edit, "d")  # typed while the save of "abc" comes back
    panel.update_annotation(notes[1].edited(note="abc"))
    assert panel.note_edit.toPlainText() == "abcd"
    assert "abc" in panel.model.index(1, 0).data()


def test_editor_is_disabled_with_nothing_selected(panel, notes) -> None:
    assert not panel.editor.isEnabled()
    panel.select_annotation(notes[0].id)
    assert panel.editor.isEnabled()


def test_selection_survives_a_refresh(panel, notes) -> None:
    panel.select_annotation(notes[1].id)
    panel.refresh()
    assert panel.selected_annotation().id == notes[1].id
    assert panel.tags_edit.text() == "talks"


# ----- delete and activation ------------------------------------------------------------------


def test_delete_button_and_key_request_deletion(panel, notes, qtbot) -> None:
    panel.select_annotation(notes[1].id)
    with qtbot.waitSignal(panel.delete_requested) as blocker:
        panel.delete_button.click()
    assert blocker.args == [notes[1].id]
    panel.list_view.setFocus()
    with qtbot.waitSignal(panel.delete_requested) as blocker:
        qtbot.keyClick(panel.list_view, Qt.Key.Key_Delete)
    assert blocker.args == [notes[1].id]


def test_removing_the_edited_entry_drops_its_pending_text(panel, notes, qtbot) -> None:
    panel.select_annotation(notes[1].id)
    qtbot.keyClicks(panel.note_edit, "gone")
    with qtbot.assertNotEmitted(panel.note_edited, wait=SAVE_INTERVAL_MS + 200):
        panel.remove_annotation(notes[1].id)
    assert listed(panel) == [notes[0].id, notes[2].id]


def test_click_enter_and_double_click_activate(panel, notes, qtbot) -> None:
    viewport = panel.list_view.viewport()
    with qtbot.waitSignal(panel.annotation_activated) as blocker:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=row_centre(panel, 1))
    assert blocker.args == [notes[1]]
    with qtbot.waitSignal(panel.annotation_activated) as blocker:
        qtbot.keyClick(panel.list_view, Qt.Key.Key_Return)
    assert blocker.args == [notes[1]]
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    activated: list[Annotation] = []
    panel.annotation_activated.connect(activated.append)
    # A real double-click: press, release, press, double-click, release.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=row_centre(panel, 2))
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=row_centre(panel, 2))
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=row_centre(panel, 2))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=row_centre(panel, 2))
    assert activated == [notes[2]]  # once, not once per click


def test_arrows_and_enter_in_the_filter_field_drive_the_list(panel, notes, qtbot) -> None:
    panel.filter_field.setFocus()
    qtbot.keyClick(panel.filter_field, Qt.Key.Key_Down)
    assert panel.selected_annotation().id == notes[0].id
    qtbot.keyClick(panel.filter_field, Qt.Key.Key_Down)
    assert panel.selected_annotation().id == notes[1].id
    qtbot.keyClick(panel.filter_field, Qt.Key.Key_Up)
    assert panel.selected_annotation().id == notes[0].id
    with qtbot.waitSignal(panel.annotation_activated) as blocker:
        qtbot.keyClick(panel.filter_field, Qt.Key.Key_Return)
    assert blocker.args == [notes[0]]


def test_enter_right_after_typing_acts_on_the_filtered_list(panel, notes, qtbot) -> None:
    qtbot.keyClicks(panel.filter_field, "parallel")
    with qtbot.waitSignal(panel.annotation_activated) as blocker:
        qtbot.keyClick(panel.filter_field, Qt.Key.Key_Enter)
    assert blocker.args == [notes[2]]


# ----- screenshots ----------------------------------------------------------------------------


def sample_notes() -> list[Annotation]:
    ru = (
        "Товарищ Сталин! Сообщаю Вам, что переговоры о перемирии начались 10 июля в Кэсоне.",
        "Противник настаивает на демаркационной линии севернее 38-й параллели.",
    )
    return [
        highlight(ru[0][:52], "cable-0713", note="Mao reports the opening of the talks.",
                  tags=("Kaesong", "armistice"), language="ru"),
        highlight("the enemy insists on a demarcation line north of the 38th parallel",
                  "cable-0713", colour="blue", paragraph=2, tags=("38th parallel",)),
        new_paragraph_bookmark("cable-0713", "source", "ru", ru, 1, 1),
        highlight("Мы считаем, что надо затягивать переговоры", "cable-0721", colour="pink",
                  note="Compare the English: “drag out” vs “prolong”.\nCheck the original.",
                  paragraph=4, language="ru"),
        highlight("<script>alert('not run')</script>", "cable-0721", colour="green", paragraph=6),
        highlight("the Chinese People's Volunteers", "cable-0721", colour="purple", paragraph=7,
                  tags=("CPV",)),
        new_document_bookmark("cable-0801", note="Read next"),
        highlight("передать в ЦК ВКП(б)", "cable-0801", paragraph=3, language="ru",
                  note="Routing").moved(placed=False),
    ]  # fmt: skip


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot(qtbot, theme) -> None:
    """Pictures to look at: build/screenshots/notes-panel-{light,dark}.png."""
    app = QApplication.instance()
    apply_theme(app, theme)  # qdarktheme.setup_theme(theme) plus the app's few extra rules
    try:
        samples = sample_notes()
        source = FakeSource(samples)
        widget = NotesPanel()
        qtbot.addWidget(widget)
        widget.resize(380, 620)
        widget.set_source(source.query, source.tags, source.unplaced)
        widget.set_document_titles(
            {
                "cable-0713": "Mao Zedong to Stalin, 13 July 1951",
                "cable-0721": "Stalin to Mao Zedong, 21 July 1951",
                "cable-0801": "Cable from Krasovsky, 1 August 1951",
            }
        )
        widget.set_current_document("cable-0721")
        widget.show()
        qtbot.waitExposed(widget)
        widget.select_annotation(samples[3].id)
        qtbot.wait(50)
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"notes-panel-{theme}.png"
        assert widget.grab().save(str(path))
        assert path.stat().st_size > 5_000
    finally:
        apply_theme(app, "light")
