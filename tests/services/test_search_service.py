"""Search: notes reach the index when they change, and a deleted note leaves it at once."""

from __future__ import annotations

from reader.core.annotations import new_document_bookmark

CABLE, TELEGRAM = "117421", "113013"  # a two-language cable, an English-only telegram


def _note_hits(services, word: str) -> list[str]:
    return [
        hit.annotation_id
        for result in services.search.search(word)
        for hit in result.hits
        if hit.kind == "note"
    ]


def test_a_note_is_found_as_soon_as_it_is_made_and_gone_once_deleted(services) -> None:
    assert _note_hits(services, "zanzibar") == []  # opens the index before the note exists
    bookmark = new_document_bookmark(CABLE, note="zanzibar armistice")
    services.notes.save(bookmark)
    assert _note_hits(services, "zanzibar") == [bookmark.id]
    services.notes.delete(bookmark)
    assert _note_hits(services, "zanzibar") == []


def test_notes_made_before_the_first_search_are_found(services) -> None:
    bookmark = new_document_bookmark(CABLE, note="quetzal")
    services.notes.save(bookmark)
    assert _note_hits(services, "quetzal") == [bookmark.id]


def test_the_search_respects_the_allowed_documents(services) -> None:
    services.notes.save(new_document_bookmark(CABLE, note="quetzal"))
    assert services.search.search("quetzal", allowed={"other"}) == []


def test_document_hits_reaches_every_hit_beyond_the_shown_ones(qtbot, services) -> None:
    with qtbot.waitSignal(services.search.indexer.finished, timeout=30_000):
        services.search.update_documents()
    [shown] = [r for r in services.search.search("negotiations") if r.document_id == TELEGRAM]
    every = services.search.document_hits("negotiations", TELEGRAM)
    assert len(every) == shown.total_hits > len(shown.hits)  # the search shows only a few
    assert list(every[: len(shown.hits)]) == list(shown.hits)  # same order: shown ones first
    assert services.search.document_hits("cipher", "no-such-document") == []


def test_document_hits_sees_a_note_made_a_moment_ago(services) -> None:
    assert services.search.document_hits("quetzal", CABLE) == []
    services.notes.save(new_document_bookmark(CABLE, note="quetzal"))
    assert [hit.kind for hit in services.search.document_hits("quetzal", CABLE)] == ["note"]
