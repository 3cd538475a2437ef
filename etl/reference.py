"""Curated reference data from `data/reference/*.csv`: countries, people, organisations, cities and
the calendar of meetings. Each CSV may start with `#` comment lines that say where its rows come from."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from etl.patterns import compile_stems

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"


def read_reference_csv(name: str, directory: Path = REFERENCE_DIR) -> list[dict[str, str]]:
    """Rows of `<directory>/<name>.csv` as dicts, skipping `#` comment lines."""
    lines = (directory / f"{name}.csv").read_text(encoding="utf-8").splitlines()
    body = "\n".join(line for line in lines if not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(body)))


def _to_date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Country:
    code: str
    name_en: str
    name_ru: str
    name_kk: str
    is_member: bool
    member_since: int | None


@dataclass(frozen=True)
class Person:
    person_id: str
    name_en: str
    country_code: str | None
    organization: str | None
    office: str
    term_start: date | None
    term_end: date | None

    def in_office_on(self, day: date) -> bool:
        started = self.term_start is None or self.term_start <= day
        ended = self.term_end is not None and self.term_end <= day
        return started and not ended


@dataclass(frozen=True)
class CalendarSummit:
    summit_id: int
    held_on: date
    city: str
    host_country: str
    chair: str
    source_url: str


@dataclass(frozen=True)
class Gazetteer:
    """Name forms compiled to regexes; `match_*` return (code, start, end) triples."""

    countries: dict[str, Country]
    people: dict[str, Person]
    summits: dict[int, CalendarSummit]
    city_country: dict[str, str]
    country_regex: re.Pattern[str]
    country_by_form: tuple[tuple[re.Pattern[str], str], ...]
    city_by_form: tuple[tuple[re.Pattern[str], str], ...]
    org_by_form: tuple[tuple[re.Pattern[str], str], ...]
    surname_by_form: tuple[tuple[re.Pattern[str], str], ...]
    given_by_form: tuple[tuple[re.Pattern[str], str], ...]

    def find_countries(self, text: str) -> list[tuple[str, int, int]]:
        return _find_all(self.country_by_form, text)

    def find_cities(self, text: str) -> list[tuple[str, int, int]]:
        return _find_all(self.city_by_form, text)

    def find_organizations(self, text: str) -> list[tuple[str, int, int]]:
        return _find_all(self.org_by_form, text)

    def find_surnames(self, text: str) -> list[tuple[str, int, int]]:
        return _find_all(self.surname_by_form, text)

    def find_given_names(self, text: str) -> list[tuple[str, int, int]]:
        return _find_all(self.given_by_form, text)

    def people_named(self, surname: str) -> list[str]:
        """Every person_id whose surname forms match `surname` (Berdimuhamedov is two people)."""
        return [code for rx, code in self.surname_by_form if rx.fullmatch(surname)]

    def president_on(self, country_code: str, day: date | None) -> Person | None:
        """The head of state of `country_code` in office on `day` (today's when no day is known)."""
        candidates = [
            p for p in self.people.values() if p.country_code == country_code and p.office == "president"
        ]
        if day is not None:
            candidates = [p for p in candidates if p.in_office_on(day)]
        else:
            candidates = [p for p in candidates if p.term_end is None]
        return candidates[0] if len(candidates) == 1 else None


def _find_all(forms: tuple[tuple[re.Pattern[str], str], ...], text: str) -> list[tuple[str, int, int]]:
    """All matches, longest first where they overlap, in text order."""
    hits = [(m.start(), -(m.end() - m.start()), code) for rx, code in forms for m in rx.finditer(text)]
    taken: list[tuple[str, int, int]] = []
    for start, neg_len, code in sorted(hits):
        end = start - neg_len
        if any(s < end and start < e for _, s, e in taken):
            continue
        taken.append((code, start, end))
    return sorted(taken, key=lambda hit: hit[1])


def _compile_forms(rows: list[dict[str, str]], key: str, form_key: str = "form") -> tuple:
    by_code: dict[str, list[str]] = {}
    for row in rows:
        by_code.setdefault(row[key], []).append(row[form_key])
    return tuple((compile_stems(tuple(forms)), code) for code, forms in by_code.items())


def _surname_forms(rows: list[dict[str, str]], part: str) -> tuple:
    # Case endings: Russian adds up to three letters (Токаева, Токаевым), Kazakh up to five (Тоқаевтың).
    forms = [dict(row, form=row["form"] + "*") for row in rows if row["part"] == part]
    return _compile_forms(forms, "person_id")


@cache
def load_gazetteer(directory: Path = REFERENCE_DIR) -> Gazetteer:
    """All reference data, loaded once per process."""
    countries = {
        r["country_code"]: Country(
            r["country_code"], r["name_en"], r["name_ru"], r["name_kk"],
            r["is_member"] == "true", int(r["member_since"]) if r["member_since"] else None,
        )
        for r in read_reference_csv("countries", directory)
    }
    people = {
        r["person_id"]: Person(
            r["person_id"], r["name_en"], r["country_code"] or None, r["organization"] or None,
            r["office"], _to_date(r["term_start"]), _to_date(r["term_end"]),
        )
        for r in read_reference_csv("people", directory)
    }
    summits = {
        int(r["summit_id"]): CalendarSummit(
            int(r["summit_id"]), date.fromisoformat(r["held_on"]), r["city"], r["host_country"],
            r["chair"], r["source_url"],
        )
        for r in read_reference_csv("summits", directory)
    }
    city_rows = read_reference_csv("cities", directory)
    country_rows = read_reference_csv("country_forms", directory)
    person_rows = read_reference_csv("person_forms", directory)
    return Gazetteer(
        countries=countries,
        people=people,
        summits=summits,
        city_country={r["city"]: r["country_code"] for r in city_rows},
        country_regex=compile_stems(tuple(r["form"] for r in country_rows)),
        country_by_form=_compile_forms(country_rows, "country_code"),
        city_by_form=_compile_forms(city_rows, "city"),
        org_by_form=_compile_forms(read_reference_csv("organizations", directory), "organization"),
        surname_by_form=_surname_forms(person_rows, "surname"),
        given_by_form=_surname_forms(person_rows, "given"),
    )
