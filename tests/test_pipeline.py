"""A text packed after extraction: assembly reads the same quotes, length, end and names from it as from the
text itself, and the whole text comes back unchanged from its spool."""

import pickle

from etl.assemble import assemble
from etl.pipeline import ExtractedSource, extract_facts
from etl.placement import resolve_summit
from etl.spool import TextSpool
from tests.conftest import make_document

TEXT = (
    "16 ноября 2025 года в Ташкенте состоялась Консультативная встреча глав государств Центральной Азии.\n\n"
    "Президент Казахстана Касым-Жомарт Токаев и Президент Узбекистана Шавкат Мирзиёев подписали "
    "Договор о дружбе. Товарооборот стран региона в прошлом году составил $10 млрд.\n\n"
    "Лидеры обсудили водные вопросы…   \n"
)


def extracted(text, gazetteer):
    document = make_document(text, "ru")
    return ExtractedSource(document, extract_facts(document, gazetteer))


def test_a_packed_text_gives_assembly_what_the_text_gave(gazetteer, tmp_path):
    plain, packed = extracted(TEXT, gazetteer), extracted(TEXT, gazetteer)
    with TextSpool(tmp_path) as spool:
        spool.add("another text before it, «ё»\n")
        packed.pack(resolve_summit(packed, gazetteer), spool)
    packed = pickle.loads(pickle.dumps(packed))  # as it comes back from a worker
    assert packed.document.text == "" and packed.text == TEXT
    assert packed.char_count == len(TEXT) and packed.trimmed_end == plain.trimmed_end == (
        len(TEXT.rstrip()),
        "…",
    )
    assert packed.is_packed and packed.packed_meeting == resolve_summit(plain, gazetteer) == 7
    assert [packed.quote(f.start, f.end) for f in packed.facts] == [
        TEXT[f.start : f.end] for f in plain.facts
    ]
    assert assemble([packed], [], gazetteer) == assemble([plain], [], gazetteer)


def test_packing_twice_keeps_the_text(gazetteer, tmp_path):
    source = extracted(TEXT, gazetteer)
    with TextSpool(tmp_path) as spool:
        source.pack(None, spool)
        source.pack(2, spool)
    assert source.text == TEXT and source.packed_meeting is None


def test_a_text_let_go_of_is_not_read_again(gazetteer, tmp_path):
    import pytest

    source = extracted(TEXT, gazetteer)
    with TextSpool(tmp_path) as spool:
        source.pack(None, spool)
    source.let_go_of_text()
    with pytest.raises(RuntimeError, match="let go"):
        source.text  # noqa: B018
    assert source.char_count == len(TEXT)
