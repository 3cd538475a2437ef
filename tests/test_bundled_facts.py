"""The bundled corpus gives exactly the facts written down in tests/data/bundled_facts.json: a change to a rule
that adds, loses or changes a fact of the bundled texts shows here, fact by fact. When the change is meant,
regenerate the file (`python -m tests.snapshot --update`) and commit its diff with the change."""

from tests.snapshot import differences, load, read_facts


def test_the_bundled_corpus_gives_the_facts_of_the_snapshot(bundled_warehouse):
    diff = differences(load(), read_facts(bundled_warehouse))
    assert not diff, (
        "the bundled warehouse's facts differ from tests/data/bundled_facts.json "
        "(if that is meant: python -m tests.snapshot --update):\n" + "\n".join(diff)
    )


def test_differences_name_each_fact_that_came_or_went():
    before = {
        "summits": [],
        "sources": [],
        "participants": [],
        "agreements": [],
        "figures": [{"scope": "C5", "value": 1.0}, {"scope": "KGZ", "value": 2.0}],
    }
    after = {**before, "figures": [{"scope": "KGZ", "value": 2.0}, {"scope": "UZB", "value": 3.0}]}
    assert differences(before, after) == [
        "figures: 2 rows expected, 2 built",
        '  missing {"scope": "C5", "value": 1.0}',
        '  extra   {"scope": "UZB", "value": 3.0}',
    ]
    swapped = {**before, "figures": before["figures"][::-1]}
    assert differences(before, swapped)[-1] == "  the same rows in another order (their ids changed)"
    assert differences(before, before) == []
