"""Stem patterns matched word by word, and the gates that spare most passages the matching."""

import pytest

from etl.patterns import CodedMatcher, passages_with_gate, prefix_gate
from tests.conftest import make_document


def test_gate_finds_any_word_as_a_substring_where_it_begins():
    gate = prefix_gate(["встреч", "встреча", "саммит", "кездесу"])
    assert gate.first("во время встречи лидеров") == len("во время ")
    assert gate.first("встреча, затем вторая встреча", start=1) == len("встреча, затем вторая ")
    assert gate.first("астана саммиті") is not None
    assert gate.first("главы государств обсудили торговлю") is None


def test_gate_of_an_empty_word_matches_everything_and_of_no_word_nothing():
    assert prefix_gate(["", "слово"]) is None
    assert prefix_gate([]).first("любой текст") is None


def test_matcher_finds_longest_pattern_and_keeps_offsets():
    matcher = CodedMatcher((("Республик* Казахстан*", "KAZ"), ("Казахстан*", "KAZ"), ("Кыргыз*", "KGZ")))
    text = "Президенты Республики Казахстан и Кыргызстана встретились."
    hits = matcher.find(text)
    assert [(code, text[s:e]) for code, s, e in hits] == [
        ("KAZ", "Республики Казахстан"),
        ("KGZ", "Кыргызстана"),
    ]


def test_matcher_looks_for_the_rarest_word_of_a_pattern():
    # «в работе» starts with a word found everywhere; the gate looks for «работе» instead.
    matcher = CodedMatcher((("в работе", "took_part"),))
    assert matcher.gate.first("в работе") is not None and matcher.gate.first("в городе в регионе") is None
    assert matcher.find("Он принял участие в работе форума.")[0][0] == "took_part"
    assert matcher.find("В городе прошел форум.") == []


def test_capitalised_abbreviations_keep_their_case():
    matcher = CodedMatcher((("ООН", "UN"),))
    assert matcher.find("Представитель ООН выступил.")[0][0] == "UN"
    assert matcher.find("Слово оон в нижнем регистре.") == []


def test_passages_holding_a_gate_word_are_found_in_one_pass():
    doc = make_document(
        "Первое предложение. Вторая встреча прошла в Астане.\n\nТретье без повода.\n\n- встречи лидеров\n"
    )
    found = passages_with_gate(prefix_gate(["встреч"]), doc)
    assert sorted(doc.passages[n].text for n in found) == [
        "- встречи лидеров",
        "Вторая встреча прошла в Астане.",
    ]
    many = make_document(
        "Встреча за встречей, встреча. Нет.\n\nИ снова встреча."
    )  # one hit per passage is enough
    assert sorted(passages_with_gate(prefix_gate(["встреч"]), many)) == [0, 2]


def test_several_gates_asked_about_one_document_each_get_their_own_passages():
    doc = make_document(
        "Товарооборот вырос. Подписан меморандум.\n\nВстреча, меморандум и товарооборот.\n\nНичего.\n\nИтоги встречи."
    )
    trade, memo, meeting = prefix_gate(["товарооборот"]), prefix_gate(["меморандум"]), prefix_gate(["встреч"])
    for _ in range(2):  # asked again, the answers are the same
        assert sorted(passages_with_gate(trade, doc)) == [0, 2]
        assert sorted(passages_with_gate(memo, doc)) == [1, 2]
        assert sorted(passages_with_gate(meeting, doc)) == [2, 4]
    # each gate alone, in a process that has seen only it, finds what `Gate.first` finds passage by passage
    for gate in (trade, memo, meeting):
        assert gate is not None
        expected = [n for n, p in enumerate(doc.passages) if gate.first(p.text.lower()) is not None]
        assert sorted(passages_with_gate(gate, doc)) == expected


def test_a_gate_word_across_two_passages_is_in_neither():
    doc = make_document("Конец абзаца встре.\n\nЧа продолжилась.")
    assert len(doc.passages) == 2
    assert list(passages_with_gate(prefix_gate(["встре.\n\nча"]), doc)) == []
    assert list(passages_with_gate(prefix_gate(["встре.\n\nча", "абзаца встре"]), doc)) == [0]


def test_a_new_document_with_the_same_text_is_searched_again():
    gate = prefix_gate(["встреч"])
    first, second = make_document("Встреча. Нет."), make_document("Нет. Встреча.")
    assert list(passages_with_gate(gate, first)) == [0]
    assert list(passages_with_gate(gate, second)) == [1]


def test_every_passage_is_searched_when_lower_case_changes_the_length():
    doc = make_document("İstanbul. Встреча.")  # «İ» lower-cases to two characters: offsets would drift
    assert list(passages_with_gate(prefix_gate(["встреч"]), doc)) == list(range(len(doc.passages)))


def test_codes_of_a_whole_text_give_every_pattern_that_matches_it():
    matcher = CodedMatcher((("Бердымухамедов*", "father"), ("Бердымухамедов*", "son"), ("Токаев*", "kaz")))
    assert matcher.codes_of("Бердымухамедова") == ["father", "son"]
    assert matcher.codes_of("Токаевым") == ["kaz"]
    assert matcher.codes_of("Токаев и другие") == []  # the whole text, not a part of it


def test_a_pattern_at_the_start_of_a_text():
    matcher = CodedMatcher((("участи*", "part"), ("в работе*", "part")))
    assert matcher.starts("  участие в саммите")
    assert matcher.starts(" в работе форума")
    assert not matcher.starts("договор об участии")


def test_a_document_names_the_passages_a_matcher_may_match_in():
    matcher = CodedMatcher((("соглашени*", "doc"),))
    doc = make_document("Подписано соглашение.\n\nЛидеры обсудили торговлю.\n\nСоглашения вступят в силу.")
    assert sorted(doc.passages_matching(matcher)) == [0, 2]
    assert list(doc.passages_matching(None)) == [0, 1, 2]  # nothing to tell by: every passage


def test_whole_texts_are_tokenised_alike_but_kept_only_a_few_at_a_time():
    from etl import patterns

    passage = "Президенты подписали соглашение."
    text = " ".join([passage] * 200)  # a whole text, longer than a passage
    assert patterns.tokens(text)[:3] == patterns.tokens(passage)
    for n in range(10):
        patterns.tokens(text + f" {n}")
    assert patterns._text_tokens.cache_info().currsize <= 4


def test_every_passage_counts_as_a_passage_for_the_cache():
    from etl.document import MAX_PASSAGE_CHARS
    from etl.patterns import LONG_TEXT_CHARS

    assert LONG_TEXT_CHARS >= MAX_PASSAGE_CHARS  # passages are matched by several extractors in turn


TRICKY = [
    "Республики  Казахстан и Республикой\nКазахстан, но не Республика-Казахстан.",
    "Представитель ООН и оон; КР, кр и КРЫМ.",
    "Казахстанско-китайский форум открыл Казахстан-2050 в Астане_Казахстан.",
    "в работе форума, вработе, в\u00a0работе и «в работе».",
    "ж жж ж-ж жаңа, және ж.",
    "Токаев-младший, _Токаев, Токаеву и ТокаевТокаев.",
    "İstanbul: Республика Казахстан.",  # lower case changes the length: the words are split first
    "Центральной Азии Центральная Азия Центральной Азией",
]


def test_patterns_found_from_their_first_words_are_those_found_word_by_word():
    matcher = CodedMatcher(
        (
            ("Республик* Казахстан*", "KAZ"),
            ("Казахстан*", "KAZ_SHORT"),
            ("ООН", "UN"),
            ("КР", "KAZ_ABBR"),
            ("в работе", "took_part"),
            ("ж*", "short_stem"),
            ("Токаев*", "tokayev"),
            ("Центральн* Ази*", "CA"),
            ("Центральной Азии", "CA_EXACT"),
        )
    )
    for text in TRICKY:
        assert matcher._find(text) == matcher._find_in_words(text), text
    assert [code for code, _, _ in matcher.find(TRICKY[0])] == [
        "KAZ",
        "KAZ",
    ]  # «Республика-Казахстан» is one word
    assert [code for code, _, _ in matcher.find(TRICKY[1])] == ["UN", "KAZ_ABBR"]
    assert [code for code, _, _ in matcher.find(TRICKY[3])] == ["took_part", "took_part", "took_part"]
    # a hyphenated word is one word: «Токаев-младший» starts with the stem, «_Токаев» is a word after «_»
    assert [TRICKY[5][s:e] for _, s, e in matcher.find(TRICKY[5])] == [
        "Токаев-младший",
        "Токаев",
        "Токаеву",
        "ТокаевТокаев",
    ]


def test_the_gates_read_a_document_once_however_many_passages_it_has():
    # Linear on any input: the automaton copies what it is given, so the text is handed over once, not once per
    # passage (that was quadratic on a 20 MB file).
    import etl.patterns as patterns

    doc = make_document("Встреча: товарооборот вырос. " * 1000)  # both gates in every passage
    gates = [prefix_gate(["встреч"]), prefix_gate(["товарооборот"])]
    passages_with_gate(gates[0], doc)
    passages_with_gate(gates[1], doc)  # both gates known now
    scanned: list[int] = []

    class Counting:
        def __init__(self, automaton):
            self.automaton = automaton

        def iter(self, text, *args):
            scanned.append(len(text) - (args[0] if args else 0))
            return self.automaton.iter(text, *args)

    masks = patterns._passage_masks(Counting(patterns._DOCUMENT_GATES._state[1]), doc)
    assert masks is not None and len(doc.passages) == 1000
    assert sum(scanned) <= len(doc.text)


def test_a_gate_whose_adding_was_stopped_is_added_again_when_next_asked(monkeypatch):
    # A file's time budget stops its extraction with an exception wherever it is; a gate caught half added must
    # not be known, or it would find nothing in every later text of the process.
    import etl.patterns as patterns

    gate = prefix_gate(["переговор"])
    doc = make_document("Начались переговоры. Нет.")
    real_automaton = patterns.ahocorasick.Automaton

    class Stopped(Exception):
        pass

    def stopped_midway():
        raise Stopped  # as the time budget's signal would, while the automaton is built

    monkeypatch.setattr(patterns.ahocorasick, "Automaton", stopped_midway)
    with pytest.raises(Stopped):
        passages_with_gate(gate, doc)
    monkeypatch.setattr(patterns.ahocorasick, "Automaton", real_automaton)
    assert list(passages_with_gate(gate, make_document("Переговоры шли. Нет."))) == [0]


def test_threads_asking_about_their_own_documents_get_their_own_answers():
    import sys
    import threading

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch all the time: a shared answer would be handed over

    gate = prefix_gate(["соглашени"])
    with_word = make_document("Подписано соглашение. " * 200)
    without = make_document("Ничего не подписано. " * 200)
    wrong: list[int] = []

    def ask(doc, expected):
        for _ in range(200):
            if len(passages_with_gate(gate, doc)) != expected:
                wrong.append(1)

    threads = [
        threading.Thread(target=ask, args=(with_word, 200)),
        threading.Thread(target=ask, args=(without, 0)),
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not wrong


def test_a_capital_sigma_is_matched_as_word_by_word():
    # «Σ» lower-cases to «ς» or «σ» by the letters around it: in the whole text and in one word they may differ
    matcher = CodedMatcher((("ΣAΣ", "X"), ("οδος", "R")))
    for text in ("ΣAΣ ΣAΣ.x", "ΟΔΟΣ και ΣAΣ"):
        assert matcher._find(text) == matcher._find_in_words(text), text
    assert len(matcher.find("ΣAΣ ΣAΣ.x")) == 2
