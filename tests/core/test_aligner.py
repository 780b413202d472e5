"""The paragraph aligner: bead types, edge cases, the seed document, names, stored alignments."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.aligner import _is_header, align, gale_church, load_curated, save_alignment
from reader.core.alignment import Alignment, Bead
from reader.core.transliteration import name_key, transliterate

GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold"
CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"

RU = [
    "Заседание открылось 3 марта 1953 года в Москве под председательством Маленкова.",
    "Товарищ Молотов доложил о переговорах с делегацией Китая, которые продолжались 12 дней.",
    "Было решено направить в Пекин телеграмму с согласием на предложение Чжоу Эньлая.",
    "Товарищ Берия сообщил о мерах, принятых в связи с болезнью товарища Сталина.",
    "Следующее заседание назначено на 10 марта. Повестку подготовит секретариат.",
    "Протокол вёл товарищ Суслов, всего 4 страницы.",
]
EN = [
    "The session opened on 3 March 1953 in Moscow, chaired by Malenkov.",
    "Comrade Molotov reported on the negotiations with the delegation of China, which lasted 12 days.",
    "It was decided to send a telegram to Beijing agreeing to the proposal of Zhou Enlai.",
    "Comrade Beria reported on the measures taken in connection with the illness of Comrade Stalin.",
    "The next session is set for 10 March. The secretariat will prepare the agenda.",
    "Minutes were kept by Comrade Suslov, 4 pages in all.",
]


def _pairs(alignment: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in alignment.beads]


def test_one_to_one() -> None:
    assert _pairs(align(RU, EN)) == [((k,), (k,)) for k in range(6)]


def test_target_merge_gives_two_to_one() -> None:
    en = [*EN[:1], EN[1] + " " + EN[2], *EN[3:]]
    assert ((1, 2), (1,)) in _pairs(align(RU, en))


def test_source_merge_gives_one_to_two() -> None:
    ru = [*RU[:3], RU[3] + " " + RU[4], RU[5]]
    assert ((3,), (3, 4)) in _pairs(align(ru, EN))


def test_regrouped_sentences_give_two_to_two() -> None:
    first, second = EN[4].split(". ", 1)
    en = [*EN[:3], EN[3] + " " + first + ".", second, EN[5]]
    assert ((3, 4), (3, 4)) in _pairs(align(RU, en))


def test_one_sided_headers_stay_alone() -> None:
    en = ["SECRET", "Copy No. 3", *EN[:3], "[Stamp: Received 12.03]", *EN[3:]]
    pairs = _pairs(align(RU, en))
    assert pairs[:2] == [((), (0,)), ((), (1,))]
    assert ((), (5,)) in pairs
    ru = ["СЕКРЕТНО", *RU]
    assert _pairs(align(ru, EN))[0] == ((0,), ())


def test_untranslated_paragraph_stands_alone_and_does_not_shift_its_neighbours() -> None:
    # Any one paragraph missing on either side is a 1:0 (0:1) bead, everything else 1:1
    # (VERSION 2 glued three of these twelve onto a neighbour).
    for k in range(6):
        rest = [r for r in range(6) if r != k]
        pairs = _pairs(align(RU, [EN[r] for r in rest]))
        assert pairs == [((r,), (rest.index(r),)) if r != k else ((k,), ()) for r in range(6)]
        pairs = _pairs(align([RU[r] for r in rest], EN))
        assert pairs == [((rest.index(r),), (r,)) if r != k else ((), (k,)) for r in range(6)]


def test_empty_and_one_sided_inputs() -> None:
    assert align([], []).beads == ()
    assert _pairs(align(["а", "б"], [])) == [((0,), ()), ((1,), ())]
    assert _pairs(align([], ["a"])) == [((), (0,))]
    assert gale_church([], ["a"]).target_count == 1


def test_number_and_punctuation_only_paragraphs() -> None:
    ru = ["1951", "—", "...", "* * *", RU[0], "", "12"]
    en = ["1951", "...", "-", EN[0], "12", "?"]
    alignment = align(ru, en)
    assert alignment.source_count == 7 and alignment.target_count == 6
    assert ((0,), (0,)) in _pairs(alignment)


def test_long_document_completes_and_is_valid() -> None:
    ru = [RU[k % 6] + f" {k}" for k in range(5000)]
    en = [EN[k % 6] + f" {k}" for k in range(5000) if k % 97]
    alignment = align(ru, en)
    assert alignment.source_count == 5000 and alignment.target_count == len(en)
    assert sum(1 for b in alignment.beads if not b.target) >= 40


def test_seed_document_117421_exactly() -> None:
    case = json.loads((GOLD_DIR / "seed_117421.json").read_text("utf-8"))
    want = [(tuple(s), tuple(t)) for s, t in case["pairs"]]
    assert _pairs(align(case["source"], case["target"])) == want
    curated = load_curated(CORPUS_DIR / "117421.alignment.json", 3, 12)
    assert curated is not None and _pairs(curated) == want


def test_confidence_is_a_probability_and_marks_unsure_pairs() -> None:
    alignment = align(RU, EN)
    assert all(0.0 <= b.confidence <= 1.0 for b in alignment.beads)
    assert min(b.confidence for b in alignment.beads) > 0.5


def test_names_match_through_transliteration() -> None:
    assert transliterate("Хрущёв") == "Khrushchev"
    for russian, english in [
        ("ФИЛИППОВ", "Filippov"),
        ("Филипповым", "Filippov"),
        ("ЦЗЭДУНУ", "Zedong"),
        ("МАО", "Mao"),
        ("Чжоу", "Zhou"),
        ("Сталина", "Stalin"),
        ("Москвой", "Moscow"),
        ("Никсон", "Nixon"),
    ]:
        assert name_key(russian, cyrillic=True) == name_key(english), (russian, english)
    assert name_key("Молотов", cyrillic=True) != name_key("Malenkov")


def test_names_match_across_spelling_habits() -> None:
    for russian, latin in [
        ("Шанхай", "Shanghai"),  # Palladius shan-khai, Pinyin shang-hai
        ("Шанхае", "Shanghai"),
        ("Савича", "Savić"),  # Serbo-Croat, Czech, Polish letters
        ("Кардель", "Kardelj"),
        ("Гомулка", "Gomułka"),
        ("Тео", "Theo"),
        ("Томпсон", "Thompson"),
        ("Кристиан", "Christian"),
        ("Шмидт", "Schmidt"),
        ("Кариньяно", "Carignano"),
        ("Гитлер", "Hitler"),
        ("Хрущёв", "Khrushchev"),
    ]:
        assert name_key(russian, cyrillic=True) == name_key(latin), (russian, latin)


def test_title_words_meet_running_text_in_latin_pairs() -> None:
    fr = ["Note pour le ministre", "Le ministre a reçu la délégation hier soir."]
    en = ["CONFIDENTIAL", "Memorandum for the Minister", "The minister received them yesterday."]
    assert _pairs(align(fr, en, "fr", "en")) == [((), (0,)), ((0,), (1,)), ((1,), (2,))]


def test_long_caption_with_a_header_word_is_not_a_header() -> None:
    assert not _is_header("Подпись к видео: WW2 bomb explosion in Great Yarmouth is caught on cam")
    assert _is_header("[подпись]") and _is_header("Подпись: В. Молотов")


def test_names_and_dates_pick_the_pair_length_cannot() -> None:
    # Equal lengths, so only the shared anchors tell which short line goes with which.
    ru = ["Товарищу МАО ЦЗЭДУНУ.", "Текст.", "ФИЛИППОВ"]
    en = ["COPY No. 1", "to Cde. MAO ZEDONG", "Text.", "21 July 1951 FILIPPOV", "22 July 1951"]
    pairs = _pairs(align(ru, en))
    assert ((0,), (1,)) in pairs and ((2,), (3,)) in pairs


def test_latin_pair_uses_shared_tokens() -> None:
    de = ["Bericht über Botschafter Smirnow, 3. Oktober 1961.", "Chruschtschow reist nach Wien."]
    en = [
        "SECRET",
        "Report on Ambassador Smirnov, 3 October 1961.",
        "Khrushchev travels to Vienna.",
    ]
    assert _pairs(align(de, en, "de", "en")) == [((), (0,)), ((0,), (1,)), ((1,), (2,))]


def test_curated_round_trip(tmp_path: Path) -> None:
    alignment = align(RU, EN[:5])
    path = tmp_path / "x.alignment.json"
    save_alignment(path, alignment)
    loaded = load_curated(path, 6, 5)
    assert loaded is not None and _pairs(loaded) == _pairs(alignment)
    assert json.loads(path.read_text("utf-8"))["version"] == 1


def test_curated_rejects_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    assert load_curated(path, 1, 1) is None  # missing
    for text in [
        "not json",
        "[]",
        '{"pairs": 3}',
        '{"pairs": [{"source": [0], "target": ["0"]}]}',
        '{"pairs": [{"source": [0], "target": [true]}]}',
        '{"pairs": [{"source": [0], "target": [0]}], "version": 99}',
        '{"pairs": [{"source": [0], "target": [0]}]}',  # counts do not match below
        '{"pairs": [{"source": [], "target": []}, {"source": [0, 1], "target": [0]}]}',
    ]:
        path.write_text(text, encoding="utf-8")
        assert load_curated(path, 2, 1) is None, text
    path.write_bytes(b"\xff\xfe\x00bad")
    assert load_curated(path, 2, 1) is None
    path.write_text('{"pairs": [{"source": [0, 1], "target": [0]}]}', encoding="utf-8")
    assert load_curated(path, 2, 1) == Alignment((Bead((0, 1), (0,)),), 2, 1)


_paragraphs = st.lists(
    st.text(alphabet=st.sampled_from("аб Мао 19 July.[]«»\n-"), max_size=30), max_size=25
)


@settings(max_examples=150, deadline=None)
@given(_paragraphs, _paragraphs)
def test_any_input_gives_a_valid_alignment(source: list[str], target: list[str]) -> None:
    for alignment in (align(source, target), gale_church(source, target)):
        assert isinstance(alignment, Alignment)  # Alignment validates coverage and order
        assert alignment.source_count == len(source)
        assert alignment.target_count == len(target)


# --- issue 11 patterns (each failed on VERSION 2) --------------------------------------------


def test_short_one_sided_lines_on_opposite_sides_are_not_paired() -> None:
    ru = [*RU[:3], "Посол СССР в Китае", *RU[3:]]
    en = [*EN[:3], "Germany--Foreign relations--Ukraine", *EN[3:]]
    pairs = _pairs(align(ru, en))
    assert ((3,), ()) in pairs and ((), (3,)) in pairs


def test_line_before_a_list_stays_alone() -> None:
    # The neighbour's translation is condensed, so gluing the lead-in on would mend its length:
    # VERSION 2 merged it (2:1 / 1:2) in all four cases (VERSION 3 in two).
    lead_ru = "Советская сторона, со своей стороны, предложила обсудить следующее:"
    lead_en = "The Soviet side, for its part, proposed to discuss the following:"
    ru = [*RU[:3], lead_ru, "Товарищ Берия доложил о принятых мерах.", *RU[4:]]
    assert ((3,), ()) in _pairs(align(ru, EN))
    ru = [*RU[:2], "Решено согласиться с предложением Чжоу Эньлая.", lead_ru, *RU[3:]]
    assert ((3,), ()) in _pairs(align(ru, EN))
    en = [*EN[:3], lead_en, "Comrade Beria reported on the measures taken.", *EN[4:]]
    assert ((), (3,)) in _pairs(align(RU, en))
    en = [*EN[:2], "It was decided to agree to Zhou Enlai's proposal.", lead_en, *EN[3:]]
    assert ((), (3,)) in _pairs(align(RU, en))


def test_dropped_entries_in_a_run_of_look_alike_references_stand_alone() -> None:
    # Two of six archive references missing in the translation make it a quarter shorter; at
    # that length ratio, gluing each missing entry onto a neighbour looked right (VERSION 2, 3).
    sheets = [93, 92, 96, 94, 95, 96]
    ru = [f"{k}. АПРФ, ф. 45, оп. 1, д. 338, л. {s}." for k, s in enumerate(sheets, 1)]
    en = [f"{k}. APRF, f. 45, op. 1, d. 338, l. {s}." for k, s in enumerate(sheets, 1)]
    ru = [RU[0], *ru, RU[5]]
    en = [EN[0], *en[:3], en[5], EN[5]]
    pairs = _pairs(align(ru, en))
    assert ((4,), ()) in pairs and ((5,), ()) in pairs
    assert ((3,), (3,)) in pairs and ((6,), (4,)) in pairs


def test_run_in_heading_merges_with_its_paragraph() -> None:
    ru = [*RU[:2], "Примечание", *RU[2:]]
    en = [*EN[:2], "Note. " + EN[2], *EN[3:]]
    assert ((2, 3), (2,)) in _pairs(align(ru, en))


def test_latin_identifiers_and_acronyms_anchor_across_scripts() -> None:
    from reader.core.aligner import sentence_anchor_keys

    ru = sentence_anchor_keys("Делегация США и ЦК КПК, файл scan_117421.jpg", False)
    en = sentence_anchor_keys("The USA delegation and the CPC CC, file scan_117421.jpg", False)
    assert {"aus", "accp", "acc"} <= ru & en
    for russian, english in [
        ("Джонсон", "Johnson"),
        ("Сяопин", "Xiaoping"),
        ("Уильямс", "Williams"),
    ]:
        assert name_key(russian, cyrillic=True) == name_key(english), (russian, english)


def _gold_f1(subset: str, split: str) -> float:
    sys.path.insert(0, str(GOLD_DIR))
    from gold import all_cases

    tp = predicted = wanted = 0
    for case in all_cases():
        if case.subset != subset or case.split != split:
            continue
        got = set(_pairs(align(case.source, case.target, case.source_language,
                               case.target_language)))  # fmt: skip
        want = {(tuple(s), tuple(t)) for s, t in case.pairs}
        tp, predicted, wanted = tp + len(got & want), predicted + len(got), wanted + len(want)
    return 2 * tp / (predicted + wanted)


def test_gold_thresholds_tuned_and_held_out() -> None:
    if not (CORPUS_DIR.parent.parent / "shared" / "samples" / "wilson").is_dir():
        import pytest

        pytest.skip("the shared samples are not there")
    # Never below VERSION 2 (commit 93b3921) on any set: its figures, rounded down.
    floors = {
        ("patterns", "tuned"): 0.96, ("patterns", "heldout"): 0.96,
        ("lists", "tuned"): 0.94, ("lists", "heldout"): 0.99,
        ("news-perturbed", "tuned"): 0.96, ("news-perturbed", "heldout"): 0.975,
        ("news-long", "tuned"): 0.97, ("news-long", "heldout"): 0.98,
        ("handmade", "heldout"): 0.9, ("seed", "tuned"): 1.0,
    }  # fmt: skip
    for (subset, split), floor in floors.items():
        assert _gold_f1(subset, split) >= floor, (subset, split)


_ALIGN_PATTERNS = """
import sys
sys.path.insert(0, sys.argv[1])
from gold import all_cases
from reader.core.aligner import align
for case in all_cases():
    if case.subset == "patterns" and case.split == "heldout":
        beads = align(case.source, case.target).beads
        print([(b.source, b.target, b.confidence) for b in beads])
"""


def test_same_texts_give_the_same_alignment_in_every_process() -> None:
    # Anchor keys live in sets whose order follows string hashing, which changes from process
    # to process; float sums in that order once flipped ties (a gold case in about one run in
    # two).
    outputs = {
        subprocess.run(
            [sys.executable, "-c", _ALIGN_PATTERNS, str(GOLD_DIR)],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (0, 5, 11)  # 0 and 5 disagreed before the weights were made dyadic
    }
    assert len(outputs) == 1
    assert outputs.pop().count("\n") > 10
