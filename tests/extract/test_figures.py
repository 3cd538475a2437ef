import pytest

from etl.extract.figures import extract_figures
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
        "Over the past four years, mutual trade has grown by more than 60%, reaching 9.2 billion dollars.",
        [
            ("C5", None, "intra_regional_trade", "change", 60, "percent", "Over the past four years"),
            ("C5", None, "intra_regional_trade", "actual", 9_200_000_000, "USD", "Over the past four years"),
        ],
    ),
    (
        "Uzbekistan’s trade turnover with the Central Asian partners rose by 35%, totaling $5.1 billion.",
        [
            ("UZB", "C5", "trade_turnover", "change", 35, "percent", None),
            ("UZB", "C5", "trade_turnover", "actual", 5_100_000_000, "USD", None),
        ],
    ),
    (
        "Trade between the countries of Central Asia has doubled to more than $12 billion.",
        [("C5", None, "intra_regional_trade", "actual", 12_000_000_000, "USD", None)],
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


def test_this_figure_may_hit_a_mark_is_a_target_of_the_sentence_before(gazetteer):
    text = (
        "Kyrgyzstan's trade turnover with the region reached $2 billion. "
        "Officials believe this figure may hit the mark of $4 billion in the foreseeable future."
    )
    facts = list(extract_figures(make_document(text, "en"), gazetteer))
    assert [(f.scope, f.metric, f.kind, f.value, f.metric_inherited) for f in facts] == [
        ("KGZ", "trade_turnover", "actual", 2e9, False),
        ("KGZ", "trade_turnover", "target", 4e9, True),
    ]
