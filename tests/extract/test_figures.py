import duckdb
import pytest

from etl.build import build_warehouse
from etl.extract.figures import extract_figures, years_counted
from tests.conftest import make_document

# (text, [(scope, counterpart, metric, kind, value, unit, period)])
FIGURES = [
    (
        "Взаимный товарооборот стран Центральной Азии в 2023 году составил $10,2 миллиарда.",
        [("C5", None, "intra_regional_trade", "actual", 10_200_000_000, "USD", "в 2023 году")],
    ),
    (
        "Лидеры поставили задачу довести взаимную торговлю до 20 млрд долларов к 2030 году.",
        [("C5", None, "intra_regional_trade", "target", 20_000_000_000, "USD", "к 2030 году")],
    ),
    (
        "Товарооборот Таджикистана со странами Центральной Азии за прошлый год вырос на 9 процентов.",
        [("TJK", "C5", "trade_turnover", "change", 9, "percent", "за прошлый год")],
    ),
    (
        "Товарооборот Узбекистана со странами региона в январе-июне этого года составил 3 миллиарда $400 миллионов.",
        [("UZB", "C5", "trade_turnover", "actual", 3_400_000_000, "USD", "в январе-июне этого года")],
    ),
    (
        "Объем прямых иностранных инвестиций из стран Центральной Азии в Казахстан показал рост на 11процентов, "
        "достигнув $420 миллионов.",
        [
            ("KAZ", "C5", "fdi_inflow", "change", 11, "percent", None),
            ("KAZ", "C5", "fdi_inflow", "actual", 420_000_000, "USD", None),
        ],
    ),
    (
        "Өңір ішіндегі сауда көлемі 12 миллиард долларға жетті.",
        [("C5", None, "intra_regional_trade", "actual", 12_000_000_000, "USD", None)],
    ),
    (
        "Intra-regional trade reached $10.5 billion in 2024.",
        [("C5", None, "intra_regional_trade", "actual", 10_500_000_000, "USD", "in 2024")],
    ),
    # English shapes: «by more than», a possessive scope, «doubled to», trade between the countries
    (
        "Mutual trade expanded by more than 60% in the last four years and stood at 9.2 billion dollars.",
        [
            ("C5", None, "intra_regional_trade", "change", 60, "percent", "in the last four years"),
            ("C5", None, "intra_regional_trade", "actual", 9_200_000_000, "USD", "in the last four years"),
        ],
    ),
    (
        "Last year Tajikistan’s volume of trade with the region went up by 17% and came to $2.4 billion.",
        [
            ("TJK", "C5", "trade_turnover", "change", 17, "percent", "Last year"),
            ("TJK", "C5", "trade_turnover", "actual", 2_400_000_000, "USD", "Last year"),
        ],
    ),
    (
        "Within ten years intra-regional trade doubled, to about $13 billion.",
        [("C5", None, "intra_regional_trade", "actual", 13_000_000_000, "USD", None)],
    ),
    (
        "Exports grew to $3 billion in 2025.",
        [("C5", None, "exports", "actual", 3_000_000_000, "USD", "in 2025")],
    ),
    (
        "The sides agreed to increase trade turnover to $20 billion by 2030.",
        [("C5", None, "trade_turnover", "target", 20_000_000_000, "USD", "by 2030")],
    ),
    ("Разрешено использование лишь 30% текста.", []),
    ("Проект обойдется в $2 млрд.", []),
]


@pytest.mark.parametrize(("text", "expected"), FIGURES)
def test_extract_figures(text, expected, gazetteer):
    facts = list(extract_figures(make_document(text), gazetteer))
    assert [(f.scope, f.counterpart, f.metric, f.kind, f.value, f.unit, f.period) for f in facts] == expected


def test_target_sentence_takes_metric_of_the_sentence_before(gazetteer):
    text = "Өзара сауда көлемі 10 миллиард долларға жетті. Енді оны 18 миллиард долларға жеткізу міндеті тұр."
    facts = list(extract_figures(make_document(text), gazetteer))
    assert [(f.metric, f.kind, f.value, f.metric_inherited) for f in facts] == [
        ("intra_regional_trade", "actual", 10e9, False),
        ("intra_regional_trade", "target", 18e9, True),
    ]


def test_quote_span_is_the_sentence(gazetteer):
    text = "Первое предложение. Товарооборот Кыргызстана вырос на 5 процентов. Третье."
    doc = make_document(text)
    (fact,) = extract_figures(doc, gazetteer)
    assert doc.quote(fact.start, fact.end) == "Товарооборот Кыргызстана вырос на 5 процентов."


def test_a_goal_for_this_figure_is_a_target_of_the_sentence_before(gazetteer):
    text = (
        "Kyrgyzstan's trade turnover with the region came to $2 billion. "
        "The ministry wants this figure to reach $4 billion within a few years."
    )
    facts = list(extract_figures(make_document(text, "en"), gazetteer))
    assert [(f.scope, f.metric, f.kind, f.value, f.metric_inherited) for f in facts] == [
        ("KGZ", "trade_turnover", "actual", 2e9, False),
        ("KGZ", "trade_turnover", "target", 4e9, True),
    ]


# ---- growth said as a multiple: a change in percent, where a verb of growth says it grew ----

MULTIPLES = [
    ("Mutual trade has doubled since the first summit.", [("C5", None, "intra_regional_trade", 100)]),
    (
        "Казахстанско-кыргызский товарооборот вдвое вырос за шесть лет.",
        [("KAZ", "KGZ", "trade_turnover", 100)],
    ),
    ("Взаимная торговля между нашими странами удвоилась.", [("C5", None, "intra_regional_trade", 100)]),
    ("Экспорт Таджикистана в страны региона увеличился в 2,5 раза.", [("TJK", "C5", "exports", 150)]),
    ("Өзара сауда көлемі соңғы бес жылда үш есе өсті.", [("C5", None, "intra_regional_trade", 200)]),
    ("Kyrgyzstan's exports to the region tripled over three years.", [("KGZ", "C5", "exports", 200)]),
    (
        "Investment from Central Asian neighbours into Turkmenistan grew threefold.",
        [("TKM", "C5", "investment", 200)],
    ),
    # a fall, a comparison, a goal: no change
    ("Товарооборот Узбекистана с Таджикистаном сократился в два раза.", []),
    ("Экспорт Казахстана в два раза больше импорта.", []),
    ("Лидеры намерены удвоить взаимный товарооборот.", []),
    # the amount it grew to is the figure
    ("Взаимный товарооборот вырос вдвое — до 8 млрд долларов.", [("C5", None, "intra_regional_trade", None)]),
    ("Intra-regional trade has tripled to almost $9 billion.", [("C5", None, "intra_regional_trade", None)]),
]


@pytest.mark.parametrize(("text", "expected"), MULTIPLES)
def test_a_multiple_is_a_change_in_percent(text, expected, gazetteer):
    facts = list(extract_figures(make_document(text), gazetteer))
    assert [
        (f.scope, f.counterpart, f.metric, f.value if f.unit == "percent" else None) for f in facts
    ] == expected
    assert all(f.kind == "change" for f in facts if f.unit == "percent")


# ---- whose figure it is, and Kazakh metrics ----

SCOPES = [
    # Kazakh metric phrases
    ("Былтыр өңірлік сауда 9 миллиард доллардан асты.", ("C5", None, "intra_regional_trade", "actual")),
    ("Аймақтық сауда көлемі 7 пайызға өсті.", ("C5", None, "intra_regional_trade", "change")),
    ("Өзара тауар айналымы 6 миллиард долларға жетті.", ("C5", None, "intra_regional_trade", "actual")),
    # the Kazakh genitive before the metric names its owner, a country between them the other side
    (
        "Қазақстанның сыртқы сауда айналымы 5 миллиард долларға жетті.",
        ("KAZ", None, "trade_turnover", "actual"),
    ),
    (
        "Қазақстанның Өзбекстанмен сауда айналымы 20 пайызға артты.",
        ("KAZ", "UZB", "trade_turnover", "change"),
    ),
    # a country's adjective before the metric, or before who trades for it
    ("Uzbek exports to the region rose by 12 per cent.", ("UZB", "C5", "exports", "change")),
    ("Kazakh-Uzbek trade turnover reached $4 billion.", ("KAZ", "UZB", "trade_turnover", "actual")),
    ("Казахстанские компании подписали экспортные контракты на $40 млн.", ("KAZ", None, "exports", "actual")),
    ("Foreign companies signed export contracts worth $40 million.", ("C5", None, "exports", "actual")),
    # «their» gives the metric to the subject of the sentence
    (
        "Tajikistan and its neighbours in Central Asia intend to lift their trade turnover to $3 billion.",
        ("TJK", "C5", "trade_turnover", "target"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SCOPES)
def test_whose_figure(text, expected, gazetteer):
    (fact,) = extract_figures(make_document(text), gazetteer)
    assert (fact.scope, fact.counterpart, fact.metric, fact.kind) == expected


def test_the_previous_figure_is_carried_by_a_demonstrative(gazetteer):
    text = (
        "Объем внутрирегиональной торговли за прошлый год составил 9 млрд долларов. "
        "Стороны рассчитывают со временем довести данный показатель до 14 млрд долларов."
    )
    facts = list(extract_figures(make_document(text), gazetteer))
    assert [(f.metric, f.kind, f.value, f.metric_inherited) for f in facts] == [
        ("intra_regional_trade", "actual", 9e9, False),
        ("intra_regional_trade", "target", 14e9, True),
    ]


# ---- periods: a target's deadline, a span of years ----

PERIODS = [
    (
        "Президенты договорились довести взаимную торговлю до 25 млрд долларов к 2032 году.",
        "к 2032 году",
        "deadline",
        2032,
    ),
    (
        "Товарооборот планируется увеличить до 5 млрд долларов до конца 2027 года.",
        "до конца 2027 года",
        "deadline",
        2027,
    ),
    (
        "Өзара сауда көлемін 2030 жылға дейін 20 миллиард долларға жеткізу міндеті қойылды.",
        "2030 жылға дейін",
        "deadline",
        2030,
    ),
    (
        "They want mutual trade to reach $12 billion by the end of 2028.",
        "by the end of 2028",
        "deadline",
        2028,
    ),
    ("Mutual trade came to $9 billion in 2023.", "in 2023", "explicit", 2023),
    (
        "Взаимный товарооборот за последние четыре года вырос на 30 процентов.",
        "за последние четыре года",
        "range",
        None,
    ),
    ("Mutual trade grew by 40% over five years.", "over five years", "range", None),
    ("Өзара сауда бес жыл ішінде 30 пайызға өсті.", "бес жыл ішінде", "range", None),
    # «рынок 2030 года»: «к» ends a word, no deadline
    ("Взаимная торговля составила $9 млрд, прогноз на рынок 2030 года не дан.", None, None, None),
]


@pytest.mark.parametrize(("text", "period", "rule", "year"), PERIODS)
def test_period_and_how_its_year_is_found(text, period, rule, year, gazetteer):
    (fact,) = extract_figures(make_document(text), gazetteer)
    assert (fact.period, fact.period_rule, fact.period_year) == (period, rule, year)


@pytest.mark.parametrize(
    ("period", "years"),
    [
        ("за последние пять лет", 5),
        ("за 3 года", 3),
        ("в течение последних десяти лет", 10),
        ("соңғы екі жылда", 2),
        ("over the past four years", 4),
        ("over the past few years", None),
        ("соңғы жылдары", None),
    ],
)
def test_years_counted(period, years):
    assert years_counted(period) == years


# ---- through assembly and the warehouse: deadline_year, and a span of years (period_from, period_to) read from
# the text's day ----

MEETING = (
    "Шестая Консультативная встреча глав государств Центральной Азии прошла в Астане 9 августа 2024 года."
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Президенты договорились довести взаимную торговлю до 25 млрд долларов к 2032 году.",
            ("target", "к 2032 году", 2032, 2032, None, None),
        ),
        (
            "Взаимная торговля в 2023 году составила 10 млрд долларов.",
            ("actual", "в 2023 году", 2023, None, None, None),
        ),
        (
            "За последние четыре года товарооборот Туркменистана со странами региона вырос на 30 процентов.",
            ("change", "За последние четыре года", None, None, 2020, 2024),
        ),
        # a target's span lies ahead of the text: no years counted back, no deadline
        (
            "Стороны намерены за пять лет довести взаимную торговлю до 20 млрд долларов.",
            ("target", "за пять лет", None, None, None, None),
        ),
    ],
)
def test_a_figure_in_the_warehouse(sentence, expected, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "report.txt").write_text(f"{MEETING} {sentence}", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    build_warehouse(sources, db)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT summit_id, kind, period, period_year, deadline_year, period_from, period_to FROM figures"
        ).fetchall()
    assert rows == [(6, *expected)]
