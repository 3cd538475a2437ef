"""Which meeting a text is about, decided by weighing evidence (texts written here, in the shapes found)."""

from datetime import date

import pytest

from etl.extract.summits import SummitMention
from etl.pipeline import ExtractedSource, extract_facts
from etl.placement import resolve_summit
from tests.conftest import make_document


def about(text, gazetteer, language=None):
    document = make_document(text, language)
    return resolve_summit(ExtractedSource(document, extract_facts(document, gazetteer)), gazetteer)


@pytest.mark.parametrize(
    ("text", "language", "edition"),
    [
        # the headline's edition over a recollection in the body
        (
            "Speech at the Fourth Consultative Meeting of the Heads of State\n\nDear colleagues!\n\n"
            "Since the first Consultative Meeting in 2018 our trade has grown.",
            "en",
            4,
        ),
        # a dateline without a year, and the leaders it names
        ("АВАЗА, 6 августа. Президенты Туркменистана и Казахстана обсудили транзит.", "ru", 3),
        # only a city and a leader in office: Astana, with Nazarbayev as president, is 2018
        (
            "Лидеры региона собрались в Астане: встреча глав государств открылась утром. "
            "Нурсултан Назарбаев поприветствовал коллег.",
            "ru",
            1,
        ),
        # the same city with Tokayev as president is 2024
        (
            "Лидеры региона собрались в Астане: встреча глав государств открылась утром. "
            "Касым-Жомарт Токаев поприветствовал коллег.",
            "ru",
            6,
        ),
        # a Roman numeral with a Cyrillic look-alike letter, the award instituted earlier recalled in passing
        (
            "На VІ Консультативной встрече глав государств вручили знак, который был учреждён на третьей "
            "Консультативной встрече.",
            "ru",
            6,
        ),
        # «напомним» makes the first meeting a recollection; the dateline's day is the second meeting's
        (
            "Ташкент. 29 ноября. Президенты пяти стран обсудили водные вопросы.\n\n"
            "Напомним, что в 2018 году первая консультативная встреча состоялась в Астане.",
            "ru",
            2,
        ),
    ],
)
def test_the_meeting_a_text_is_about(text, language, edition, gazetteer):
    assert about(text, gazetteer, language) == edition


@pytest.mark.parametrize(
    "text",
    [
        # a day and month inside a sentence is what the sentence says, not the report's dateline
        "Президенты обсудили транзит.\nСондай-ақ Елбасы 15 наурызда жаңа мерекені атап өтуге шақырды.",
        # «астана» in lower case is «a capital», not the city
        "Президент саммит барысында өңірдің жастар астанасын жыл сайын белгілеуді ұсынды.",
    ],
)
def test_words_that_look_like_evidence_are_not(text, gazetteer):
    assert about(text, gazetteer) not in (1, 6)


def test_a_text_with_no_evidence_is_left_unplaced(gazetteer):
    assert about("Президент Казахстана провёл совещание по водным ресурсам.", gazetteer) is None


def test_a_regular_meeting_is_the_one_reported(gazetteer):
    # «очередная» makes its sentence the event's: its city outweighs another city named with a meeting
    text = (
        "Очередная встреча глав государств региона собрала лидеров в Душанбе.\n\n"
        "На встрече глав государств в Чолпон-Ате лидеры говорили о воде."
    )
    assert about(text, gazetteer, "ru") == 5


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Сегодня в столице проходит консультативная встреча глав государств Центральной Азии.", "ru"),
        ("Бүгін елордада Орталық Азия мемлекеттері басшыларының консультативтік кездесуі басталды.", "kk"),
        ("Today the consultative meeting of the Central Asian leaders opens.", "en"),
    ],
)
def test_today_dates_the_meeting_by_the_report(text, language, gazetteer):
    document = make_document(text, language)
    document.published_on = date(2023, 9, 14)
    mentions = [m for m in extract_facts(document, gazetteer) if isinstance(m, SummitMention)]
    assert [m.held_on for m in mentions] == [date(2023, 9, 14)]
    assert resolve_summit(ExtractedSource(document, mentions), gazetteer) == 5


def test_a_tie_the_leaders_cannot_break_is_left_unplaced(gazetteer):
    # Tashkent hosted two meetings, and both presidents named held office at both: no guess at either.
    text = "Ташкент принял встречу глав государств. Шавкат Мирзиёев приветствовал Ильхама Алиева."
    assert about(text, gazetteer, "ru") is None
