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
        "В завершение саммита лидерами подписаны такие документы:\n\n"
        "1. Совместное заявление президентов по итогам девятого саммита в Ашхабаде;\n"
        "2. Декларация о стратегическом партнёрстве «Центральная Азия – 2035»;\n"
        "3. Программа сотрудничества в сфере туризма на 2026-2028 годы.\n"
    )
    assert agreements(text, gazetteer) == [
        (
            "joint_statement",
            "signed",
            "Совместное заявление президентов по итогам девятого саммита в Ашхабаде",
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
        "**Общей декларацией лидеров были одобрены**\n\n"
        "Встреча президентов пяти стран  \nв Туркестане\n\n"
        "**такие документы:**\n\n"
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
            ("other", "approved", "Положение о Годе туризма", None, None),
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
        "Хивадағы кездесуде бірқатар құжаттарға қол қойылды. Олардың қатарында Су ресурстарын "
        "басқару тұжырымдамасы мен 2026-2028 жылдарда туризмді дамыту Іс-қимыл жоспары бар."
    )
    assert agreements(text, gazetteer, "kk") == [
        ("concept", "signed", "Су ресурстарын басқару тұжырымдамасы", None, None),
        ("action_plan", "signed", "2026-2028 жылдарда туризмді дамыту Іс-қимыл жоспары", 2026, 2028),
    ]


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Дорожная карта на 2025-2027 годы", (2025, 2027)),
        ("Концепция «Шёлковый путь – 2045»", (None, 2045)),
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
        "В Туркестане лидеры подписали несколько документов, среди них:\n\n"
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
        "На встрече в Хиве приняты два документа, рассказал вице-премьер. "
        "Первый документ — меморандум о сотрудничестве в сфере цифровизации. "
        "Второй документ — программа развития туризма."
    )
    assert titles(text, gazetteer) == [
        ("memorandum", "signed", "Меморандум о сотрудничестве в сфере цифровизации"),
        ("programme", "signed", "Программа развития туризма"),
    ]


def test_a_decision_to_approve_several_documents_is_those_documents(gazetteer):
    text = (
        "Лидеры пяти стран приняли решение одобрить Стратегию водной безопасности, "
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
        "At the close of the talks these documents were signed:\n"
        "The Resolution of the foreign ministers on the water council;\n"
        "- Approved Concept of digital cooperation for 2027-2030.\n"
    )
    assert titles(text, gazetteer, "en") == [
        ("decision", "signed", "Resolution of the foreign ministers on the water council"),
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
    text = "В Хиве подписаны два документа, заявил глава МИД. Первый документ — декларация о мире."
    assert titles(text, gazetteer) == [("declaration", "signed", "Декларация о мире")]


def test_a_statement_on_the_results_is_the_joint_statement(gazetteer):
    text = (
        "Көшбасшылар үш құжатқа қол қойды, атап айтқанда Хива саммитінің қорытындысы бойынша мәлімдемесіне."
    )
    assert ("joint_statement", "signed") in {
        (kind, adoption) for kind, adoption, _ in titles(text, gazetteer, "kk")
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We believe the region should at last adopt a Treaty on Water Sharing.", "en"),
        ("Президент предложил подписать Соглашение о транзите грузов.", "ru"),
        ("Отырыста бірқатар маңызды шешімдер қабылданды.", "kk"),  # «a number of decisions»: none named
    ],
)
def test_proposals_and_unnamed_documents_are_not_documents(text, language, gazetteer):
    assert titles(text, gazetteer, language) == []


def test_a_title_after_an_opening_phrase_before_a_passive_verb(gazetteer):
    text = "Late on Friday, a Joint Statement of the Five Presidents was adopted."
    assert titles(text, gazetteer, "en") == [
        ("joint_statement", "signed", "Joint Statement of the Five Presidents")
    ]


def test_one_list_line_with_documents_apart_by_semicolons(gazetteer):
    text = (
        "In Khiva the leaders signed these documents:\n\n"
        "Joint Statement of the Khiva Summit; The Concept of water cooperation; Decision on the Youth Forum.\n"
    )
    assert titles(text, gazetteer, "en") == [
        ("joint_statement", "signed", "Joint Statement of the Khiva Summit"),
        ("concept", "signed", "Concept of water cooperation"),
        ("decision", "signed", "Decision on the Youth Forum"),
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


# ---- several numbered documents in one sentence ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "В Хиве стороны приняли два документа. "
            "Первый документ — декларация о водном партнёрстве, второй документ — программа по туризму.",
            [
                ("declaration", "signed", "Декларация о водном партнёрстве"),
                ("programme", "signed", "Программа по туризму"),
            ],
        ),
        (
            "В Хиве стороны приняли три документа. "
            "Первый документ — декларация о водном партнёрстве; Второй документ — программа по туризму, "
            "а третий — меморандум о цифровых услугах.",
            [
                ("declaration", "signed", "Декларация о водном партнёрстве"),
                ("programme", "signed", "Программа по туризму"),
                ("memorandum", "signed", "Меморандум о цифровых услугах"),
            ],
        ),
        (
            "The leaders adopted two documents in Khiva. The first document is a charter of the youth forum, "
            "and the second document is a memorandum on rail freight.",
            [
                ("other", "signed", "Charter of the youth forum"),
                ("memorandum", "signed", "Memorandum on rail freight"),
            ],
        ),
    ],
)
def test_several_numbered_documents_in_one_sentence(text, expected, gazetteer):
    language = "en" if text.isascii() else None
    assert titles(text, gazetteer, language) == expected


# ---- titles that point back with a pronoun ----


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Лидеры учредили Совет министров экологии и утвердили Положение о нём.",
            "ru",
            ["Положение о Совете министров экологии"],
        ),
        (  # the antecedent in another case («о создании Ассоциации …»), feminine: «о ней»
            "Президенты договорились о создании Ассоциации горных регионов и одобрили Положение о ней.",
            "ru",
            ["Положение об Ассоциации горных регионов"],
        ),
        (  # capitalised adjectives go with their noun; a name after it that does not agree is passed by
            "Главы государств учредили Молодёжный совет и Школу дипломатии и одобрили Положение о нём.",
            "ru",
            ["Положение о Молодёжном совете"],
        ),
        (  # plural: «о них»
            "Стороны учредили Дни культуры соседей и утвердили Положение о них.",
            "ru",
            ["Положение о Днях культуры соседей"],
        ),
        (  # a possessive before the title: «его Устав» → «Устав Фонда …»
            "Пять стран создали Фонд развития туризма, а также подписали его Устав.",
            "ru",
            ["Устав Фонда развития туризма"],
        ),
        (  # what it stands for is in the sentence before
            "В Хиве создан Совет старейшин. Президенты утвердили Положение о нём.",
            "ru",
            ["Положение о Совете старейшин"],
        ),
        ("Президенты утвердили Положение о нём.", "ru", []),  # nothing to resolve: no title left
        (
            "The presidents set up the Board of River Basin Ministers and approved the Regulations on it.",
            "en",
            ["Regulations on the Board of River Basin Ministers"],
        ),
        (
            "The five states founded the Green Investment Fund and signed its Charter.",
            "en",
            ["Charter of the Green Investment Fund"],
        ),
        ("The presidents approved the Regulations on it.", "en", []),
        ("Президенттер Жастар кеңесін құрып, оның ережесін бекітті.", "kk", []),  # not resolved: dropped
    ],
)
def test_a_pronoun_in_a_title_is_resolved_or_the_title_dropped(text, language, expected, gazetteer):
    assert [t for _, _, t in titles(text, gazetteer, language)] == expected


# ---- a kind word alone is no title ----


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The two ministers signed a memorandum.", "en", []),
        ("The sides also signed a memorandum of understanding.", "en", []),
        ("Министры подписали меморандум.", "ru", []),
        ("Министры подписали меморандум о взаимопонимании.", "ru", []),
        ("Министрлер келісімге қол қойды.", "kk", []),
        (  # a meeting has one joint statement: its kind names it
            "Президенты подписали совместное заявление.",
            "ru",
            [("joint_statement", "signed", "Совместное заявление")],
        ),
        (
            "The sides signed a memorandum on rail freight.",
            "en",
            [("memorandum", "signed", "Memorandum on rail freight")],
        ),
    ],
)
def test_a_kind_word_alone_is_not_a_title(text, language, expected, gazetteer):
    assert titles(text, gazetteer, language) == expected


# ---- Kazakh: the title starts at the document's own words ----


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Мемлекет басшылары көлік дәліздері туралы келісімге қол қойды.",
            "Көлік дәліздері туралы келісімге",
        ),
        (
            "Бес елдің президенттері Хивада су ресурстарын басқару бағдарламасын бекітті.",
            "Хивада су ресурстарын басқару бағдарламасын",
        ),  # a place after the subject is not told from the title: the rule stops at the subject
        (  # a passive verb has no subject: the words before the kind word are the title's
            "Мемлекеттер басшылары кеңесі туралы ережеге қол қойылды.",
            "Мемлекеттер басшылары кеңесі туралы ережеге",
        ),
        (  # the instrument «… арқылы» and a joiner are not part of the next title
            "Бірлескен мәлімдеме арқылы туризмді дамыту жоспары және көлік тұжырымдамасы мақұлданды.",
            "Туризмді дамыту жоспары",
        ),
    ],
)
def test_a_kazakh_title_starts_at_its_own_words(text, title, gazetteer):
    assert [t for _, _, t in titles(text, gazetteer, "kk")][:1] == [title]


# ---- English: a name before the kind word, a clause after it ----


def test_an_english_compound_name_after_and_the_is_its_own_document(gazetteer):
    text = (
        "The leaders signed a joint statement on the summit and the Silk Road – 2045 transport strategy, "
        "setting out the goals for rail and road links."
    )
    assert [
        (a.kind, a.title, a.period_to) for a in extract_agreements(make_document(text, "en"), gazetteer)
    ] == [
        ("joint_statement", "Joint statement on the summit", None),
        ("other", "Silk Road – 2045 transport strategy", 2045),
    ]
