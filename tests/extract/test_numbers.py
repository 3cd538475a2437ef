import pytest

from etl.extract import numbers
from etl.extract.numbers import find_amounts, scale_of, tokenize

# (sentence, [(value, unit, the amount's span in the sentence)]). Written for these tests in the shapes the
# reader handles, odd corners included: the table records what the reader returned when it was an index walk
# (before it became a grammar), so that any change of behaviour shows here.
AMOUNTS = [
    # The shapes named in the module's docstring
    ("объём достиг $240 миллионов", [(240_000_000, "USD", "$240 миллионов")]),
    ("составил 2 миллиарда $350 миллионов", [(2_350_000_000, "USD", "2 миллиарда $350 миллионов")]),
    ("сауда көлемі 9 миллиард долларға жетті", [(9_000_000_000, "USD", "9 миллиард долларға")]),
    ("саудасы 4 миллииард долларға артты", [(4_000_000_000, "USD", "4 миллииард долларға")]),
    ("вырос на 12процентов", [(12, "percent", "12процентов")]),
    ("увеличился на 7,5 %", [(7.5, "percent", "7,5 %")]),
    ("до 3,2 млрд. долларов США", [(3_200_000_000, "USD", "3,2 млрд. долларов США")]),
    ("около 1 500 млн долларов", [(1_500_000_000, "USD", "1 500 млн долларов")]),
    ("reached $8.4 billion", [(8_400_000_000, "USD", "$8.4 billion")]),
    ("USD 600 mln", [(600_000_000, "USD", "USD 600 mln")]),
    ("20 пайызға өсті", [(20, "percent", "20 пайызға")]),
    ("6 млрд АҚШ долларына", [(6_000_000_000, "USD", "6 млрд АҚШ долларына")]),
    ("на сумму 40 млрд тенге", [(40_000_000_000, "KZT", "40 млрд тенге")]),
    ("1,7 млрд долл.", [(1_700_000_000, "USD", "1,7 млрд долл")]),
    ("5 млн долл.", [(5_000_000, "USD", "5 млн долл")]),
    ("$1,2 миллиард көлемінде", [(1_200_000_000, "USD", "$1,2 миллиард")]),
    # Compound amounts: each part smaller than the last, else the amount ends before it
    ("сделки на 1 миллиард $700 миллионов подписаны", [(1_700_000_000, "USD", "1 миллиард $700 миллионов")]),
    ("оборот составил 2 млрд 300 млн долларов", [(2_300_000_000, "USD", "2 млрд 300 млн долларов")]),
    (
        "до 3 миллиардов 400 миллионов долларов США",
        [(3_400_000_000, "USD", "3 миллиардов 400 миллионов долларов США")],
    ),
    (
        "2 миллиард 500 миллион АҚШ долларына жетті",
        [(2_500_000_000, "USD", "2 миллиард 500 миллион АҚШ долларына")],
    ),
    ("grew to 1 billion 250 million dollars", [(1_250_000_000, "USD", "1 billion 250 million dollars")]),
    ("1 трлн 200 млрд 30 млн тенге", [(1_200_030_000_000, "KZT", "1 трлн 200 млрд 30 млн тенге")]),
    ("1 млрд 2 млрд долларов", [(2_000_000_000, "USD", "2 млрд долларов")]),
    ("500 млн 2 млрд долларов", [(2_000_000_000, "USD", "2 млрд долларов")]),
    # A part without a scale word after a scaled one ends the compound, which has no currency: only the
    # second number is an amount.
    ("1 млрд 500 долларов", [(500, "USD", "500 долларов")]),
    ("1 миллиард 700 миллионов без валюты", []),
    # «$» or «€» before a number, repeated between the parts; the first sign names the currency
    ("$1 миллиард $700 миллионов вложено", [(1_700_000_000, "USD", "$1 миллиард $700 миллионов")]),
    ("$1 трлн $200 млрд $30 млн", [(1_200_030_000_000, "USD", "$1 трлн $200 млрд $30 млн")]),
    ("€2 млрд $300 млн инвестиций", [(2_300_000_000, "EUR", "€2 млрд $300 млн")]),
    # A sign before a number is read as the repeated «$» of a compound amount even where that number does
    # not continue it: the amount ends at the sign, and «6 млн» (no currency of its own) is none.
    ("итого 5 $6 млн", [(5, "USD", "5 $")]),
    ("1 млрд $ и ещё", [(1_000_000_000, "USD", "1 млрд $")]),
    ("1 миллиард $2 миллиарда", [(1_000_000_000, "USD", "1 миллиард $")]),
    ("цена $ 5 billion", [(5_000_000_000, "USD", "$ 5 billion")]),
    ("€ 40 million grant", [(40_000_000, "EUR", "€ 40 million")]),
    ("€300 million", [(300_000_000, "EUR", "€300 million")]),
    ("$3bn deal", [(3_000_000_000, "USD", "$3bn")]),
    # Scale words with a dot («млрд.», «млн.», «тыс.»): punctuation is not a token
    ("объём 3,2 млрд. долларов", [(3_200_000_000, "USD", "3,2 млрд. долларов")]),
    ("вложат $1,5 млрд. в проект", [(1_500_000_000, "USD", "$1,5 млрд")]),
    ("кредит 5 млн. евро", [(5_000_000, "EUR", "5 млн. евро")]),
    ("грант 500 тыс. долларов", [(500_000, "USD", "500 тыс. долларов")]),
    # Percent signs and words; a currency already read wins over a percent after it
    ("рост на 14 %", [(14, "percent", "14 %")]),
    ("рост на 14%", [(14, "percent", "14%")]),
    ("на 14 процентов больше", [(14, "percent", "14 процентов")]),
    ("вырос на 15процентов", [(15, "percent", "15процентов")]),
    ("15 пайызға артты", [(15, "percent", "15 пайызға")]),
    ("12 пайыз құрады", [(12, "percent", "12 пайыз")]),
    ("up 12 percent", [(12, "percent", "12 percent")]),
    ("up 12 Percent year on year", [(12, "percent", "12 Percent")]),
    ("доля 7,5 % рынка", [(7.5, "percent", "7,5 %")]),
    ("1 млрд 500 млн %", [(1_500_000_000, "percent", "1 млрд 500 млн %")]),
    ("5 млрд 3 %", [(3, "percent", "3 %")]),
    ("$5 % годовых", [(5, "USD", "$5")]),
    ("USD 5 процентов", [(5, "USD", "USD 5")]),
    ("1 млрд $500 млн %", [(1_500_000_000, "USD", "1 млрд $500 млн")]),
    ("5 долларов %", [(5, "USD", "5 долларов")]),
    ("rose 50 per cent", [(50, "percent", "50 per cent")]),
    ("up 7,5 Per Cent on the year", [(7.5, "percent", "7,5 Per Cent")]),
    ("50 per head", []),
    ("вырос на 12 % и достиг $5 млрд", [(12, "percent", "12 %"), (5_000_000_000, "USD", "$5 млрд")]),
    # Fillers («АҚШ», «США», «US») before the currency word, and one after it
    ("11 млрд АҚШ доллары", [(11_000_000_000, "USD", "11 млрд АҚШ доллары")]),
    ("6 billion US dollars", [(6_000_000_000, "USD", "6 billion US dollars")]),
    ("3,2 млрд долларов США", [(3_200_000_000, "USD", "3,2 млрд долларов США")]),
    ("4 млрд долларов сша", [(4_000_000_000, "USD", "4 млрд долларов сша")]),
    ("5 млрд АҚШ долларын США", [(5_000_000_000, "USD", "5 млрд АҚШ долларын США")]),
    ("5 млн США АҚШ долларов", [(5_000_000, "USD", "5 млн США АҚШ долларов")]),
    # A filler with no currency word after it is not part of the amount.
    ("5 млрд США", []),
    ("$5 млрд США и другие", [(5_000_000_000, "USD", "$5 млрд")]),
    # Currency codes before the number («USD», «US», «EUR», any ISO code of the currency list)
    ("в размере USD 5 млн", [(5_000_000, "USD", "USD 5 млн")]),
    ("В 2024 году USD 5 млн", [(5_000_000, "USD", "USD 5 млн")]),
    ("US$ 5 billion", [(5_000_000_000, "USD", "$ 5 billion")]),
    ("usd 10 млн", [(10_000_000, "USD", "usd 10 млн")]),
    ("Us 3 bn trade", [(3_000_000_000, "USD", "Us 3 bn")]),
    ("US 4 billion", [(4_000_000_000, "USD", "US 4 billion")]),
    ("5 million USD", [(5_000_000, "USD", "5 million USD")]),
    ("USD без суммы", []),
    ("EUR 5 million", [(5_000_000, "EUR", "EUR 5 million")]),
    ("a KZT 40 billion fund", [(40_000_000_000, "KZT", "KZT 40 billion")]),
    # The currency in words before the number, a scale word after it
    ("US dollars 5 million", [(5_000_000, "USD", "US dollars 5 million")]),
    ("a grant of euros 40 million", [(40_000_000, "EUR", "euros 40 million")]),
    ("в ценах долларов 2024 года", []),
    ("dollars 300 apiece", []),
    # No currency and no percent: no amount
    ("в 2023 году в 12 странах", []),
    ("Сессия 75-й Генеральной Ассамблеи", []),
    ("5 млрд кубометров газа", []),
    ("1 500 человек", []),
    ("1 500 млн человек", []),
    ("за 2 года", []),
    # Currencies in Kazakh, Russian and English
    ("11 миллиард долларға жетті", [(11_000_000_000, "USD", "11 миллиард долларға")]),
    ("40 млрд теңге бөлінді", [(40_000_000_000, "KZT", "40 млрд теңге")]),
    ("курс 450 тенге за доллар", [(450, "KZT", "450 тенге")]),
    ("3 трлн рублей", [(3_000_000_000_000, "RUB", "3 трлн рублей")]),
    ("500 млн евро", [(500_000_000, "EUR", "500 млн евро")]),
    (
        "5 млрд евро и 3 млрд долларов",
        [(5_000_000_000, "EUR", "5 млрд евро"), (3_000_000_000, "USD", "3 млрд долларов")],
    ),
    ("200 млн сомов", [(200_000_000, "KGS", "200 млн сомов")]),
    ("5 млн сумов", [(5_000_000, "UZS", "5 млн сумов")]),
    ("5 млн сумма", []),
    ("1 млрд юаней", [(1_000_000_000, "CNY", "1 млрд юаней")]),
    ("300 млн сомони", [(300_000_000, "TJS", "300 млн сомони")]),
    ("100 млн манатов", [(100_000_000, "TMT", "100 млн манатов")]),
    ("$11 billion", [(11_000_000_000, "USD", "$11 billion")]),
    ("10 thousand dollars", [(10_000, "USD", "10 thousand dollars")]),
    ("5 мың доллар", [(5_000, "USD", "5 мың доллар")]),
    # Thousands separators (space, no-break spaces) and decimal commas and points
    ("1\xa0200 долларов", [(1_200, "USD", "1\xa0200 долларов")]),
    ("1\u202f250 млн долларов", [(1_250_000_000, "USD", "1\u202f250 млн долларов")]),
    ("$10,2 миллиарда", [(10_200_000_000, "USD", "$10,2 миллиарда")]),
    ("$10.5 billion", [(10_500_000_000, "USD", "$10.5 billion")]),
    ("12 345 678 долларов", [(12_345_678, "USD", "12 345 678 долларов")]),
    # Typos of the scale words
    ("4 миллииард долларға", [(4_000_000_000, "USD", "4 миллииард долларға")]),
    ("4 милиард долларов", [(4_000_000_000, "USD", "4 милиард долларов")]),
    ("4 миллиярда долларов", []),
    # Several amounts in one sentence
    (
        "экспорт $2 млрд, импорт $1,5 млрд, рост 10 %",
        [(2_000_000_000, "USD", "$2 млрд"), (1_500_000_000, "USD", "$1,5 млрд"), (10, "percent", "10 %")],
    ),
    ("с 5 до 7 млрд долларов", [(7_000_000_000, "USD", "7 млрд долларов")]),
]


@pytest.mark.parametrize(("text", "expected"), AMOUNTS)
def test_find_amounts(text, expected):
    found = [(a.value, a.unit, text[a.start : a.end]) for a in find_amounts(text)]
    assert found == [(float(value), unit, span) for value, unit, span in expected]


@pytest.mark.parametrize(
    ("word", "scale"),
    [
        ("миллиардов", 10**9),
        ("млрд", 10**9),
        ("миллиард", 10**9),
        ("милиард", 10**9),
        ("миллииарда", 10**9),
        ("миллионов", 10**6),
        ("млн", 10**6),
        ("billion", 10**9),
        ("мың", 10**3),
        ("процентов", None),
    ],
)
def test_scale_words(word, scale):
    assert scale_of(word) == scale


# Each rule of the grammar on its own: (rule, phrase, value, the text it takes), None where it does not match.
RULES = [
    ("PART", "3,2 млрд долларов", (3.2, 10**9), "3,2 млрд"),
    ("PART", "1 500 человек", (1500.0, None), "1 500"),
    ("PART", "млрд", None, None),
    ("PARTS", "1 миллиард 700 миллионов 5", [(1.0, 10**9), (700.0, 10**6)], "1 миллиард 700 миллионов"),
    ("PARTS", "1 млрд 2 млрд", [(1.0, 10**9)], "1 млрд"),
    ("PARTS", "1 млрд 500", [(1.0, 10**9)], "1 млрд"),
    ("PARTS", "500 1 млрд", [(500.0, None)], "500"),
    ("PARTS", "1 млрд $500 млн", [(1.0, 10**9)], "1 млрд"),
    ("MONEY_PART", "1 миллиард $700 миллионов", (1.0, 10**9, "USD"), "1 миллиард $"),
    ("MONEY_PART", "1 миллиард $ долларов", (1.0, 10**9, None), "1 миллиард"),
    (
        "MONEY_PARTS",
        "1 миллиард $700 миллионов",
        [(1.0, 10**9, "USD"), (700.0, 10**6, None)],
        "1 миллиард $700 миллионов",
    ),
    ("MONEY_PARTS", "5 $6 млн", [(5.0, None, "USD")], "5 $"),
    ("CURRENCY_BEFORE", "USD 5", "USD", "USD"),
    ("CURRENCY_BEFORE", "us 5", "USD", "us"),
    ("CURRENCY_BEFORE", "€5", "EUR", "€"),
    ("CURRENCY_BEFORE", "EUR 5", "EUR", "EUR"),
    ("CURRENCY_BEFORE", "dollars 5", None, None),
    ("WORDS_FIRST", "US dollars 5 million", (5_000_000.0, "USD"), "US dollars 5 million"),
    ("WORDS_FIRST", "dollars 5 million", (5_000_000.0, "USD"), "dollars 5 million"),
    ("WORDS_FIRST", "dollars 5", None, None),
    ("PERCENT", "per cent", "percent", "per cent"),
    ("PERCENT", "per capita", None, None),
    ("CURRENCY_AFTER", "АҚШ долларына", (["АҚШ"], "USD", None), "АҚШ долларына"),
    ("CURRENCY_AFTER", "долларов США и", ([], "USD", "США"), "долларов США"),
    ("CURRENCY_AFTER", "US dollars", (["US"], "USD", None), "US dollars"),
    ("CURRENCY_AFTER", "теңге", ([], "KZT", None), "теңге"),
    ("CURRENCY_AFTER", "$", ([], "USD", None), "$"),
    ("CURRENCY_AFTER", "США", None, None),
    ("CURRENCY_AFTER", "суммы", None, None),
    ("PERCENTAGE", "14 %", (14.0, "percent"), "14 %"),
    ("PERCENTAGE", "7,5 пайызға", (7.5, "percent"), "7,5 пайызға"),
    ("PERCENTAGE", "$5 %", None, None),
    ("PERCENTAGE", "5 долларов", None, None),
    ("MONEY", "$1 миллиард $700 миллионов", (1_700_000_000.0, "USD"), "$1 миллиард $700 миллионов"),
    ("MONEY", "€2 млрд $300 млн", (2_300_000_000.0, "EUR"), "€2 млрд $300 млн"),
    ("MONEY", "5 млрд АҚШ долларына", (5_000_000_000.0, "USD"), "5 млрд АҚШ долларына"),
    ("MONEY", "$5 %", (5.0, "USD"), "$5"),
    ("MONEY", "5 млрд США", None, None),
    ("MONEY", "14 %", None, None),
]


@pytest.mark.parametrize(("name", "phrase", "value", "taken"), RULES)
def test_rule(name, phrase, value, taken):
    tokens = tokenize(phrase)
    found = getattr(numbers, name).match(tokens, 0)
    if value is None:
        assert found is None
    else:
        assert found is not None
        assert found[0] == value
        assert phrase[tokens[0].start : tokens[found[1] - 1].end] == taken
