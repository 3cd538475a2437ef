import pytest

from etl.document import segment


def kinds(text):
    return [(p.kind, p.text) for p in segment(text)]


def test_sentences_lists_and_headings():
    text = "## Заголовок статьи\n\nПервое предложение. Второе предложение.\n\nДокументы:\n\n1. Первый;\n2. Второй.\n"
    assert kinds(text) == [
        ("heading", "## Заголовок статьи"),
        ("sentence", "Первое предложение."),
        ("sentence", "Второе предложение."),
        ("sentence", "Документы:"),
        ("list_item", "1. Первый;"),
        ("list_item", "2. Второй."),
    ]


def test_passages_are_slices_of_the_text():
    text = "Раз. Два три.\n\n- пункт\n"
    for p in segment(text):
        assert text[p.start : p.end] == p.text


def test_hard_wrapped_lines_are_joined_into_sentences():
    text = (
        "Встреча прошла в городе и в ней приняли \n\nучастие главы государств региона, а также \n\n"
        "представители международных организаций. \n\nВторой абзац начинается \n\nздесь и тут. \n\n"
        "Третий абзац идет \n\nдальше."
    )
    sentences = [p.text.replace("\n", "").replace("  ", " ") for p in segment(text)]
    assert len(sentences) == 3
    assert sentences[0].startswith("Встреча") and sentences[0].endswith("организаций.")


def test_abbreviations_do_not_end_sentences():
    text = "Встреча 6 августа 2021 г. прошла успешно. Объем составил 1,5 млрд. долл. США за год."
    assert len(segment(text)) == 2


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a unit or a year that ends a sentence still ends it before a capital letter
        (
            "Товарооборот составил $4 млрд. Товарооборот Казахстана вырос.",
            ["Товарооборот составил $4 млрд.", "Товарооборот Казахстана вырос."],
        ),
        ("Итоги 2024 г. Президент отметил рост.", ["Итоги 2024 г.", "Президент отметил рост."]),
        # … and not where the sentence goes on
        (
            "Встреча прошла в г. Ташкенте. Президенты обсудили воду.",
            ["Встреча прошла в г. Ташкенте.", "Президенты обсудили воду."],
        ),
        ("Рост на 5 млн. тенге в год.", ["Рост на 5 млн. тенге в год."]),
    ],
)
def test_abbreviations_at_a_sentence_end(text, sentences):
    assert [p.text for p in segment(text)] == sentences


def test_a_whole_text_run_together_after_a_heading_mark_is_read_as_sentences():
    # a report whose line breaks were lost: one line, starting with its Markdown headline mark
    sentence = "Лидеры обсудили водные вопросы региона. Министры подписали план работы на год. "
    text = "# Итоги встречи " + sentence * 30
    passages = segment(text)
    assert len(passages) == 60 and all(p.kind == "sentence" for p in passages)
    assert passages[1].text == "Министры подписали план работы на год."
    assert segment("# Итоги встречи в Астане")[0].kind == "heading"  # a headline stays one
