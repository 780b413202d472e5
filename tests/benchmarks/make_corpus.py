"""Generate a synthetic archive corpus in the PDF-export layout, for the scale benchmark.

    python tests/benchmarks/make_corpus.py OUTDIR [--count 10000] [--seed 1951]

Each file looks like the archive's PDF export: date, bold title, Citation:, the /document/NNN URL,
Summary:, Original Language: Russian, Contents: Transcript - Russian / Translation - English, then
``[...]``, Russian paragraphs, ``[...]``, English paragraphs, and the trailing lists (people,
places, subjects) the web page carries. About 10 KB a file. The text is made from the word lists
below (no real document is copied); Russian nouns come in several cases so stemming matters. The
same seed gives the same files.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

FIRST_ID = 500_000  # far from real record numbers, so nothing clashes with the bundled corpus

PEOPLE = [
    ("Сталин", "Stalin, Joseph, 1879-1953"), ("Мао Цзэдун", "Mao, Zedong, 1893-1976"),
    ("Молотов", "Molotov, Vyacheslav Mikhaylovich, 1890-1986"), ("Чжоу Эньлай", "Zhou, Enlai, 1898-1976"),
    ("Ким Ир Сен", "Kim, Il Sung, 1912-1994"), ("Хрущёв", "Khrushchev, Nikita Sergeevich, 1894-1971"),
    ("Громыко", "Gromyko, Andrei Andreevich, 1909-1989"), ("Вышинский", "Vyshinskii, Andrei, 1883-1954"),
    ("Брежнев", "Brezhnev, Leonid Ilich, 1906-1982"), ("Косыгин", "Kosygin, Aleksei Nikolaevich, 1904-1980"),
    ("Андропов", "Andropov, Iurii Vladimirovich, 1914-1984"), ("Горбачёв", "Gorbachev, Mikhail, 1931-2022"),
    ("Рощин", "Roshchin, N. V."), ("Лю Шаоци", "Liu, Shaoqi, 1898-1969"), ("Берия", "Beria, Lavrentii Pavlovich, 1899-1953"),
]  # fmt: skip
PLACES = [
    ("Пекин", "Beijing (China)"), ("Москва", "Moscow (Russia)"), ("Пхеньян", "Pyongyang (Korea)"),
    ("Берлин", "Berlin (Germany)"), ("Варшава", "Warsaw (Poland)"), ("Прага", "Prague (Czech Republic)"),
    ("Вашингтон", "Washington (D.C.)"), ("Ханой", "Hanoi (Vietnam)"), ("Гавана", "Havana (Cuba)"),
    ("Будапешт", "Budapest (Hungary)"), ("Белград", "Belgrade (Serbia)"), ("Токио", "Tokyo (Japan)"),
]  # fmt: skip
SUBJECTS = [
    "Korean War, 1950-1953", "Sino-Soviet Alliance", "Nuclear weapons", "Armistice negotiations",
    "Economic assistance", "Military assistance", "Diplomatic relations", "Cuban Missile Crisis, 1962",
    "Prisoners of war", "Intelligence", "Arms control", "Trade", "Decolonization", "Propaganda",
]  # fmt: skip
KINDS = [
    ("Шифротелеграмма", "Ciphered Telegram"), ("Запись беседы", "Record of Conversation"),
    ("Письмо", "Letter"), ("Памятная записка", "Memorandum"), ("Донесение", "Report"),
]  # fmt: skip
ARCHIVES = [
    "APRF, f. 45, op. 1",
    "RGASPI, f. 558, op. 11",
    "AVP RF, f. 0100, op. 43",
    "TsAMO, f. 5, op. 918795",
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip

# Russian words in several grammatical forms, so that a search for one form must find the others.
RU_NOUNS = [
    "шифровка шифровку шифровки шифровкой шифровке", "переговоры переговоров переговорах переговорам",
    "правительство правительства правительству правительством", "делегация делегации делегацию",
    "соглашение соглашения соглашению соглашением", "вопрос вопроса вопросу вопросом вопросов",
    "товарищ товарища товарищу товарищем", "армия армии армию армией", "граница границы границу",
    "помощь помощи помощью", "оружие оружия оружием", "конференция конференции конференцию",
    "перемирие перемирия перемирию", "линия линии линию линией", "войска войск войскам войсками",
    "предложение предложения предложению", "посол посла послу послом", "министр министра министру",
    "телеграмма телеграммы телеграмму", "завод заводы заводов заводам", "уголь угля углем",
    "нефть нефти нефтью", "договор договора договору договором", "союз союза союзу союзом",
    "положение положения положению", "обстановка обстановки обстановку", "сторона стороны сторону",
    "пленные пленных пленным", "кредит кредита кредиту", "специалисты специалистов специалистам",
]  # fmt: skip
RU_VERBS = [
    "сообщает", "предлагает", "считает", "просит", "указал", "заявил", "согласился", "подчеркнул",
    "получили", "обсудили", "направили", "поддерживает", "возражает", "настаивает", "рассмотрели",
]  # fmt: skip
RU_ADJECTIVES = [
    "советский", "китайского", "корейской", "американские", "военной", "экономическую",
    "дипломатических", "секретный", "важного", "нейтральных", "политической", "срочную",
]  # fmt: skip
RU_LINKS = ["и", "в", "о", "по", "на", "с", "для", "что", "также", "однако", "поэтому", "не"]
EN_NOUNS = [
    "negotiation negotiations", "government governments", "delegation delegations",
    "agreement agreements", "question questions", "comrade comrades", "army armies",
    "border borders", "assistance", "weapon weapons", "conference conferences", "armistice",
    "line lines", "troops", "proposal proposals", "ambassador ambassadors", "minister ministers",
    "telegram telegrams", "factory factories", "coal", "oil", "treaty treaties", "alliance",
    "situation situations", "side sides", "prisoner prisoners", "credit credits",
    "specialist specialists", "cipher ciphers", "report reports",
]  # fmt: skip
EN_VERBS = [
    "reports", "proposes", "considers", "requests", "indicated", "declared", "agreed", "stressed",
    "received", "discussed", "sent", "supports", "objects", "insists", "negotiated", "negotiating",
]  # fmt: skip
EN_ADJECTIVES = [
    "Soviet", "Chinese", "Korean", "American", "military", "economic", "diplomatic", "secret",
    "important", "neutral", "political", "urgent", "fraternal", "immediate",
]  # fmt: skip
EN_LINKS = [
    "and",
    "in",
    "on",
    "about",
    "with",
    "for",
    "that",
    "also",
    "however",
    "therefore",
    "not",
    "the",
    "of",
]


def _forms(lists: list[str]) -> list[list[str]]:
    return [entry.split() for entry in lists]


def sentence(
    rng: random.Random,
    nouns: list[list[str]],
    verbs: list[str],
    adjectives: list[str],
    links: list[str],
    names: list[str],
) -> str:
    words: list[str] = []
    for _ in range(rng.randint(3, 6)):
        pick = rng.random()
        if pick < 0.15:
            words.append(rng.choice(names))
        elif pick < 0.35:
            words.append(rng.choice(adjectives))
        words.append(rng.choice(rng.choice(nouns)))
        words.append(rng.choice(verbs) if rng.random() < 0.3 else rng.choice(links))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", ";", "!"])


def paragraphs(rng: random.Random, language: str, names: list[str], count: int) -> list[str]:
    if language == "ru":
        parts = (_forms(RU_NOUNS), RU_VERBS, RU_ADJECTIVES, RU_LINKS)
    else:
        parts = (_forms(EN_NOUNS), EN_VERBS, EN_ADJECTIVES, EN_LINKS)
    return [
        " ".join(sentence(rng, *parts, names) for _ in range(rng.randint(3, 7)))
        for _ in range(count)
    ]


def random_date(rng: random.Random) -> tuple[str, str]:
    """The date line as the archive writes it, and a short form for the title."""
    day = date(1945, 1, 1) + timedelta(
        days=rng.randrange((date(1991, 12, 31) - date(1945, 1, 1)).days)
    )
    kind = rng.random()
    if kind < 0.03:
        return f"{day.year}", f"{day.year}"
    if kind < 0.08:
        return f"{MONTHS[day.month - 1]} {day.year}", f"{day.year}"
    return (
        f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
        f"{day.day:02}.{day.month:02}.{day.year}",
    )


def document(number: int, rng: random.Random) -> str:
    record = FIRST_ID + number
    chosen = rng.sample(range(len(PEOPLE)), 3)
    sender, recipient = PEOPLE[chosen[0]], PEOPLE[chosen[1]]
    place = rng.sample(PLACES, 2)
    subjects = rng.sample(SUBJECTS, rng.randint(1, 3))
    kind_ru, kind_en = rng.choice(KINDS)
    date_line, short_date = random_date(rng)
    title = f"{kind_en} No. {rng.randint(100, 99999)} from {place[0][1].split(' (')[0]}, {sender[1].split(',')[0]} to {recipient[1].split(',')[0]}"
    count = rng.randint(6, 10)
    russian = paragraphs(rng, "ru", [p[0] for p in (sender, recipient)] + [place[0][0]], count)
    english = paragraphs(
        rng,
        "en",
        [p[1].split(",")[0] for p in (sender, recipient)] + [place[0][1].split(" (")[0]],
        count,
    )
    russian.insert(0, f"{kind_ru.upper()} № {record % 100000} от {short_date}")
    english.insert(0, f"{kind_en.upper()} No. {record % 100000} of {short_date}")
    archive = rng.choice(ARCHIVES)
    lines = [
        "Digital Archive",
        "International History Declassified",
        "digitalarchive.wilsoncenter.org",
        "",
        date_line,
        f"**{title}**",
        "",
        "Citation:",
        "",
        f'"{title}", {date_line}, Wilson Center Digital Archive, {archive}, d. {rng.randint(1, 999)}, ll. {rng.randint(1, 200)}.',
        "",
        f"<https://digitalarchive.wilsoncenter.org/document/{record}>",
        "",
        "Summary:",
        "",
        f"{sender[1].split(',')[0]} writes to {recipient[1].split(',')[0]} about {subjects[0].lower()} and the situation in {place[1][1]}.",
        "",
        "Original Language:",
        "",
        "Russian",
        "",
        "Contents:",
        "",
        "Transcript - Russian",
        "",
        "Translation - English",
        "",
        "[...]",
        "",
        *(line for paragraph in russian for line in (paragraph, "")),
        "[...]",
        "",
        *(line for paragraph in english for line in (paragraph, "")),
        "Associated People & Organizations",
        *(person[1] for person in (sender, recipient)),
        "",
        "Associated Places",
        *(p[1] for p in place),
        "",
        "Subjects Discussed",
        *subjects,
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1951)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.outdir.mkdir(parents=True, exist_ok=True)
    total = 0
    for number in range(args.count):
        data = document(number, rng).encode("utf-8")
        (args.outdir / f"{FIRST_ID + number}.txt").write_bytes(data)
        total += len(data)
    print(f"{args.count} documents, {total / 1e6:.1f} MB in {args.outdir}")


if __name__ == "__main__":
    main()
