"""A synthetic corpus that makes the extractors do real work: texts recombined from the sentence shapes
the rules handle (event sentences, participant lists, document lists under headers, running sentences,
figures with periods), in Russian and Kazakh, with varied editions, dates, cities, people, titles and
numbers, padded with neutral sentences the way real press releases are."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

from etl.language import detect_language
from etl.reference import load_gazetteer, read_reference_csv

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "sources"

RU_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
KK_MONTHS = [
    "қаңтарда",
    "ақпанда",
    "наурызда",
    "сәуірде",
    "мамырда",
    "маусымда",
    "шілдеде",
    "тамызда",
    "қыркүйекте",
    "қазанда",
    "қарашада",
    "желтоқсанда",
]
RU_ORDINALS = {1: "первая", 2: "вторая", 3: "третья", 4: "четвертая", 5: "пятая", 6: "шестая", 7: "седьмая"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII"}
RU_CITY_LOC = {
    "Astana": "Астане",
    "Tashkent": "Ташкенте",
    "Turkmenbashi": "Туркменбаши",
    "Cholpon-Ata": "Чолпон-Ате",
    "Dushanbe": "Душанбе",
}
KK_CITY_LOC = {
    "Astana": "Астанада",
    "Tashkent": "Ташкентте",
    "Turkmenbashi": "Түрікменбашыда",
    "Cholpon-Ata": "Шолпан-Атада",
    "Dushanbe": "Душанбеде",
}
RU_COUNTRY_GEN = {
    "KAZ": "Казахстана",
    "KGZ": "Кыргызстана",
    "TJK": "Таджикистана",
    "TKM": "Туркменистана",
    "UZB": "Узбекистана",
    "AZE": "Азербайджана",
}
RU_NAMES = {
    "tokayev": "Касым-Жомарт Токаев",
    "japarov": "Садыр Жапаров",
    "rahmon": "Эмомали Рахмон",
    "g_berdimuhamedov": "Гурбангулы Бердымухамедов",
    "s_berdimuhamedov": "Сердар Бердымухамедов",
    "mirziyoyev": "Шавкат Мирзиёев",
    "nazarbayev": "Нурсултан Назарбаев",
    "jeenbekov": "Сооронбай Жээнбеков",
    "aliyev": "Ильхам Алиев",
}
KK_NAMES = {
    "tokayev": "Қасым-Жомарт Тоқаев",
    "japarov": "Садыр Жапаров",
    "rahmon": "Эмомали Рахмон",
    "g_berdimuhamedov": "Гурбангулы Бердімұхамедов",
    "s_berdimuhamedov": "Сердар Бердімұхамедов",
    "mirziyoyev": "Шавкат Мирзиёев",
    "nazarbayev": "Нұрсұлтан Назарбаев",
    "jeenbekov": "Сооронбай Жээнбеков",
    "aliyev": "Ильхам Әлиев",
}
RU_DOC_HEADS = [
    ("Концепция", "развития"),
    ("Программа", "сотрудничества в сфере"),
    ("Дорожная карта", "по развитию"),
    ("План действий", "по развитию"),
    ("Меморандум о взаимопонимании", "в области"),
    ("Соглашение", "о сотрудничестве в области"),
    ("Декларация", "о партнерстве в сфере"),
]
RU_TOPICS = [
    "транспорта и логистики",
    "цифровой экономики",
    "водных ресурсов",
    "энергетики",
    "туризма",
    "образования и науки",
    "здравоохранения",
    "сельского хозяйства",
    "промышленной кооперации",
    "торговли",
    "экологии",
    "культуры",
    "молодежной политики",
    "гражданской авиации",
    "спорта",
]
KK_DOC_HEADS = ["тұжырымдамасы", "Жол картасы", "Іс-қимыл жоспары", "бағдарламасы"]
KK_TOPICS = [
    "көлік-логистика саласындағы ынтымақтастықты дамыту",
    "цифрлық экономиканы дамыту",
    "су ресурстарын басқару",
    "энергетикалық ынтымақтастық",
    "туризмді дамыту",
    "білім және ғылым",
]
# Neutral sentences, recombined from parts (over 200,000 Russian and 15,000 Kazakh variants), so that texts
# share shapes but hardly ever a whole sentence: the extractors cannot profit from repeated input.
RU_FILLER_PARTS = (
    ["Стороны", "Лидеры", "Главы государств", "Собеседники", "Президенты", "Делегации"],
    [
        "обсудили вопросы",
        "подчеркнули важность",
        "рассмотрели перспективы",
        "отметили значимость",
        "высказались за углубление",
        "обменялись мнениями о развитии",
    ],
    [
        "многопланового сотрудничества",
        "взаимодействия",
        "совместных проектов",
        "практической кооперации",
        "партнерства",
        "прямых связей",
    ],
    [
        "",
        " в регионе",
        " между странами Центральной Азии",
        " на долгосрочную перспективу",
        " с учетом текущей ситуации",
        " в интересах народов региона",
    ],
)
KK_FILLER_TOPICS = [
    "көлік",
    "энергетика",
    "туризм",
    "білім",
    "ғылым",
    "денсаулық сақтау",
    "ауыл шаруашылығы",
    "цифрландыру",
    "мәдениет",
    "экология",
    "су шаруашылығы",
    "өнеркәсіп",
]
KK_FILLER_PARTS = (
    ["Тараптар", "Көшбасшылар", "Мемлекет басшылары", "Делегациялар", "Президенттер"],
    [
        "ынтымақтастықты дамыту мәселелерін",
        "бірлескен жобаларды",
        "өзара іс-қимылды",
        "серіктестікті нығайту мүмкіндіктерін",
        "тәжірибе алмасуды",
    ],
    ["талқылады", "атап өтті", "қарастырды", "қолдады", "маңызды деп бағалады"],
)


def _ru_filler(rng: random.Random) -> str:
    subject, verb, theme, tail = (rng.choice(part) for part in RU_FILLER_PARTS)
    first, second = rng.sample(RU_TOPICS, 2)
    return f"{subject} {verb} {theme} в сферах {first} и {second}{tail}."


def _kk_filler(rng: random.Random) -> str:
    subject, theme, verb = (rng.choice(part) for part in KK_FILLER_PARTS)
    first, second = rng.sample(KK_FILLER_TOPICS, 2)
    return f"{subject} {first} мен {second} салаларындағы {theme} {verb}."


def _members_at(summit_day, gazetteer) -> list[str]:
    return [
        p.person_id
        for p in gazetteer.people.values()
        if p.office == "president"
        and p.in_office_on(summit_day)
        and p.country_code in RU_COUNTRY_GEN
        and p.country_code != "AZE"
    ]


def _ru_text(rng: random.Random, summit, gazetteer) -> str:
    day = summit.held_on
    edition = summit.summit_id
    edition_word = rng.choice([f"{edition}-я", ROMAN[edition], RU_ORDINALS[edition]])
    people = _members_at(day, gazetteer)
    lines = [
        f"## {edition_word[0].upper() + edition_word[1:]} Консультативная встреча глав государств Центральной Азии в "
        f"{RU_CITY_LOC[summit.city]}",
        "",
    ]
    lines.append(
        f"{day.day} {RU_MONTHS[day.month - 1]} {day.year} года в {RU_CITY_LOC[summit.city]} состоялась "
        f"{edition_word} Консультативная встреча глав государств Центральной Азии."
    )
    lines.append("")
    if rng.random() < 0.5:
        lines += ["Во встрече приняли участие:", ""]
        for pid in people:
            country = gazetteer.people[pid].country_code
            lines.append(f"- {gazetteer.countries[country].name_ru} – Президент {RU_NAMES[pid]}")
    else:
        named = ", ".join(
            f"Президент {RU_COUNTRY_GEN[gazetteer.people[p].country_code]} {RU_NAMES[p]}" for p in people
        )
        lines.append(f"В работе саммита приняли участие {named}.")
    lines.append("")
    for _ in range(rng.randint(2, 5)):
        lines.append(_ru_filler(rng))
    lines.append("")
    header = rng.choice(
        [
            "По итогам встречи президентами подписаны следующие документы:",
            "Совместным заявлением глав государств были одобрены следующие документы:",
            "В рамках встречи членами официальных делегаций подписаны следующие документы:",
        ]
    )
    lines += [header, ""]
    for n in range(1, rng.randint(2, 6)):
        head, link = rng.choice(RU_DOC_HEADS)
        start = rng.randint(2019, 2030)
        period = rng.choice(["", f" на {start}-{start + rng.randint(1, 4)} годы", f" до {start + 10} года"])
        lines.append(f"{n}. {head} {link} {rng.choice(RU_TOPICS)}{period};")
    lines.append("")
    if rng.random() < 0.5:
        start = rng.randint(2020, 2030)
        lines.append(
            f"Главы государств поручили министерствам иностранных дел подготовить проект Программы "
            f"сотрудничества в сфере {rng.choice(RU_TOPICS)} на {start}-{start + 2} годы."
        )
    value = rng.randint(20, 180) / 10
    amount = f"{value:.1f}".replace(".", ",")
    lines.append(
        f"Взаимный товарооборот стран региона в {day.year - 1} году составил {amount} млрд долларов, "
        f"увеличившись на {rng.randint(2, 40)}%."
    )
    country = rng.choice(list(RU_COUNTRY_GEN)[:5])
    lines.append(
        f"Товарооборот {RU_COUNTRY_GEN[country]} со странами Центральной Азии за прошлый год вырос на "
        f"{rng.randint(3, 35)} процентов, достигнув ${rng.randint(200, 3000)} миллионов."
    )
    lines.append(
        f"Лидеры поставили задачу довести взаимную торговлю до {rng.randint(15, 30)} млрд долларов к "
        f"{day.year + rng.randint(3, 10)} году."
    )
    for _ in range(rng.randint(3, 8)):
        lines.append(_ru_filler(rng))
    return "\n".join(lines) + "\n"


def _kk_text(rng: random.Random, summit, gazetteer) -> str:
    day = summit.held_on
    people = _members_at(day, gazetteer)
    chair = gazetteer.president_on(summit.host_country, day)
    lines = [
        f"{KK_CITY_LOC[summit.city]} Орталық Азия мемлекеттері басшыларының {ROMAN[summit.summit_id]} "
        "Консультативтік кездесуі өтті",
        "",
    ]
    lead = f"{day.year} жылғы {day.day} {KK_MONTHS[day.month - 1]} {KK_CITY_LOC[summit.city]}"
    if chair:
        lead += f" {KK_NAMES[chair.person_id]}тың төрағалығымен"
    lines.append(lead + f" Орталық Азия елдері көшбасшыларының {summit.summit_id}-шы саммиті өтті.")
    names = ", ".join(KK_NAMES[p] for p in people if not chair or p != chair.person_id)
    lines.append(f"Кездесуге {names} қатысты.")
    for _ in range(rng.randint(2, 5)):
        lines.append(_kk_filler(rng))
    start = rng.randint(2020, 2030)
    lines.append(
        "Кездесу қорытындысы бойынша бірқатар құжаттарға қол қойылды. Олардың қатарында "
        f"{rng.choice(KK_TOPICS).capitalize()} {rng.choice(KK_DOC_HEADS)} мен {start}-{start + 2} жылдарға "
        f"арналған {rng.choice(KK_TOPICS)} жөніндегі {rng.choice(KK_DOC_HEADS)} бар."
    )
    lines.append(f"Өңір ішіндегі сауда көлемі {rng.randint(8, 20)} миллиард долларға жетті.")
    lines.append(f"Енді оны {rng.randint(20, 40)} миллиард долларға жеткізу міндеті тұр.")
    for _ in range(rng.randint(2, 6)):
        lines.append(_kk_filler(rng))
    return "\n\n".join(lines) + "\n"


def generate_corpus(directory: Path, count: int, seed: int = 7, kazakh_share: float = 0.3) -> int:
    """Write `count` texts into `directory`; returns the bytes written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    gazetteer = load_gazetteer()
    summits = [s for s in gazetteer.summits.values() if s.city in RU_CITY_LOC]
    rng = random.Random(seed)
    written = 0
    for n in range(count):
        summit = rng.choice(summits)
        kazakh = rng.random() < kazakh_share
        text = _kk_text(rng, summit, gazetteer) if kazakh else _ru_text(rng, summit, gazetteer)
        data = text.encode("utf-8")
        (directory / f"synthetic_{n:06d}_{'kk' if kazakh else 'ru'}.txt").write_bytes(data)
        written += len(data)
    return written


# ---- real-shaped texts: the bundled reports, their numbers and names varied ----

DIGITS = re.compile(r"\d+")


def _vary_numbers(text: str, rng: random.Random) -> str:
    """Every number replaced by another of as many digits: the same shapes (dates, sums, percentages, editions)
    with other values, so every file is distinct and dense with what the rules look for."""
    return DIGITS.sub(
        lambda m: str(
            rng.randint(10 ** (len(m.group()) - 1) if len(m.group()) > 1 else 0, 10 ** len(m.group()) - 1)
        ),
        text,
    )


@cache
def _name_swaps(language: str) -> tuple[dict[str, str], re.Pattern[str]]:
    """Each leader's surname and given name forms (data/reference/person_forms.csv) paired with those of the
    other leader of the same country, language and part (Токаев ↔ Назарбаев, Сердар ↔ Гурбангулы): a text
    with them swapped names a country's leader in the same words, declined the same way."""
    people = {row["person_id"]: row for row in read_reference_csv("people")}
    forms: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    for row in read_reference_csv("person_forms"):
        country = people[row["person_id"]]["country_code"]
        if country and row["lang"] == language:
            forms.setdefault((country, row["lang"], row["part"]), {}).setdefault(row["person_id"], []).append(
                row["form"]
            )
    swaps: dict[str, str] = {}
    alternatives = []
    for (_, _, part), by_person in forms.items():
        if len(by_person) == 2:
            (first, *_), (second, *_) = by_person.values()
            if first != second:
                swaps[first], swaps[second] = second, first
                # a surname keeps its case ending; a given name is swapped only as a whole word
                alternatives += [
                    re.escape(name) + ("" if part == "surname" else r"(?![\w-])") for name in (first, second)
                ]
    alternatives.sort(key=len, reverse=True)
    return swaps, re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")")


def _vary_names(text: str, rng: random.Random) -> str:
    """In one text of two, each country's leader named as the other leader of that country."""
    if rng.random() < 0.5:
        return text
    swaps, pattern = _name_swaps(detect_language(text))
    return pattern.sub(lambda m: swaps[m.group()], text)


def generate_real_shaped(directory: Path, count: int, seed: int = 11) -> int:
    """Write `count` texts made from the bundled real reports (data/sources) with their numbers (dates too)
    and, in half of them, their leaders' names varied; returns the bytes written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    originals = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.txt"))]
    rng = random.Random(seed)
    written = 0
    for n in range(count):
        data = _vary_numbers(_vary_names(rng.choice(originals), rng), rng).encode("utf-8")
        (directory / f"real_shaped_{n:06d}.txt").write_bytes(data)
        written += len(data)
    return written


def generate_hostile_shapes(directory: Path, scale: float = 1.0) -> dict[str, Path]:
    """One folder per input that used to make the ETL superlinear: a 5 MB text without line breaks, a 20 MB
    text (the size limit), a page of 100,000 short lines. Made from the bundled reports."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.txt")))
    shapes = {
        "5 MB, no line breaks": " ".join(text.split()),
        "20 MB": text,
        "100,000 short lines": "\n".join(line[:40] for line in text.splitlines() if line.strip()),
    }
    targets = {
        "5 MB, no line breaks": int(5_000_000 * scale),
        "20 MB": int(19_500_000 * scale),
        "100,000 short lines": None,
    }
    folders = {}
    for n, (name, body) in enumerate(shapes.items()):
        folder = Path(directory) / f"hostile_{n}"
        folder.mkdir(parents=True, exist_ok=True)
        if targets[name]:
            body = (body + " ") * (targets[name] // len(body.encode("utf-8")) + 1)
            body = body.encode("utf-8")[: targets[name]].decode("utf-8", "ignore")
        else:
            lines = body.splitlines()
            body = "\n".join(lines[i % len(lines)] for i in range(int(100_000 * scale)))
        (folder / "input.txt").write_text(body, encoding="utf-8")
        folders[name] = folder
    return folders
