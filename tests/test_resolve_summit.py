"""Which meeting a text is about, decided by weighing evidence (texts written here, in the shapes found)."""

import pytest

from etl.assemble import resolve_summit
from etl.pipeline import ExtractedSource, extract_facts
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
            "Встреча глав государств Центральной Азии стартовала в Астане. Нурсултан Назарбаев приветствовал гостей.",
            "ru",
            1,
        ),
        # the same city with Tokayev as president is 2024
        (
            "Встреча глав государств Центральной Азии стартовала в Астане. Касым-Жомарт Токаев приветствовал гостей.",
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
            "Ташкент. 29 ноября. Лидеры стран Центральной Азии определили место следующей встречи.\n\n"
            "Напомним, первая консультативная встреча прошла в 2018 году в Астане.",
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
        "Тоқаев саммитте Орталық Азияның мәдени астанасын таңдауды ұсынды.",
    ],
)
def test_words_that_look_like_evidence_are_not(text, gazetteer):
    assert about(text, gazetteer) not in (1, 6)


def test_a_text_with_no_evidence_is_left_unplaced(gazetteer):
    assert about("Президент Казахстана провёл совещание по водным ресурсам.", gazetteer) is None
