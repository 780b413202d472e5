"""The annotation store: CRUD, filters, schema, privacy, backups, reconciling and pending writes."""

from __future__ import annotations

import datetime
import itertools
import sqlite3
import stat
from pathlib import Path

import pytest

from reader.core import annotation_store
from reader.core.alignment_cache import AlignmentCache
from reader.core.alignment_corrections import CorrectionStore
from reader.core.anchoring import make_selector
from reader.core.annotation_store import (
    BACKUPS_KEPT,
    DB_NAME,
    SCHEMA_VERSION,
    AnnotationNotFound,
    AnnotationStore,
    DuplicateAnnotation,
    PendingWrites,
    list_backups,
)
from reader.core.annotations import (
    Annotation,
    TextPosition,
    new_document_bookmark,
    new_highlight,
    new_paragraph_bookmark,
)
from reader.core.document import Document, Text
from reader.core.pair_resolver import PairResolver

RU = (
    "Товарищу МАО ЦЗЭДУНУ.",
    "Вашу шифровку от 20 июля получили. Мы считаем правильной Вашу точку зрения.",
    "ФИЛИППОВ",
)
EN = (
    "To Cde. MAO ZEDONG",
    "We have received your cipher message of 20 July. We consider your point of view correct.",
    "FILIPPOV",
)


def _document(ru: tuple[str, ...] = RU, en: tuple[str, ...] = EN) -> Document:
    return Document(
        id="117421",
        title="Cable No. 4277",
        date="1951-07-21",
        texts=(Text("ru", "transcript", ru), Text("en", "translation", en)),
    )


def _highlight(
    paragraphs: tuple[str, ...] = RU,
    paragraph: int = 1,
    quote: str = "Мы считаем правильной",
    document_id: str = "117421",
    side: str = "source",
    **extra: object,
) -> Annotation:
    start = paragraphs[paragraph].index(quote)
    end = start + len(quote)
    selector = make_selector(paragraphs, paragraph, start, end)
    position = TextPosition(paragraph, start, end)
    return new_highlight(document_id, side, "ru", selector, position, paragraph, **extra)  # type: ignore[arg-type]


@pytest.fixture
def store(isolated_data_dir: Path) -> AnnotationStore:
    opened = AnnotationStore.open(isolated_data_dir)
    yield opened
    opened.close()


@pytest.fixture
def resolver(tmp_path: Path) -> PairResolver:
    return PairResolver(CorrectionStore(tmp_path / "data"), AlignmentCache(tmp_path / "cache"))


def test_add_get_update_delete_round_trip(store: AnnotationStore) -> None:
    note = _highlight(colour="green", note="важно", tags=["Korea", " war  time "])
    store.add(note)
    assert store.get(note.id) == note
    assert note.tags == ("Korea", "war time")
    with pytest.raises(DuplicateAnnotation):
        store.add(note)
    edited = note.edited(note="очень важно", colour="pink", tags=["Korea"])
    assert edited.modified >= note.modified and edited.created == note.created
    store.update(edited)
    assert store.get(note.id) == edited
    assert store.delete(note.id) == edited
    assert store.get(note.id) is None and store.delete(note.id) is None
    with pytest.raises(AnnotationNotFound):
        store.update(edited)
    store.add(edited)  # undoing the delete
    assert store.all() == [edited]


def test_every_kind_round_trips(store: AnnotationStore) -> None:
    items = [
        _highlight(),
        new_paragraph_bookmark("117421", "target", "en", EN, 1, 1, note="see"),
        new_document_bookmark("113013"),
    ]
    for item in items:
        store.add(item)
    assert {a.id: a for a in store.all()} == {a.id: a for a in items}
    assert store.documents_with_annotations() == {
        "117421": {"highlight", "bookmark"},
        "113013": {"bookmark"},
    }


def test_query_filters_combine(store: AnnotationStore) -> None:
    a = _highlight(colour="green", tags=["Korea"], note="Armistice line")
    b = _highlight(paragraph=0, quote="МАО", colour="yellow", tags=["korea", "people"])
    c = _highlight(document_id="113013", colour="green")
    d = new_document_bookmark("113013", note="read later")
    for item in (a, b, c, d):
        store.add(item)
    ids = lambda found: {x.id for x in found}  # noqa: E731
    assert ids(store.query(document_id="117421")) == {a.id, b.id}
    assert ids(store.query(colour="green")) == {a.id, c.id}
    assert ids(store.query(tag="KOREA")) == {a.id, b.id}
    assert ids(store.query(tag="people", colour="yellow")) == {b.id}
    assert ids(store.query(text="armistice")) == {a.id}
    assert ids(store.query(text="мао")) == {b.id}  # Cyrillic, case-insensitively
    assert ids(store.query(text="PEOPLE")) == {b.id}  # tags are searched as text too
    assert ids(store.query(kind="bookmark")) == {d.id}
    assert store.tags() == ["Korea", "people"]
    assert store.for_document("117421")[0].paragraph == 0  # reading order


def test_file_and_folder_are_private_and_in_wal_mode(
    store: AnnotationStore, isolated_data_dir: Path
) -> None:
    store.add(_highlight())
    path = isolated_data_dir / DB_NAME
    assert store.path == path
    assert stat.S_IMODE(isolated_data_dir.stat().st_mode) == 0o700
    for file in isolated_data_dir.glob(f"{DB_NAME}*"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_loose_permissions_are_tightened_at_open(isolated_data_dir: Path) -> None:
    AnnotationStore.open(isolated_data_dir).close()
    isolated_data_dir.chmod(0o755)
    (isolated_data_dir / DB_NAME).chmod(0o644)
    AnnotationStore.open(isolated_data_dir).close()
    assert stat.S_IMODE(isolated_data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((isolated_data_dir / DB_NAME).stat().st_mode) == 0o600


def test_migrations_run_forward_from_an_older_version(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    AnnotationStore.open(isolated_data_dir).close()

    def add_column(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE annotations ADD COLUMN extra TEXT")

    monkeypatch.setattr(annotation_store, "MIGRATIONS", [*annotation_store.MIGRATIONS, add_column])
    monkeypatch.setattr(annotation_store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with AnnotationStore.open(isolated_data_dir) as store:
        store.add(_highlight())
        columns = [row[1] for row in store._db.execute("PRAGMA table_info(annotations)")]
        assert "extra" in columns
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_a_backup_a_day_and_only_the_last_seven_kept(isolated_data_dir: Path) -> None:
    start = datetime.datetime(2024, 5, 1, 9, 0, tzinfo=datetime.UTC)
    with AnnotationStore.open(isolated_data_dir, now=start) as store:
        assert list_backups(isolated_data_dir / "backups") == []  # nothing worth keeping yet
        store.add(_highlight())
    for hours in (1, 23, 25, *range(48, 24 * 12, 24)):
        AnnotationStore.open(isolated_data_dir, now=start + datetime.timedelta(hours=hours)).close()
    backups = list_backups(isolated_data_dir / "backups")
    assert len(backups) == BACKUPS_KEPT
    assert backups[-1][0] == start + datetime.timedelta(hours=24 * 11)
    gaps = {later[0] - earlier[0] for earlier, later in itertools.pairwise(backups)}
    assert gaps == {datetime.timedelta(days=1)}
    for _, backup in backups:
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        db = sqlite3.connect(backup)
        assert db.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == 1
        db.close()
    assert stat.S_IMODE((isolated_data_dir / "backups").stat().st_mode) == 0o700


def test_reconcile_fast_path_writes_nothing(store: AnnotationStore, resolver: PairResolver) -> None:
    document = _document()
    note = _highlight(note="n")
    store.add(note)
    first = store.reconcile(document, resolver.pair(document))
    assert first.text_changed and first.changed == []
    version = store._db.execute("PRAGMA data_version").fetchone()[0]
    total_changes = store._db.total_changes
    second = store.reconcile(document, resolver.pair(document))
    assert not second.text_changed and second.changed == []
    assert store._db.total_changes == total_changes
    assert store._db.execute("PRAGMA data_version").fetchone()[0] == version


def test_reconcile_follows_a_corrected_transcript(
    store: AnnotationStore, resolver: PairResolver
) -> None:
    document = _document()
    moved = _highlight(note="moves")
    doomed = _highlight(paragraph=2, quote="ФИЛИППОВ", note="loses its text")
    for item in (moved, doomed):
        store.add(item)
    store.reconcile(document, resolver.pair(document))
    corrected = ("Секретно.", RU[0], RU[1].replace("Мы считаем", "Мы  считаем"), "Подпись")
    result = store.reconcile(_document(ru=corrected), resolver.pair(_document(ru=corrected)))
    assert result.text_changed
    assert [a.id for a in result.newly_unplaced] == [doomed.id]
    placed = store.get(moved.id)
    assert placed is not None and placed.placed and placed.paragraph == 2
    assert placed.quote == "Мы  считаем правильной" and placed.note == "moves"
    assert [a.id for a in store.unplaced()] == [doomed.id]
    assert store.get(doomed.id).note == "loses its text"  # type: ignore[union-attr]
    back = store.reconcile(document, resolver.pair(document))
    assert [a.id for a in back.placed_back] == [doomed.id] and store.unplaced() == []


def test_reconcile_refreshes_the_pair_when_the_alignment_changes(
    store: AnnotationStore, resolver: PairResolver
) -> None:
    document = _document()
    note = _highlight()
    store.add(note.moved(bead=7))
    store.reconcile(document, resolver.pair(document))
    expected = resolver.pair(document).alignment.bead_of("source", 1)
    assert store.get(note.id).bead == expected  # type: ignore[union-attr]


def test_reconcile_keeps_a_note_edited_meanwhile_by_another_copy(
    store: AnnotationStore,
    resolver: PairResolver,
) -> None:
    note = _highlight(note="old")
    store.add(note)
    store.reconcile(_document(), resolver.pair(_document()))
    with AnnotationStore.open(store.path.parent) as other:
        other.update(note.edited(note="typed in the other window"))
    store.reconcile(_document(ru=("Вставка.", *RU)), resolver.pair(_document(ru=("Вставка.", *RU))))
    current = store.get(note.id)
    assert current is not None and current.note == "typed in the other window"
    assert current.paragraph == 2


def test_pending_writes_coalesce_by_id_and_keep_order(store: AnnotationStore) -> None:
    pending = PendingWrites(store)
    note = _highlight(note="v1")
    store._db.execute("PRAGMA query_only = ON")  # SQLite now refuses writes (read-only)
    assert pending.save(note) is False
    assert pending.save(note.edited(note="v2")) is False
    other = _highlight(paragraph=0, quote="МАО")
    assert pending.save(other) is False
    assert pending.delete(other.id) is False
    assert len(pending) == 2 and pending.last_error is not None
    assert {a.note for a in pending.apply_to([])} == {"v2"}
    store._db.execute("PRAGMA query_only = OFF")
    assert pending.retry() is True and len(pending) == 0
    assert [a.note for a in store.all()] == ["v2"]
    assert pending.save(note.edited(note="v3")) is True
    assert store.get(note.id).note == "v3"  # type: ignore[union-attr]


def test_cached_reads_follow_this_and_other_copies_writes(store: AnnotationStore) -> None:
    first = _highlight(colour="green", note="one")
    store.add(first)
    assert store.all() == [first]  # the full read fills the cache
    with AnnotationStore.open(store.path.parent) as other:
        second = _highlight(paragraph=0, quote="МАО", colour="green")
        other.add(second)
        assert {a.id for a in store.query(colour="green")} == {first.id, second.id}
        edited = first.edited(note="two", colour="blue")
        store.update(edited)  # applied to the warm cache as it commits
        assert store.query(colour="blue") == [edited] == other.query(colour="blue")
        other.delete(second.id)
        assert store.all() == [edited]
    store.delete(first.id)
    assert store.all() == [] and store.query(text="two") == []


def test_the_folder_is_created_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "notes"
    with AnnotationStore.open(folder) as store:
        assert store.path == folder / DB_NAME
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_relative_folder_works_on_every_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative path has no file URI: the read-only check at the second open used to fail."""
    monkeypatch.chdir(tmp_path)
    start = datetime.datetime(2024, 5, 1, 9, 0, tzinfo=datetime.UTC)
    notes = [_highlight(note=f"run {run}") for run in range(3)]
    for run, note in enumerate(notes):
        # A day apart, so the second and third opens also write a backup.
        with AnnotationStore.open(Path("data"), now=start + datetime.timedelta(days=run)) as store:
            assert store.path == tmp_path / "data" / DB_NAME  # resolved once, at open
            assert store.backup_error is None
            store.add(note)
            assert {a.id for a in store.all()} == {n.id for n in notes[: run + 1]}
    monkeypatch.chdir(tmp_path / "data")  # a later change of directory moves nothing
    with AnnotationStore.open(tmp_path / "data") as store:
        assert store.count() == 3
    assert len(list_backups(tmp_path / "data" / "backups")) == 3  # runs 2 and 3, and now


def test_annotations_on_the_same_words_list_in_one_order_every_run(isolated_data_dir: Path) -> None:
    import dataclasses

    from reader.models.notes_model import listing_order

    first = _highlight(colour="green")
    # Same place, made later, but with an id that sorts first: age, not id or insertion, decides.
    later = dataclasses.replace(_highlight(note="see"), id="0" * 32, created="2999-01-01T00:00:00")
    store = AnnotationStore.open(isolated_data_dir)
    for item in (later, first):  # inserted newest first
        store.add(item)
    store.close()
    again = AnnotationStore.open(isolated_data_dir)
    listed = again.query()
    again.close()
    assert [a.id for a in listed] == [first.id, later.id]
    assert sorted(listed, key=listing_order) == listed  # the list inserts in the same order
