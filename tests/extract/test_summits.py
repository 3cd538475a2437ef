from datetime import date

import pytest

from etl.extract.summits import edition_before, extract_summit_mentions, find_dates
from tests.conftest import make_document


@pytest.mark.parametrize(
    ("text", "edition"),
    [
        ("5-я Консультативная встреча", 5),
        ("на 4-ой Консультативной встрече", 4),
        ("итогам 2-ей  Консультативной встречи", 2),
        ("V Консультативной встречи", 5),
        ("пятой Консультативной встрече", 5),
        ("четвертая консультативная встреча", 4),
        ("Орталық Азия елдері көшбасшыларының 5-ші саммиті", 5),
        ("V Консультативтік кездесуі", 5),
        ("бесінші Консультативтік кездесуі", 5),
        ("the Fifth Consultative Meeting", 5),
        ("the 8th Consultative Meeting", 8),
        ("очередной Консультативной встречи", None),
    ],
)
def test_edition_before_meeting_words(text, edition, gazetteer):
    mentions = list(extract_summit_mentions(make_document(text), gazetteer))
    assert mentions and mentions[0].edition == edition


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 сентября 2023 года в Душанбе", date(2023, 9, 14)),
        ("(21 июля 2022 г.)", date(2022, 7, 21)),
        ("2023 жылғы 14 қыркүйекте", date(2023, 9, 14)),
        ("on September 14, 2023", date(2023, 9, 14)),
        ("date 2023-09-14", date(2023, 9, 14)),
    ],
)
def test_find_dates(text, expected):
    assert find_dates(text)[0][0] == expected


def test_event_sentence_with_date_and_city(gazetteer):
    text = "21 июля 2022 года в Чолпон-Ате состоялась четвертая Консультативная встреча глав государств."
    (m,) = extract_summit_mentions(make_document(text), gazetteer)
    assert (m.edition, m.held_on, m.city, m.is_event_sentence) == (4, date(2022, 7, 21), "Cholpon-Ata", True)


def test_edition_needs_meeting_words():
    assert edition_before("в шестые по счету Всемирные игры", 30) is None


# ---- evidence for which meeting (sentences written here, in the shapes found) ----


def mentions(text, gazetteer, language=None):
    return list(extract_summit_mentions(make_document(text, language), gazetteer))


@pytest.mark.parametrize(
    ("text", "edition"),
    [
        ("На VІ Консультативной встрече глав государств обсудили воду.", 6),  # Cyrillic І after a Latin V
        ("ІХ Консультативтік кездесуі өтті.", 9),  # Cyrillic І and Х
    ],
)
def test_roman_numerals_with_cyrillic_lookalike_letters(text, edition, gazetteer):
    assert mentions(text, gazetteer)[0].edition == edition


@pytest.mark.parametrize(
    ("text", "passing"),
    [
        ("Since the first Consultative Meeting in 2018, trade has doubled.", True),
        ("Как было решено на прошлой консультативной встрече, работа продолжится.", True),
        ("Знак был учреждён на третьей Консультативной встрече глав государств.", True),
        ("В Ташкенте прошла седьмая Консультативная встреча глав государств.", False),
    ],
)
def test_a_meeting_recalled_in_passing(text, passing, gazetteer):
    assert mentions(text, gazetteer)[0].is_passing is passing


@pytest.mark.parametrize(
    ("text", "held_on"),
    [
        (
            "ДУШАНБЕ, 14 сен — Лидеры региона провели переговоры.",
            date(2023, 9, 14),
        ),  # no year: the calendar's day
        ("Avaza, 06.08.2021\nThe leaders discussed transit.", date(2021, 8, 6)),
        ("Cholpon-Ata, July 21, 2022\n\nDear colleagues!", date(2022, 7, 21)),
    ],
)
def test_dateline_at_the_head_of_a_report(text, held_on, gazetteer):
    first = mentions(text, gazetteer)[0]
    assert (first.is_dateline, first.held_on) == (True, held_on)
