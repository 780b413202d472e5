"""The reading session: the open document, its resolved pair, facets, stepping, bad files."""

from __future__ import annotations

from reader.core.facets import FacetFilter

CABLE, TELEGRAM = "117421", "113013"  # a two-language cable, an English-only telegram


def test_opening_resolves_the_pair_once_for_everyone(services, qtbot) -> None:
    session = services.session
    with qtbot.waitSignal(session.document_opened) as opened:
        assert session.open(CABLE)
    document, pair = opened.args
    assert document.id == CABLE == session.document_id
    assert pair.is_bilingual and pair == session.pair
    assert session.open(TELEGRAM)
    assert not session.pair.is_bilingual


def test_stepping_follows_date_order_and_the_facets(services) -> None:
    session = services.session
    ids = session.library.ids()
    assert session.open(ids[0])
    assert session.neighbour(-1) is None
    assert session.neighbour(1) == ids[1]
    language = session.library.entry(CABLE).original_language
    assert session.open(CABLE)
    session.set_facet(FacetFilter(original_language=language))
    visible = session.visible_entries()
    assert CABLE in [entry.id for entry in visible]
    assert all(entry.original_language == language for entry in visible)
    ordered = [entry.id for entry in visible]
    position = ordered.index(CABLE)
    expected = ordered[position + 1] if position + 1 < len(ordered) else None
    assert session.neighbour(1) == expected


def test_an_unreadable_file_is_reported_and_the_rest_opens(services, tmp_path, qtbot) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff" * 100)
    with qtbot.waitSignal(services.session.unreadable) as reported:
        assert services.session.open_files([bad]) is None
    [error] = reported.args[0]
    assert "bad.txt" in str(error)
