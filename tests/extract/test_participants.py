import pytest

from etl.extract.participants import extract_participants
from tests.conftest import make_document


def participants(text, gazetteer, language=None):
    return [
        (p.country_code, p.organization, p.person_ids, p.is_guest, p.is_chair)
        for p in extract_participants(make_document(text, language), gazetteer)
    ]


def test_list_after_colon(gazetteer):
    text = (
        "Во встрече приняли участие:\n\n- Кыргызстан – Президент Садыр Жапаров\n"
        "- Туркменистан – Президент Сердар Бердымухамедов\n"
    )
    assert participants(text, gazetteer) == [
        ("KGZ", None, ("japarov",), False, False),
        ("TKM", None, ("s_berdimuhamedov",), False, False),
    ]


def test_titles_without_names(gazetteer):
    text = "На встрече присутствовали Президент Республики Таджикистан и Президент Туркменистана."
    assert participants(text, gazetteer) == [("TJK", None, (), False, False), ("TKM", None, (), False, False)]


def test_guests_and_organisation(gazetteer):
    text = (
        "В качестве почетных гостей приняли участие Президент Азербайджана Ильхам Алиев и глава "
        "Регионального центра ООН по превентивной дипломатии Каха Имнадзе."
    )
    assert participants(text, gazetteer) == [
        ("AZE", None, ("aliyev",), True, False),
        (None, "UNRCCA", ("imnadze",), True, False),
    ]


def test_chair_russian_and_kazakh(gazetteer):
    ru = "Встреча прошла под председательством Президента Узбекистана Шавката Мирзиёева."
    kk = "Бүгін Ташкентте Шавкат Мирзиёевтің төрағалығымен саммит өтті."
    assert participants(ru, gazetteer) == [("UZB", None, ("mirziyoyev",), False, True)]
    assert participants(kk, gazetteer, "kk") == [("UZB", None, ("mirziyoyev",), False, True)]


def test_declined_full_name_is_one_person(gazetteer):
    text = "В саммите принял участие Мирзиёев Шавкат Миромонович."
    assert participants(text, gazetteer) == [("UZB", None, ("mirziyoyev",), False, False)]


@pytest.mark.parametrize(
    "text",
    [
        "Президенту Узбекистана вручили Почетный знак.",  # named, but not said to take part
        "Президент Кыргызстана посетил Узбекистан с рабочим визитом.",
    ],
)
def test_no_participation_cue_no_participant(text, gazetteer):
    assert participants(text, gazetteer) == []


def test_place_is_not_a_participant(gazetteer):
    text = "Президент Таджикистана в рамках визита в Казахстан принял участие в саммите."
    assert participants(text, gazetteer) == [("TJK", None, (), False, False)]


def test_ambiguous_surname_is_kept_ambiguous_without_given_name(gazetteer):
    text = "В саммите принял участие Президент Туркменистана Бердымухамедов."
    (mention,) = participants(text, gazetteer)
    assert set(mention[2]) == {"g_berdimuhamedov", "s_berdimuhamedov"}


@pytest.mark.parametrize(
    ("text", "language", "country"),
    [
        ("Кездесуге Қырғыз Республикасының Президенті қатысты.", "kk", "KGZ"),
        ("The summit was attended by the President of the Kyrgyz Republic.", "en", "KGZ"),
        ("В саммите принял участие президент Республики Таджикистан.", "ru", "TJK"),
    ],
)
def test_title_before_or_after_the_country(text, language, country, gazetteer):
    assert participants(text, gazetteer, language) == [(country, None, (), False, False)]


# ---- leaders who act, and who does not count (sentences written here, in the shapes found) ----


def found(text, gazetteer, language=None):
    return [
        (p.country_code or p.organization, p.is_guest, p.rule)
        for p in extract_participants(make_document(text, language), gazetteer)
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Шавкат Мирзиёев предложил создать региональный совет по воде.", "ru", [("UZB", False, "act")]),
        ("Қасым-Жомарт Тоқаев саммитте сөз сөйлеп, жаңа бастама ұсынды.", "kk", [("KAZ", False, "act")]),
        (
            "President Sadyr Zhaparov stressed the need for a common water policy.",
            "en",
            [("KGZ", False, "act")],
        ),
        (
            "Президенты Таджикистана и Туркменистана обсудили вопросы энергетики.",
            "ru",
            [("TJK", False, "act"), ("TKM", False, "act")],
        ),
        (
            "The summit closed with the signing of a water accord by the leaders of Tajikistan, Uzbekistan and Kyrgyzstan.",
            "en",
            [("TJK", False, "act"), ("UZB", False, "act"), ("KGZ", False, "act")],
        ),
        (
            "The host congratulated President Ilham Aliyev on joining the format.",
            "en",
            [("AZE", False, "act")],
        ),
        ("Об этом высказался президент КР Садыр Жапаров.", "ru", [("KGZ", False, "act")]),
        ("We welcome the participation of the United Nations in the meeting.", "en", [("UN", True, "cue")]),
    ],
)
def test_a_leader_who_acts_takes_part(text, language, expected, gazetteer):
    assert found(text, gazetteer, language) == expected


def test_a_country_talked_about_after_the_verb_is_not_a_participant(gazetteer):
    assert found("Министр отметил вклад Президента Туркменистана в развитие региона.", gazetteer) == []


def test_an_organisation_talked_about_after_the_verb_is_not_a_participant(gazetteer):
    assert found("Президенты Кыргызстана и Узбекистана подчеркнули роль ООН в регионе.", gazetteer) == [
        ("KGZ", False, "act"),
        ("UZB", False, "act"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who speaks in the room takes part; who sends a video address does not
        (
            "На саммите выступил Имнадзе, а также прозвучало видеообращение Президента Азербайджана Ильхама Алиева.",
            [("UNRCCA", True, "act")],
        ),
        (
            "На саммите выступили Президент Кыргызстана Садыр Жапаров, Президент Таджикистана Эмомали Рахмон, а также "
            "прозвучало видеообращение Генерального секретаря ООН.",
            [("KGZ", False, "act"), ("TJK", False, "act")],
        ),
        ("Президент Азербайджана Ильхам Алиев выступил по видеосвязи.", []),
    ],
)
def test_a_video_address_is_not_taking_part(text, expected, gazetteer):
    assert found(text, gazetteer) == expected


def test_guests_are_those_named_after_the_guest_word(gazetteer):
    text = (
        "Во встрече приняли участие Президент Кыргызстана Садыр Жапаров, а в качестве почётного гостя — "
        "Президент Азербайджана Ильхам Алиев."
    )
    assert found(text, gazetteer) == [("KGZ", False, "cue"), ("AZE", True, "cue")]


def test_unmarked_lines_under_attended_by(gazetteer):
    text = (
        "The meeting was attended by:\n\nTajikistan – President Emomali Rakhmon\n\n"
        "Uzbekistan – President Shavkat Mirziyoev\n\nThe leaders discussed water.\n"
    )
    assert [(c, r) for c, _, r in found(text, gazetteer, "en")] == [("TJK", "list"), ("UZB", "list")]


# ---- guests the reference does not know, found by the NER model (sentences written here) ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "В качестве почетного гостя на саммите присутствовал Генеральный секретарь ШОС Нурлан Ермекбаев.",
            [("ШОС", "Нурлан Ермекбаев", "ner")],
        ),
        # a minister of a member state reports; he is no guest, and his country is already a participant
        ("Участники встречи заслушали министра иностранных дел Казахстана Мурата Нуртлеу.", []),
        # who reports the meeting is no guest of it
        (
            "В саммите принял участие Президент Кыргызстана, сообщает корреспондент «Радио Востока» Иван Петров.",
            [],
        ),
        # a person the reference knows is found by name, not by the model
        (
            "Во встрече приняли участие глава Регионального центра ООН по превентивной дипломатии Каха Имнадзе.",
            [("UNRCCA", None, "cue")],
        ),
    ],
)
def test_guests_the_reference_does_not_know(text, expected, gazetteer):
    mentions = extract_participants(make_document(text, "ru"), gazetteer)
    assert [(m.organization, m.person_name, m.rule) for m in mentions if m.organization] == expected
