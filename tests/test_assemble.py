"""Assembly: documents that several reports name differently are one row (texts written here, in the shapes
found: a report cut off mid-title, a shortened title, a title in the accusative under «приняли:»)."""

from datetime import date

import pytest

from etl.assemble import apply_chairs, build_agreements, decide_chairs
from etl.pipeline import ExtractedSource, extract_facts
from tests.conftest import make_document


def documents(texts, gazetteer, summit_id=7):
    resolved = []
    for n, text in enumerate(texts, start=1):
        document = make_document(text)
        source = ExtractedSource(document, extract_facts(document, gazetteer))
        source.source_id = n
        resolved.append((source, summit_id))
    rows, _ = build_agreements(resolved)
    return [(r["kind"], r["title_ru"], r["source_count"]) for r in rows]


WHOLE = ("По итогам встречи подписаны следующие документы:\n\n"
         "- Каталог рисков безопасности региона и меры по их предупреждению на 2026-2028 годы;\n")


@pytest.mark.parametrize(("other", "title"), [
    # a report that ends in the middle of the title
    ("Главы государств приняли:\n\n- Каталог рисков безопасности региона и меры по их предупрежд",
     "Каталог рисков безопасности региона и меры по их предупреждению на 2026-2028 годы"),
    # a report that leaves out the years
    ("Главы государств приняли Каталог рисков безопасности региона и меры по их предупреждению.",
     "Каталог рисков безопасности региона и меры по их предупреждению на 2026-2028 годы"),
])
def test_one_document_however_reports_name_it(other, title, gazetteer):
    assert documents([WHOLE, other], gazetteer) == [("other", title, 2)]


def test_the_same_years_and_nearly_the_same_words_are_one_document(gazetteer):
    one = "Главы государств подписали:\n\n- Программу водного сотрудничества стран региона на 2026-2030 годы;\n"
    two = ("Главы государств подписали:\n\n"
           "- Программу водного сотрудничества стран Центральной Азии и региона на период 2026–2030 гг.;\n")
    assert [(kind, count) for kind, _, count in documents([one, two], gazetteer)] == [("programme", 2)]


def test_a_title_in_the_accusative_under_a_colon_is_put_in_the_nominative(gazetteer):
    text = "Кроме того, главы государств приняли:\n\nКонцепцию транспортной безопасности в регионе;\n"
    assert documents([text], gazetteer) == [("concept", "Концепция транспортной безопасности в регионе", 1)]


def test_two_documents_that_share_most_words_stay_two(gazetteer):
    text = ("По итогам встречи подписаны следующие документы:\n\n"
            "- Соглашение о сотрудничестве в области энергетики;\n- Соглашение о сотрудничестве в области транспорта;\n")
    assert [t for _, t, _ in documents([text], gazetteer)] == [
        "Соглашение о сотрудничестве в области энергетики", "Соглашение о сотрудничестве в области транспорта"]


def test_alike_titles_of_other_years_are_other_documents(gazetteer):
    text = ("По итогам встречи подписаны следующие документы:\n\n"
            "- План действий по развитию туризма на 2025-2027 годы;\n- План действий по развитию туризма до 2034 года;\n")
    shortened = "Главы государств одобрили План действий по развитию туризма и обсудили экологию."
    assert [(title, count) for _, title, count in documents([text, shortened], gazetteer)] == [
        ("План действий по развитию туризма на 2025-2027 годы", 1), ("План действий по развитию туризма до 2034 года", 1),
        ("План действий по развитию туризма", 1)]  # without years it may be either: kept apart


def test_one_chair_per_meeting_from_the_calendar_a_text_or_the_host(gazetteer):
    summits = {
        6: {"summit_id": 6, "host_country": "KAZ", "held_on": date(2024, 8, 9), "chair": "Kassym-Jomart Tokayev"},
        8: {"summit_id": 8, "host_country": "TJK", "held_on": date(2026, 9, 1), "chair": None},  # not in the calendar
        9: {"summit_id": 9, "host_country": "KGZ", "held_on": date(2027, 9, 1), "chair": None},
    }
    participants = [
        {"summit_id": 6, "person": "Kassym-Jomart Tokayev", "is_chair": False},  # the text did not say «chaired»
        {"summit_id": 6, "person": "Sadyr Japarov", "is_chair": True},  # a text that says so wrongly
        {"summit_id": 9, "person": "Shavkat Mirziyoyev", "is_chair": True},  # «под председательством …»
        {"summit_id": None, "person": "Emomali Rahmon", "is_chair": True},  # a text placed at no meeting
    ]
    chairs = decide_chairs(summits, participants, gazetteer)
    assert chairs == {6: "Kassym-Jomart Tokayev", 8: "Emomali Rahmon", 9: "Shavkat Mirziyoyev"}
    apply_chairs(chairs, summits, participants)
    assert [p["is_chair"] for p in participants] == [True, False, True, False]
    assert summits[8]["chair"] == "Emomali Rahmon"
