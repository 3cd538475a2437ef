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
        "В саммите участвовали:\n\n- Кыргызстан – Президент Садыр Жапаров\n"
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
        "Почетными гостями саммита были руководитель Регионального центра ООН по превентивной дипломатии "
        "Каха Имнадзе и азербайджанский лидер Ильхам Алиев."
    )
    assert participants(text, gazetteer) == [
        (None, "UNRCCA", ("imnadze",), True, False),
        ("AZE", None, ("aliyev",), True, False),
    ]


def test_chair_russian_and_kazakh(gazetteer):
    ru = "Председательствовал на саммите хозяин встречи Шавкат Мирзиёев."
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
        ("The President of the Kyrgyz Republic attended the talks in person.", "en", "KGZ"),
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
        (
            "Delegates valued the participation of the United Nations in the talks.",
            "en",
            [("UN", True, "cue")],
        ),
    ],
)
def test_a_leader_who_acts_takes_part(text, language, expected, gazetteer):
    assert found(text, gazetteer, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a speech, the subject before the verb or (Russian) after it
        ("С речью на открытии выступил Президент Кыргызстана.", "ru", [("KGZ", False, "act")]),
        (
            "Глава Туркменистана Сердар Бердымухамедов выступил с докладом о транзите.",
            "ru",
            [("TKM", False, "act")],
        ),
        ("President Emomali Rahmon made a speech on regional security.", "en", [("TJK", False, "act")]),
        (
            "The President of Turkmenistan gave a speech at the opening session.",
            "en",
            [("TKM", False, "act")],
        ),
        ("Тәжікстан Президенті Эмомали Рахмон баяндама жасады.", "kk", [("TJK", False, "act")]),
        # present in the room
        ("На церемонии открытия присутствовал Президент Таджикистана.", "ru", [("TJK", False, "cue")]),
        ("The President of Uzbekistan was present at the signing ceremony.", "en", [("UZB", False, "cue")]),
        ("Саммитке Түрікменстан Президенті қатысып, сөз сөйледі.", "kk", [("TKM", False, "cue")]),
        # named among the participants
        (
            "Среди участников саммита были Президент Узбекистана и Президент Кыргызстана.",
            "ru",
            [("UZB", False, "cue"), ("KGZ", False, "cue")],
        ),
        (
            "Среди участников — лидеры Таджикистана и Туркменистана.",
            "ru",
            [("TJK", False, "cue"), ("TKM", False, "cue")],
        ),
        (
            "Among the participants were the presidents of Kazakhstan and Kyrgyzstan.",
            "en",
            [("KAZ", False, "cue"), ("KGZ", False, "cue")],
        ),
        # the subject after a verb of speaking counts; the object of the next verb does not
        (
            "С речью выступил Президент Узбекистана и поблагодарил Президента Туркменистана.",
            "ru",
            [("UZB", False, "act")],
        ),
    ],
)
def test_a_leader_who_speaks_or_is_present_takes_part(text, language, expected, gazetteer):
    assert found(text, gazetteer, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Участники саммита высоко оценили предложения Президента Казахстана.", "ru"),
        ("На встрече, где много говорили о Мирзиёеве, лидеры обсудили энергетику.", "ru"),
        ("The leaders who attended discussed the initiative of the President of Turkmenistan.", "en"),
        ("Those who took part praised Tokayev's proposal on water.", "en"),
        ("Саммитке қатысушылар Түрікменстан Президентінің бастамасын қолдады.", "kk"),
        ("Кездесуге қатысқан лидерлер Тоқаев туралы айтты.", "kk"),
    ],
)
def test_a_leader_only_talked_about_is_not_a_participant(text, language, gazetteer):
    assert found(text, gazetteer, language) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the one whose initiative it is acts in the sentence
        (
            "Президент Казахстана выдвинул инициативы, которые участники встречи поддержали.",
            "ru",
            [("KAZ", False, "cue")],
        ),
        # a nominative after «инициативы» is the subject, not its owner
        (
            "В развитие этой инициативы Президент Узбекистана предложил создать совет.",
            "ru",
            [("UZB", False, "act")],
        ),
        # one talked about, one acting, in the same sentence
        (
            "Участники обсудили инициативы Президента Туркменистана, а Президент Кыргызстана выступил с речью.",
            "ru",
            [("KGZ", False, "cue")],
        ),
        ("Тоқаев саммитте Мирзиёевтің бастамасын атап өтті.", "kk", [("KAZ", False, "act")]),
        ("President Tokayev welcomed the proposal of President Mirziyoyev.", "en", [("KAZ", False, "act")]),
    ],
)
def test_the_acting_leader_counts_beside_one_talked_about(text, language, expected, gazetteer):
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
            "Каха Имнадзе выступил лично, а Ильхам Алиев обратился к собравшимся по видеосвязи.",
            [("UNRCCA", True, "act")],
        ),
        (
            "Перед гостями выступили Президент Туркменистана Сердар Бердымухамедов и Президент Узбекистана "
            "Шавкат Мирзиёев; Генеральный секретарь ООН прислал видеопослание.",
            [("TKM", False, "act"), ("UZB", False, "act")],
        ),
        ("Президент Азербайджана Ильхам Алиев выступил по видеосвязи.", []),
    ],
)
def test_a_video_address_is_not_taking_part(text, expected, gazetteer):
    assert found(text, gazetteer) == expected


def test_guests_are_those_named_after_the_guest_word(gazetteer):
    text = (
        "Эмомали Рахмон принял участие в саммите от Таджикистана; почётным гостем был азербайджанский "
        "президент Ильхам Алиев."
    )
    assert found(text, gazetteer) == [("TJK", False, "cue"), ("AZE", True, "cue")]


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
            "Гостем саммита в качестве наблюдателя присутствовал Генеральный секретарь ШОС Бахтияр Олжасов.",
            [("ШОС", "Бахтияр Олжасов", "ner")],
        ),
        # the model may take a body's short name for a place: after an envoy's title it is the body
        (
            "На саммите присутствовал Специальный представитель ЕС по Центральной Азии Ингрид Сёдерберг.",
            [("ЕС", "Ингрид Сёдерберг", "ner")],
        ),
        (
            "В качестве почетного гостя во встрече участвовала спецпредставитель Евросоюза Кристина Ланге.",
            [("Евросоюз", "Кристина Ланге", "ner")],
        ),
        # a region's governor is no envoy of a body
        ("На встрече присутствовал глава Туркестанской области Ерболат Кенжебеков.", []),
        # a minister of a member state reports; he is no guest, and his country is already a participant
        ("Участники встречи заслушали министра иностранных дел Казахстана Мурата Нуртлеу.", []),
        # who reports the meeting is no guest of it
        (
            "В саммите принял участие Президент Кыргызстана, сообщает корреспондент «Радио Востока» Иван Петров.",
            [],
        ),
        # a person the reference knows is found by name, not by the model
        (
            "Каха Имнадзе, руководитель Регионального центра ООН по превентивной дипломатии, присутствовал на саммите.",
            [("UNRCCA", None, "cue")],
        ),
    ],
)
def test_guests_the_reference_does_not_know(text, expected, gazetteer):
    mentions = extract_participants(make_document(text, "ru"), gazetteer)
    assert [(m.organization, m.person_name, m.rule) for m in mentions if m.organization] == expected
