"""Named entities in Russian sentences through natasha's news NER model (slovnet with navec embeddings,
both shipped inside the natasha package, so it works offline): people, organisations and places.

The model takes a second and ~100 MB to load and a few milliseconds per sentence, so it is loaded once per
process, on first use, and asked only about sentences a fast pass has flagged (`has_unknown_name`)."""

from __future__ import annotations

import importlib.util
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

# natasha's package __init__ imports pymorphy2 (abandoned, and broken on Python 3.11 when used); the model
# files are all we need, read with slovnet and navec directly.
NATASHA_DATA = Path("data")
EMBEDDING = NATASHA_DATA / "emb" / "navec_news_v1_1B_250K_300d_100q.tar"
NER_MODEL = NATASHA_DATA / "model" / "slovnet_ner_news_v1.tar"
MAX_CHARS = 2000  # a passage longer than this is no sentence naming a guest: not worth the model's time


class Entity(NamedTuple):
    kind: str  # PER | ORG | LOC
    start: int
    end: int


@cache
def _tagger() -> Any:
    from navec import Navec
    from slovnet import NER

    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("natasha is not installed: pip install --require-hashes -r requirements.lock")
    package = Path(spec.submodule_search_locations[0])
    tagger = NER.load(str(package / NER_MODEL))
    tagger.navec(Navec.load(str(package / EMBEDDING)))
    return tagger


@lru_cache(maxsize=4096)  # reports of one meeting repeat their sentences
def find_entities(text: str) -> tuple[Entity, ...]:
    """People (PER), organisations (ORG) and places (LOC) named in a Russian sentence."""
    if len(text) > MAX_CHARS:
        return ()
    return tuple(Entity(span.type, span.start, span.stop) for span in _tagger()(text).spans)


# Two capitalised words in a row («Бахтияр Олжасов», «Ингрид Сёдерберг»): what a person's name looks like.
NAME_LIKE = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?")


def has_unknown_name(text: str, known: list[tuple[int, int]]) -> bool:
    """The fast pass: whether `text` holds something that looks like a name outside the spans already known."""
    return any(not any(s < m.end() and m.start() < e for s, e in known) for m in NAME_LIKE.finditer(text))
