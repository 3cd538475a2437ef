import pytest

from etl.extract.agreements import extract_agreements, parse_period
from tests.conftest import make_document


def agreements(text, gazetteer, language=None):
    return [
        (a.kind, a.adoption, a.title, a.period_from, a.period_to)
        for a in extract_agreements(make_document(text, language), gazetteer)
    ]


def test_list_under_signed_header(gazetteer):
    text = (
        "По итогам встречи президентами подписаны следующие документы:\n\n"
        "1. Совместное заявление глав государств по итогам VII Консультативной встречи;\n"
        "2. Декларация о стратегическом партнёрстве «Центральная Азия – 2035»;\n"
        "3. Программа сотрудничества в сфере туризма на 2026-2028 годы.\n"
    )
    assert agreements(text, gazetteer) == [
        (
            "joint_statement",
            "signed",
            "Совместное заявление глав государств по итогам VII Консультативной встречи",
            None,
            None,
        ),
        (
            "declaration",
            "signed",
            "Декларация о стратегическом партнёрстве «Центральная Азия – 2035»",
            None,
            2035,
        ),
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
    text = (
        "В рамках саммита министрами иностранных дел подписаны следующие документы:\n\n"
        "1. Меморандум о сотрудничестве в области цифровизации;\n"
    )
    assert agreements(text, gazetteer) == [
        (
            "memorandum",
            "signed_by_delegations",
            "Меморандум о сотрудничестве в области цифровизации",
            None,
            None,
        ),
    ]


def test_participation_list_is_not_a_document_list(gazetteer):
    text = "В работе саммита приняли участие:\n\n- Казахстан – Президент Касым-Жомарт Токаев\n"
    assert agreements(text, gazetteer) == []


RUNNING = [
    (
        "Главы государств поручили министерствам иностранных дел подготовить к подписанию на следующей встрече "
        "Соглашение о сотрудничестве в сфере энергетики.",
        [("agreement", "planned", "Соглашение о сотрудничестве в сфере энергетики", None, None)],
    ),
    (
        "Главы государств поручили завершить работу по согласованию проекта «Дорожной карты» по развитию "
        "торговли на 2027–2029 годы (по итогам встреч).",
        [("roadmap", "planned", "Дорожная карта по развитию торговли на 2027–2029 годы", 2027, 2029)],
    ),
    (
        "Президенты подписали Концепцию экологической безопасности и Договор о сотрудничестве в области образования.",
        [
            ("concept", "signed", "Концепция экологической безопасности", None, None),
            ("treaty", "signed", "Договор о сотрудничестве в области образования", None, None),
        ],
    ),
    (
        "Президенты приняли решение о проведении Года туризма и одобрили Положение о нём.",
        [
            ("decision", "signed", "Решение о проведении Года туризма", None, None),
            ("other", "approved", "Положение о нём (Решение о проведении Года туризма)", None, None),
        ],
    ),
    ("Стороны отметили 15-летие со дня подписания Договора о зоне, свободной от ядерного оружия.", []),
    ("Стороны поддержали реализацию стратегий и программ, принятых ООН.", []),
]


@pytest.mark.parametrize(("text", "expected"), RUNNING)
def test_running_sentences(text, expected, gazetteer):
    assert agreements(text, gazetteer) == expected


def test_kazakh_documents_after_a_signing_sentence(gazetteer):
    text = (
        "Кездесу қорытындысы бойынша бірқатар құжаттарға қол қойылды. Олардың қатарында Су ресурстарын "
        "басқару тұжырымдамасы мен 2026-2028 жылдарға арналған Іс-қимыл жоспары бар."
    )
    assert agreements(text, gazetteer, "kk") == [
        ("concept", "signed", "Су ресурстарын басқару тұжырымдамасы", None, None),
        ("action_plan", "signed", "2026-2028 жылдарға арналған Іс-қимыл жоспары", 2026, 2028),
    ]


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Дорожная карта на 2025-2027 годы", (2025, 2027)),
        ("Концепция «Центральная Азия – 2040»", (None, 2040)),
        ("Программа до 2030 года", (None, 2030)),
        ("План на 2026 год", (2026, 2026)),
        ("2030 жылға дейінгі Стратегия", (None, 2030)),
        ("Договор о дружбе в XXI веке", (None, None)),
        ("Программа сотрудничества на 2029-2027 годы", (None, None)),  # reversed: a slip, no period kept
    ],
)
def test_parse_period(title, period):
    assert parse_period(title) == period


# ---- shapes of real reports (sentences written here, in the shapes found) ----


def titles(text, gazetteer, language=None):
    return [
        (a.kind, a.adoption, a.title) for a in extract_agreements(make_document(text, language), gazetteer)
    ]


def test_lines_under_a_colon_without_list_markers(gazetteer):
    text = (
        "По итогам встречи президенты подписали ряд документов, в том числе:\n\n"
        "совместное коммюнике о водном сотрудничестве;\n\n"
        "перечень приоритетных проектов в энергетике на 2027-2029 годы;\n\n"
        "Встреча завершилась совместным фотографированием.\n"
    )
    assert titles(text, gazetteer) == [
        ("communique", "signed", "Совместное коммюнике о водном сотрудничестве"),
        ("other", "signed", "Перечень приоритетных проектов в энергетике на 2027-2029 годы"),
    ]


def test_documents_named_by_their_number(gazetteer):
    text = (
        "По итогам встречи в Бишкеке приняты три документа, сообщил министр иностранных дел. "
        "Первый документ — меморандум о сотрудничестве в сфере цифровизации. "
        "Второй документ — программа развития туризма."
    )
    assert titles(text, gazetteer) == [
        ("memorandum", "signed", "Меморандум о сотрудничестве в сфере цифровизации"),
        ("programme", "signed", "Программа развития туризма"),
    ]


def test_a_decision_to_approve_several_documents_is_those_documents(gazetteer):
    text = (
        "Главы государств приняли решение одобрить Стратегию водной безопасности, "
        "Региональную программу «Чистый воздух» и план действий по охране ледников на 2027-2030 годы."
    )
    assert titles(text, gazetteer) == [
        ("other", "approved", "Стратегия водной безопасности"),
        ("programme", "approved", "Региональная программа «Чистый воздух»"),
        ("action_plan", "approved", "План действий по охране ледников на 2027-2030 годы"),
    ]


def test_english_title_before_a_passive_verb(gazetteer):
    text = "The Memorandum on cooperation in civil aviation was also signed."
    assert titles(text, gazetteer, "en") == [
        ("memorandum", "signed", "Memorandum on cooperation in civil aviation")
    ]


def test_english_list_with_a_document_of_its_own_adoption(gazetteer):
    text = (
        "The following documents were signed:\n"
        "The Resolution of the heads of state on the water council;\n"
        "- Approved Concept of digital cooperation for 2027-2030.\n"
    )
    assert titles(text, gazetteer, "en") == [
        ("decision", "signed", "Resolution of the heads of state on the water council"),
        ("concept", "approved", "Concept of digital cooperation for 2027-2030"),
    ]


def test_a_headline_that_names_the_bodys_document_is_one_document(gazetteer):
    text = (
        "Подписано соглашение между пятью странами.\n"
        "Сегодня президенты подписали соглашение о транзите грузов через Центральную Азию."
    )
    assert titles(text, gazetteer) == [
        ("agreement", "signed", "Соглашение о транзите грузов через Центральную Азию"),
    ]


def test_a_minister_who_reports_does_not_make_it_a_delegations_signing(gazetteer):
    text = "По итогам встречи подписаны два документа, сообщил министр иностранных дел. Первый документ — декларация о мире."
    assert titles(text, gazetteer) == [("declaration", "signed", "Декларация о мире")]


def test_a_statement_on_the_results_is_the_joint_statement(gazetteer):
    text = (
        "Президенттер құжаттарға қол қойды. Олардың қатарында саммиттің қорытындысы бойынша мәлімдемесі бар."
    )
    assert ("joint_statement", "signed") in {
        (kind, adoption) for kind, adoption, _ in titles(text, gazetteer, "kk")
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I am convinced that it is high time for the adoption of a Treaty on Water Sharing.", "en"),
        ("Президент предложил подписать Соглашение о транзите грузов.", "ru"),
        ("Кеңес аясында бірқатар шешімдер қабылданды.", "kk"),  # «a number of decisions»: none named
    ],
)
def test_proposals_and_unnamed_documents_are_not_documents(text, language, gazetteer):
    assert titles(text, gazetteer, language) == []


def test_a_title_after_an_opening_phrase_before_a_passive_verb(gazetteer):
    text = "After the talks, a Joint Statement of the Heads of State was adopted."
    assert titles(text, gazetteer, "en") == [
        ("joint_statement", "signed", "Joint Statement of the Heads of State")
    ]


def test_one_list_line_with_documents_apart_by_semicolons(gazetteer):
    text = (
        "The Presidents signed the following documents:\n\n"
        "Joint Statement of the Heads of State; The Concept of water cooperation; Decision on the Council of Elders.\n"
    )
    assert titles(text, gazetteer, "en") == [
        ("joint_statement", "signed", "Joint Statement of the Heads of State"),
        ("concept", "signed", "Concept of water cooperation"),
        ("decision", "signed", "Decision on the Council of Elders"),
    ]


@pytest.mark.parametrize(
    ("text", "language", "title"),
    [
        (
            "Президенты одобрили Концепцию развития транспорта и обсудили вопросы воды.",
            "ru",
            "Концепция развития транспорта",
        ),
        (
            "Главы государств подписали Соглашение о сотрудничестве в области энергетики и торговли.",
            "ru",
            "Соглашение о сотрудничестве в области энергетики и торговли",
        ),  # «и торговли» is no verb
        (
            "The leaders signed the Agreement on transit and discussed water issues.",
            "en",
            "Agreement on transit",
        ),
    ],
)
def test_a_title_ends_where_a_clause_with_its_own_verb_starts(text, language, title, gazetteer):
    assert [t for _, _, t in titles(text, gazetteer, language)] == [title]
