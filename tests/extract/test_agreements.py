import pytest

from etl.extract.agreements import extract_agreements, parse_period
from tests.conftest import make_document


def agreements(text, gazetteer, language=None):
    return [(a.kind, a.adoption, a.title, a.period_from, a.period_to)
            for a in extract_agreements(make_document(text, language), gazetteer)]


def test_list_under_signed_header(gazetteer):
    text = (
        "По итогам встречи президентами подписаны следующие документы:\n\n"
        "1. Совместное заявление глав государств по итогам VII Консультативной встречи;\n"
        "2. Декларация о стратегическом партнёрстве «Центральная Азия – 2035»;\n"
        "3. Программа сотрудничества в сфере туризма на 2026-2028 годы.\n"
    )
    assert agreements(text, gazetteer) == [
        ("joint_statement", "signed", "Совместное заявление глав государств по итогам VII Консультативной встречи", None, None),
        ("declaration", "signed", "Декларация о стратегическом партнёрстве «Центральная Азия – 2035»", None, 2035),
        ("programme", "signed", "Программа сотрудничества в сфере туризма на 2026-2028 годы", 2026, 2028),
    ]


def test_header_split_by_a_page_header(gazetteer):
    text = (
        "**Совместным заявлением глав государств были одобрены**\n\n"
        "Саммит лидеров Центральной Азии  \nв Душанбе\n\n"
        "**следующие документы:**\n\n"
        "1. План мероприятий по развитию туризма на 2024-2026 годы;\n"
    )
    assert agreements(text, gazetteer) == [
        ("action_plan", "approved", "План мероприятий по развитию туризма на 2024-2026 годы", 2024, 2026),
    ]


def test_delegations_header(gazetteer):
    text = ("В рамках саммита министрами иностранных дел подписаны следующие документы:\n\n"
            "1. Меморандум о сотрудничестве в области цифровизации;\n")
    assert agreements(text, gazetteer) == [
        ("memorandum", "signed_by_delegations", "Меморандум о сотрудничестве в области цифровизации", None, None),
    ]


def test_participation_list_is_not_a_document_list(gazetteer):
    text = "В работе саммита приняли участие:\n\n- Казахстан – Президент Касым-Жомарт Токаев\n"
    assert agreements(text, gazetteer) == []


RUNNING = [
    ("Главы государств поручили министерствам иностранных дел подготовить к подписанию на следующей встрече "
     "Соглашение о сотрудничестве в сфере энергетики.",
     [("agreement", "planned", "Соглашение о сотрудничестве в сфере энергетики", None, None)]),
    ("Главы государств поручили завершить работу по согласованию проекта «Дорожной карты» по развитию "
     "торговли на 2027–2029 годы (по итогам встреч).",
     [("roadmap", "planned", "Дорожная карта по развитию торговли на 2027–2029 годы", 2027, 2029)]),
    ("Президенты подписали Концепцию экологической безопасности и Договор о сотрудничестве в области образования.",
     [("concept", "signed", "Концепция экологической безопасности", None, None),
      ("treaty", "signed", "Договор о сотрудничестве в области образования", None, None)]),
    ("Президенты приняли решение о проведении Года туризма и одобрили Положение о нём.",
     [("decision", "signed", "Решение о проведении Года туризма", None, None),
      ("other", "approved", "Положение о нём (Решение о проведении Года туризма)", None, None)]),
    ("Стороны отметили 15-летие со дня подписания Договора о зоне, свободной от ядерного оружия.", []),
    ("Стороны поддержали реализацию стратегий и программ, принятых ООН.", []),
]


@pytest.mark.parametrize(("text", "expected"), RUNNING)
def test_running_sentences(text, expected, gazetteer):
    assert agreements(text, gazetteer) == expected


def test_kazakh_documents_after_a_signing_sentence(gazetteer):
    text = ("Кездесу қорытындысы бойынша бірқатар құжаттарға қол қойылды. Олардың қатарында Су ресурстарын "
            "басқару тұжырымдамасы мен 2026-2028 жылдарға арналған Іс-қимыл жоспары бар.")
    assert agreements(text, gazetteer, "kk") == [
        ("concept", "signed", "Су ресурстарын басқару тұжырымдамасы", None, None),
        ("action_plan", "signed", "2026-2028 жылдарға арналған Іс-қимыл жоспары", 2026, 2028),
    ]


@pytest.mark.parametrize(("title", "period"), [
    ("Дорожная карта на 2025-2027 годы", (2025, 2027)),
    ("Концепция «Центральная Азия – 2040»", (None, 2040)),
    ("Программа до 2030 года", (None, 2030)),
    ("План на 2026 год", (2026, 2026)),
    ("2030 жылға дейінгі Стратегия", (None, 2030)),
    ("Договор о дружбе в XXI веке", (None, None)),
])
def test_parse_period(title, period):
    assert parse_period(title) == period
