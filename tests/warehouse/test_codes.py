"""The code values are defined once (warehouse/codes.py): the schema's CHECK lists and the data dictionary
say the same."""

import re

import pytest

from warehouse import WAREHOUSE_DIR
from warehouse.codes import ADOPTIONS, CONFIDENCES, FIGURE_KINDS, KINDS, ROLES, UNITS
from warehouse.dictionary import read_dictionary

SCHEMA = (WAREHOUSE_DIR / "schema.sql").read_text(encoding="utf-8")


def check_list(table: str, column: str) -> set[str]:
    body = SCHEMA[SCHEMA.index(f"CREATE TABLE {table} (") :]
    body = body[: body.index(");")]
    m = re.search(rf"{column} VARCHAR[^,]*?CHECK \({column} IN \(([^)]*)\)\)", body, re.DOTALL)
    return set(re.findall(r"'([^']+)'", m.group(1)))


@pytest.mark.parametrize(
    ("table", "column", "codes", "used"),
    [
        ("agreements", "kind", KINDS, KINDS),
        ("agreements", "adoption", ADOPTIONS, ADOPTIONS),
        ("figures", "kind", FIGURE_KINDS, FIGURE_KINDS),
        ("figures", "unit", UNITS, UNITS),
        ("participants", "role", ROLES, ROLES),
        ("participants", "confidence", CONFIDENCES, CONFIDENCES),
        # a table whose rules never give one of the levels says only those it gives
        ("agreements", "confidence", CONFIDENCES, ("high", "medium")),
        ("figures", "confidence", CONFIDENCES, ("medium", "low")),
    ],
)
def test_schema_and_dictionary_list_the_codes(table, column, codes, used):
    assert check_list(table, column) == set(codes)
    described = read_dictionary()[table][column]
    assert all(f"`{code}`" in described for code in used), (table, column, described)
