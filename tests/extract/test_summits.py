from datetime import date

import pytest

from etl.extract.summits import edition_before, extract_summit_mentions, find_dates
from tests.conftest import make_document


@pytest.mark.parametrize(("text", "edition"), [
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
])
def test_edition_before_meeting_words(text, edition, gazetteer):
    mentions = list(extract_summit_mentions(make_document(text), gazetteer))
    assert mentions and mentions[0].edition == edition


@pytest.mark.parametrize(("text", "expected"), [
    ("14 сентября 2023 года в Душанбе", date(2023, 9, 14)),
    ("(21 июля 2022 г.)", date(2022, 7, 21)),
    ("2023 жылғы 14 қыркүйекте", date(2023, 9, 14)),
    ("on September 14, 2023", date(2023, 9, 14)),
    ("date 2023-09-14", date(2023, 9, 14)),
])
def test_find_dates(text, expected):
    assert find_dates(text)[0][0] == expected


def test_event_sentence_with_date_and_city(gazetteer):
    text = "21 июля 2022 года в Чолпон-Ате состоялась четвертая Консультативная встреча глав государств."
    (m,) = extract_summit_mentions(make_document(text), gazetteer)
    assert (m.edition, m.held_on, m.city, m.is_event_sentence) == (4, date(2022, 7, 21), "Cholpon-Ata", True)


def test_edition_needs_meeting_words():
    assert edition_before("в шестые по счету Всемирные игры", 30) is None
