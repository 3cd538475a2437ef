"""A build must not fail because of what one well-formed text says: random recombinations of the sentence
shapes real reports use (written here) always pass every build check."""

import random

import duckdb
import pytest

from etl.build import build_warehouse

COUNTRIES_GEN = ["Казахстана", "Кыргызстана", "Таджикистана", "Туркменистана", "Узбекистана"]
COUNTRIES_INS = ["Казахстаном", "Кыргызстаном", "Таджикистаном", "Туркменистаном", "Узбекистаном"]
LEADS = [
    "{day} в {city} состоялась {edition} Консультативная встреча глав государств Центральной Азии.",
    "ТАШКЕНТ, 16 ноября — Главы государств Центральной Азии собрались на очередную встречу.",
    "The {edition_en} Consultative Meeting of the Heads of State of Central Asia was held in {city_en}.",
    "Президенты обсудили водную повестку.",  # nothing places this one
]
SHAPES = [
    "Во встрече приняли участие Президент {c1} и Президент {c2}.",
    "Почётным гостем встречи стал Генеральный секретарь ШОС Арман Жолдасбеков.",
    "Товарооборот {c1} с {i2} в {year} году составил {n} млрд долларов.",
    # the same value with two counterparts: two figures, not one seen twice
    "В {year} году товарооборот {c1} с {i2} составил {n} млрд долларов, "
    "а товарооборот {c1} с {i3} в {year} году составил {n} млрд долларов.",
    "Товарооборот {c1} со странами Центральной Азии вырос на {p} процентов, достигнув ${m} миллионов.",
    "Взаимный товарооборот стран региона в {year} году составил {n} млрд долларов.",
    "Лидеры поставили задачу довести взаимную торговлю до {n} млрд долларов к {deadline} году.",
    "По итогам встречи подписаны следующие документы:\n\n- Соглашение о транзите грузов на {year}-{deadline} годы;\n"
    "- Совместное заявление глав государств;\n- План действий по развитию туризма",
    "Главы государств одобрили План действий по развитию туризма и обсудили экологию.",
    "Главы государств подписали Соглашение о взаимной защите инвестиций.",
    "In {year} Kazakhstan’s exports to its neighbours in the region went up by {p}% and came to ${n} billion.",
    "С речью выступил Президент {c1}; участников по видеосвязи приветствовал Генеральный секретарь ООН.",
]
CITIES = [
    ("Астане", "Astana"),
    ("Ташкенте", "Tashkent"),
    ("Душанбе", "Dushanbe"),
    ("Чолпон-Ате", "Cholpon-Ata"),
]
EDITIONS = [
    ("первая", "First"),
    ("VI", "6th"),
    ("седьмая", "Seventh"),
    ("4-я", "Fourth"),
    ("восьмая", "Eighth"),
]


def random_values(rng: random.Random) -> dict:
    """The words of one sentence. Amounts come from a small pool, so that one text often gives the same value
    twice for different economies or counterparts (two figures, never one)."""
    city, city_en = rng.choice(CITIES)
    edition, edition_en = rng.choice(EDITIONS)
    a, b, c = rng.sample(range(5), 3)
    return {
        "city": city,
        "city_en": city_en,
        "edition": edition,
        "edition_en": edition_en,
        "day": f"{rng.randint(1, 28)} августа {rng.randint(2018, 2026)} года",
        "c1": COUNTRIES_GEN[a],
        "c2": COUNTRIES_GEN[b],
        "i2": COUNTRIES_INS[b],
        "i3": COUNTRIES_INS[c],
        "year": rng.randint(2018, 2025),
        "n": rng.choice((4, 4, 11)),
        "m": rng.randint(100, 900),
        "p": rng.randint(1, 60),
        "deadline": rng.randint(2026, 2035),
    }


def random_text(rng: random.Random) -> str:
    """A lead and two to six sentences, a shape possibly twice, each with words of its own."""
    sentences = [rng.choice(LEADS)] + rng.choices(SHAPES, k=rng.randint(2, 6))
    return "\n\n".join(s.format(**random_values(rng)) for s in sentences) + "\n"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_recombinations_never_fail_a_check(seed, tmp_path):
    rng = random.Random(seed)
    sources = tmp_path / "sources"
    sources.mkdir()
    for n in range(25):
        (sources / f"t{n:02d}.txt").write_text(random_text(rng), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    summary = build_warehouse(sources, db, workers=1)  # raises BuildError if a check fails
    assert not summary.rejections
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 25
