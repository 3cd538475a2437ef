"""Language of a text from its letters."""

from etl.language import detect_language


def test_russian_kazakh_english():
    assert detect_language("Главы государств Центральной Азии провели встречу в Астане.") == "ru"
    assert detect_language("Орталық Азия мемлекеттері басшыларының кездесуі Астанада өтті.") == "kk"
    assert detect_language("The leaders of Central Asia met in Astana.") == "en"


def test_russian_text_quoting_one_kazakh_name_stays_russian():
    text = "Президент Казахстана провел переговоры. " * 20 + "Упомянут «Нұр Отан»."
    assert detect_language(text) == "ru"


def test_text_without_letters_defaults_to_russian():
    assert detect_language("2024 — 15 %") == "ru"
