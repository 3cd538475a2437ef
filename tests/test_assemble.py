"""Assembly, stage by stage: which meeting a text's facts go to, one row per fact however many texts report it,
who chaired, which document several titles name. Facts are constructed here (or extracted from sentences
written here), never taken from real reports."""

from datetime import date

import pytest

from etl.assemble import (
    Placed,
    assemble,
    assemble_in_stages,
    build_agreements,
    build_figures,
    build_summits,
    chairs_named,
    decide_chairs,
    merge_participants,
    participant_rows,
    place_sources,
    with_chairs,
)
from etl.extract.agreements import AgreementMention
from etl.extract.figures import FigureMention
from etl.extract.participants import ParticipantMention
from etl.extract.summits import SummitMention
from etl.pipeline import ExtractedSource, Rejection, extract_facts
from etl.rows import SummitRow
from tests.conftest import make_document

# ---- texts with constructed facts ----

SENTENCES = [f"Предложение номер {n}." for n in range(10)]
TEXT = " ".join(SENTENCES)


def span(n: int) -> tuple[int, int]:
    """Where sentence `n` of TEXT is: a constructed fact quotes it."""
    start = TEXT.index(SENTENCES[n])
    return start, start + len(SENTENCES[n])


def text_of(*facts, file_name="a.txt", published_on=None, source_id=1, language="ru") -> ExtractedSource:
    document = make_document(TEXT, language, file_name)
    document.published_on = published_on
    source = ExtractedSource(document, list(facts))
    source.source_id = source_id
    return source


def meeting(edition=None, held_on=None, city=None, n=0, event=True, passing=False) -> SummitMention:
    return SummitMention(*span(n), edition, held_on, city, is_event_sentence=event, is_passing=passing)


def participant(
    country="KAZ", people=(), guest=False, chair=False, rule="cue", n=1, organization=None, name=None
) -> ParticipantMention:
    return ParticipantMention(*span(n), country, organization, tuple(people), guest, chair, rule, name)


def document(
    title, kind="roadmap", adoption="signed", years=(None, None), rule="list", language="ru", n=2
) -> AgreementMention:
    return AgreementMention(*span(n), kind, adoption, title, language, *years, rule)


def figure(
    value=11e9,
    kind="actual",
    scope="C5",
    metric="intra_regional_trade",
    unit="USD",
    period=None,
    period_rule=None,
    year=None,
    inherited=False,
    n=3,
) -> FigureMention:
    return FigureMention(
        *span(n), scope, None, metric, kind, value, unit, period, period_rule, year, inherited
    )


def placed_at(summit_id, *sources) -> list[Placed]:
    return [Placed(source, summit_id) for source in sources]


# ---- placing texts ----


def test_sources_get_ids_in_file_name_order_and_their_meeting(gazetteer):
    b = text_of(meeting(edition=6), file_name="b.txt")
    a = text_of(file_name="a.txt")  # nothing says which meeting
    placed = place_sources([b, a], gazetteer)
    assert [(p.source.document.file_name, p.source.source_id, p.summit_id) for p in placed] == [
        ("a.txt", 1, None),
        ("b.txt", 2, 6),
    ]


# ---- meetings ----


@pytest.mark.parametrize(
    ("mentions", "published", "expected"),
    [
        # the calendar's date and city win over a text that recalls another day; the text confirms the meeting
        (
            [meeting(6, date(2024, 8, 1), "Tashkent")],
            None,
            (date(2024, 8, 9), "Astana", "KAZ", "text+reference"),
        ),
        # a text that only names the meeting in passing leaves the calendar's row as it is
        ([meeting(6, event=False)], None, (date(2024, 8, 9), "Astana", "KAZ", "reference")),
    ],
)
def test_the_calendar_keeps_the_meetings_it_knows(mentions, published, expected, gazetteer):
    summits = build_summits(placed_at(6, text_of(*mentions, published_on=published)), gazetteer)
    row = summits[6]
    assert (row.held_on, row.city, row.host_country, row.origin) == expected
    assert row.chair == "Kassym-Jomart Tokayev"  # the calendar's, until decide_chairs settles it
    assert set(summits) == set(gazetteer.summits)  # every meeting of the calendar, reported or not


def test_a_meeting_the_calendar_does_not_know_comes_from_its_texts(gazetteer):
    texts = placed_at(
        9,
        text_of(meeting(9, date(2027, 9, 1), "Dushanbe")),
        text_of(meeting(9, date(2027, 9, 1), "Dushanbe"), source_id=2),
        text_of(meeting(9, date(2027, 9, 2), "Tashkent", event=False), source_id=3),
    )
    row = build_summits(texts, gazetteer)[9]
    assert (row.held_on, row.city, row.host_country, row.chair, row.origin) == (
        date(2027, 9, 1),
        "Dushanbe",
        "TJK",
        None,
        "text",
    )


def test_a_meeting_no_text_dates_is_dated_by_its_first_report(gazetteer):
    texts = placed_at(
        9,
        text_of(meeting(9), published_on=date(2027, 9, 3)),
        text_of(meeting(9), published_on=date(2027, 9, 2), source_id=2),
    )
    assert build_summits(texts, gazetteer)[9].held_on == date(2027, 9, 2)


# ---- participants ----


def _participants(placed, gazetteer):
    summits = build_summits(placed, gazetteer)
    merged, links = merge_participants(placed, summits, gazetteer)
    chairs = decide_chairs(summits, chairs_named(merged), gazetteer)
    return participant_rows(merged, links, chairs)


def test_one_row_per_participant_of_a_meeting_with_every_text_that_reports_it(gazetteer):
    one = text_of(participant("KAZ"), participant("KAZ", n=4), participant("UZB"))
    two = text_of(participant("KAZ", n=5), source_id=2)
    rows, links = _participants(placed_at(6, one, two), gazetteer)
    assert [(r.participant_id, r.country_code, r.person, r.source_count) for r in rows] == [
        (1, "KAZ", "Kassym-Jomart Tokayev", 2),
        (2, "UZB", "Shavkat Mirziyoyev", 1),
    ]  # resolved by office and day
    assert [(link.participant_id, link.source_id, link.quote) for link in links] == [
        (1, 1, SENTENCES[1]),
        (1, 1, SENTENCES[4]),
        (2, 1, SENTENCES[1]),
        (1, 2, SENTENCES[5]),
    ]


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # a text that names the person gives the row over one that names only the office
        (
            [participant("KAZ"), participant("KAZ", people=["tokayev"], n=6)],
            ("head_of_state", "high", SENTENCES[6]),
        ),
        # … but a leader found acting is no better than a title
        (
            [participant("KAZ"), participant("KAZ", people=["tokayev"], rule="act", n=6)],
            ("head_of_state", "medium", SENTENCES[1]),
        ),
        # any text that makes them a guest makes them a guest, whichever row is kept
        (
            [participant("KAZ", people=["tokayev"]), participant("KAZ", guest=True, n=6)],
            ("guest", "high", SENTENCES[1]),
        ),
        # a guest found by the NER model is the least sure
        (
            [participant(None, organization="UNRCCA", guest=True, rule="ner", name="Иван Петров")],
            ("guest", "low", SENTENCES[1]),
        ),
    ],
)
def test_which_report_gives_a_participant_row(reports, expected, gazetteer):
    rows, _ = _participants(placed_at(6, text_of(*reports)), gazetteer)
    assert [(r.role, r.confidence, r.quote) for r in rows] == [expected]


def test_a_former_president_recalled_acting_is_no_participant(gazetteer):
    recalled = participant("KAZ", people=["nazarbayev"], rule="act")  # 2024: no longer in office
    rows, links = _participants(placed_at(6, text_of(recalled)), gazetteer)
    assert rows == [] and links == []


def test_texts_placed_at_no_meeting_keep_their_participants_apart(gazetteer):
    texts = placed_at(
        None,
        text_of(participant("KAZ"), published_on=date(2018, 3, 16)),
        text_of(participant("KAZ"), published_on=date(2024, 8, 10), source_id=2),
    )
    rows, _ = _participants(texts, gazetteer)
    # dated by their publication: a different president in each
    assert [(r.summit_id, r.source_id, r.person, r.is_chair) for r in rows] == [
        (None, 1, "Nursultan Nazarbayev", False),
        (None, 2, "Kassym-Jomart Tokayev", False),
    ]


# ---- the chair ----


def test_one_chair_per_meeting_from_the_calendar_a_text_or_the_host(gazetteer):
    summits = {
        6: SummitRow(6, date(2024, 8, 9), "Astana", "KAZ", "Kassym-Jomart Tokayev", "reference", None),
        8: SummitRow(8, date(2026, 9, 1), "Dushanbe", "TJK", None, "text", None),  # not in the calendar
        9: SummitRow(9, date(2027, 9, 1), "Bishkek", "KGZ", None, "text", None),
    }
    named = {6: "Sadyr Japarov", 9: "Shavkat Mirziyoyev"}  # «под председательством …», rightly or not
    chairs = decide_chairs(summits, named, gazetteer)
    assert chairs == {6: "Kassym-Jomart Tokayev", 8: "Emomali Rahmon", 9: "Shavkat Mirziyoyev"}
    assert [s.chair for s in with_chairs(summits, chairs)] == [
        "Kassym-Jomart Tokayev",
        "Emomali Rahmon",
        "Shavkat Mirziyoyev",
    ]
    assert summits[8].chair is None  # the rows it was given are left as they were


def test_the_chair_a_text_names_is_the_participant_marked_chair(gazetteer):
    text = text_of(
        meeting(9, date(2027, 9, 1), "Bishkek"),
        participant("KGZ"),
        participant("UZB", people=["mirziyoyev"], chair=True, n=6),
    )
    placed = placed_at(9, text)
    summits = build_summits(placed, gazetteer)
    merged, links = merge_participants(placed, summits, gazetteer)
    assert chairs_named(merged) == {9: "Shavkat Mirziyoyev"}
    chairs = decide_chairs(summits, chairs_named(merged), gazetteer)
    rows, _ = participant_rows(merged, links, chairs)
    assert [(r.country_code, r.is_chair) for r in rows] == [("KGZ", False), ("UZB", True)]


# ---- documents ----


def _documents(*sources):
    rows, _ = build_agreements(placed_at(7, *sources))
    return [
        (r.kind, r.adoption, r.title_ru or r.title_kk, (r.period_from, r.period_to), r.source_count)
        for r in rows
    ]


def test_one_document_in_two_languages_by_its_years():
    ru = text_of(document("Дорожная карта сотрудничества на 2026-2028 годы", years=(2026, 2028)))
    kk = text_of(
        document("2026-2028 жылдарға арналған ынтымақтастық жол картасы", years=(2026, 2028), language="kk"),
        source_id=2,
        language="kk",
    )
    assert _documents(ru, kk) == [
        ("roadmap", "signed", "Дорожная карта сотрудничества на 2026-2028 годы", (2026, 2028), 2)
    ]


def test_a_listed_mention_gives_the_adoption_and_signed_comes_before_planned():
    plan = document("Концепция сотрудничества", kind="concept", adoption="planned", rule="sentence")
    text = text_of(plan, document("Дорожная карта по транспорту", n=5))
    listed = text_of(
        document("Концепция сотрудничества", kind="concept", adoption="approved", n=4), source_id=2
    )
    assert _documents(text, listed) == [
        ("roadmap", "signed", "Дорожная карта по транспорту", (None, None), 1),
        ("concept", "approved", "Концепция сотрудничества", (None, None), 2),
    ]


def test_a_shortened_title_takes_its_years_from_a_fuller_report():
    short = text_of(document("Программа водного сотрудничества стран региона"))
    dated = text_of(
        document("Программа водного сотрудничества стран региона", years=(2026, 2030)), source_id=2
    )
    assert _documents(short, dated) == [
        ("roadmap", "signed", "Программа водного сотрудничества стран региона", (2026, 2030), 2)
    ]


# Documents from sentences: a report cut off mid-title, a shortened title, a title in the accusative.


def documents_in(texts, gazetteer, summit_id=7):
    resolved = []
    for n, text in enumerate(texts, start=1):
        doc = make_document(text)
        source = ExtractedSource(doc, extract_facts(doc, gazetteer))
        source.source_id = n
        resolved.append(Placed(source, summit_id))
    rows, _ = build_agreements(resolved)
    return [(r.kind, r.title_ru, r.source_count) for r in rows]


WHOLE = (
    "По итогам встречи подписаны следующие документы:\n\n"
    "- Каталог рисков безопасности региона и меры по их предупреждению на 2026-2028 годы;\n"
)


@pytest.mark.parametrize(
    ("other", "title"),
    [
        # a report that ends in the middle of the title
        (
            "Главы государств приняли:\n\n- Каталог рисков безопасности региона и меры по их предупрежд",
            "Каталог рисков безопасности региона и меры по их предупреждению на 2026-2028 годы",
        ),
        # a report that leaves out the years
        (
            "Главы государств приняли Каталог рисков безопасности региона и меры по их предупреждению.",
            "Каталог рисков безопасности региона и меры по их предупреждению на 2026-2028 годы",
        ),
    ],
)
def test_one_document_however_reports_name_it(other, title, gazetteer):
    assert documents_in([WHOLE, other], gazetteer) == [("other", title, 2)]


def test_the_same_years_and_nearly_the_same_words_are_one_document(gazetteer):
    one = (
        "Главы государств подписали:\n\n- Программу водного сотрудничества стран региона на 2026-2030 годы;\n"
    )
    two = (
        "Главы государств подписали:\n\n"
        "- Программу водного сотрудничества стран Центральной Азии и региона на период 2026–2030 гг.;\n"
    )
    assert [(kind, count) for kind, _, count in documents_in([one, two], gazetteer)] == [("programme", 2)]


def test_a_title_in_the_accusative_under_a_colon_is_put_in_the_nominative(gazetteer):
    text = "Кроме того, главы государств приняли:\n\nКонцепцию транспортной безопасности в регионе;\n"
    assert documents_in([text], gazetteer) == [
        ("concept", "Концепция транспортной безопасности в регионе", 1)
    ]


def test_two_documents_that_share_most_words_stay_two(gazetteer):
    text = (
        "По итогам встречи подписаны следующие документы:\n\n"
        "- Соглашение о сотрудничестве в области энергетики;\n- Соглашение о сотрудничестве в области транспорта;\n"
    )
    assert [t for _, t, _ in documents_in([text], gazetteer)] == [
        "Соглашение о сотрудничестве в области энергетики",
        "Соглашение о сотрудничестве в области транспорта",
    ]


def test_alike_titles_of_other_years_are_other_documents(gazetteer):
    text = (
        "По итогам встречи подписаны следующие документы:\n\n"
        "- План действий по развитию туризма на 2025-2027 годы;\n- План действий по развитию туризма до 2034 года;\n"
    )
    shortened = "Главы государств одобрили План действий по развитию туризма и обсудили экологию."
    assert [(title, count) for _, title, count in documents_in([text, shortened], gazetteer)] == [
        ("План действий по развитию туризма на 2025-2027 годы", 1),
        ("План действий по развитию туризма до 2034 года", 1),
        ("План действий по развитию туризма", 1),
    ]  # without years it may be either: kept apart


# ---- figures ----


def _figures(placed, gazetteer):
    rows, links = build_figures(placed, build_summits(placed, gazetteer))
    return [
        (r.figure_id, r.kind, r.value, r.period_year, r.confidence, r.rule, r.source_count) for r in rows
    ], links


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # the same figure and value from two texts: one row, two sources
        ([[figure()], [figure(n=6)]], [(1, "actual", 11e9, None, "medium", "sentence", 2)]),
        # the same figure with another value: another row (a conflict the Data quality page shows)
        (
            [[figure()], [figure(value=12e9)]],
            [
                (1, "actual", 11e9, None, "medium", "sentence", 1),
                (2, "actual", 12e9, None, "medium", "sentence", 1),
            ],
        ),
        # a metric taken from the sentence before is less sure
        (
            [[figure(kind="target", value=15e9, inherited=True)]],
            [(1, "target", 15e9, None, "low", "anaphora", 1)],
        ),
    ],
)
def test_figures_merge_by_identity_and_value(reports, expected, gazetteer):
    texts = [text_of(*facts, source_id=n) for n, facts in enumerate(reports, start=1)]
    rows, _ = _figures(placed_at(6, *texts), gazetteer)
    assert rows == expected


@pytest.mark.parametrize(
    ("period", "rule", "published", "year"),
    [
        ("в прошлом году", "last_year", date(2024, 8, 10), 2023),
        ("в этом году", "this_year", date(2024, 8, 10), 2024),
        ("за январь-июнь прошлого года", "month_range", date(2024, 8, 10), 2023),
        ("в прошлом году", "last_year", None, 2023),  # no publication date: the meeting's day
    ],
)
def test_a_relative_period_is_read_from_the_day_of_the_text(period, rule, published, year, gazetteer):
    text = text_of(figure(period=period, period_rule=rule), published_on=published)
    rows, _ = _figures(placed_at(6, text), gazetteer)
    assert rows[0][3] == year


# ---- the stages ----


def test_stages_come_in_load_order_and_add_up_to_the_whole(gazetteer):
    texts = [
        text_of(
            meeting(6),
            participant("KAZ"),
            document("Дорожная карта по транспорту"),
            figure(),
            file_name="a.txt",
        )
    ]
    stages = list(assemble_in_stages(texts, [Rejection("z.bin", "binary", "not text")], gazetteer))
    filled = [sorted(name for name, rows in stage.items() if rows) for stage in stages]
    assert filled == [
        ["summits"],
        ["sources"],  # a slice of texts at a time
        ["etl_rejects", "participant_sources", "participants", "summit_mentions"],
        ["agreement_sources", "agreements"],
        ["figure_sources", "figures"],
    ]
    whole = assemble(texts, [Rejection("z.bin", "binary", "not text")], gazetteer)
    assert [len(rows) for _, rows in whole.items()] == [len(gazetteer.summits), 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]
