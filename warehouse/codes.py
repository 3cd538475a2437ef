"""Definitions the ETL, the checks, the queries and the dashboard share, written once. The CHECK lists of
warehouse/schema.sql and the code values in docs/warehouse.md are tested against these."""

from __future__ import annotations

# agreements.kind and agreements.adoption
KINDS: tuple[str, ...] = (
    "joint_statement",
    "concept",
    "decision",
    "roadmap",
    "action_plan",
    "memorandum",
    "communique",
    "treaty",
    "declaration",
    "agreement",
    "programme",
    "other",
)
ADOPTIONS: tuple[str, ...] = ("signed", "approved", "signed_by_delegations", "planned")
# figures.kind and figures.unit
FIGURE_KINDS: tuple[str, ...] = ("actual", "target", "change")
UNITS: tuple[str, ...] = ("USD", "percent")
# participants.role, and every fact's confidence
ROLES: tuple[str, ...] = ("head_of_state", "guest")
CONFIDENCES: tuple[str, ...] = ("high", "medium", "low")
# figures.scope / figures.counterpart for Central Asia as a whole
REGION = "C5"

# What makes two figures the same figure: one meeting, the economy measured and the other side of the flow,
# what is measured, whether it is a value reached, a target or a change, the unit and the year. Two texts
# that give the same figure different values conflict; with equal values they are one row.
FIGURE_IDENTITY: tuple[str, ...] = (
    "summit_id",
    "scope",
    "counterpart",
    "metric",
    "kind",
    "unit",
    "period_year",
)
# One row of `figures` per identity and value.
FIGURE_ROW_KEY: tuple[str, ...] = (*FIGURE_IDENTITY, "value")


def same_in_sql(left: str, right: str, columns: tuple[str, ...] = FIGURE_IDENTITY) -> str:
    """SQL that holds when rows `left` and `right` agree on `columns`, NULLs equal to NULLs."""
    return " AND ".join(f"{left}.{c} IS NOT DISTINCT FROM {right}.{c}" for c in columns)
