"""Curated reference data from `data/reference/*.csv`: countries, people, organisations, cities and
the calendar of meetings. Each CSV may start with `#` comment lines that say where its rows come from."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from etl.patterns import CodedMatcher, coded_matcher

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
    countries_matcher: CodedMatcher
    cities_matcher: CodedMatcher
    organizations_matcher: CodedMatcher
    surnames_matcher: CodedMatcher
    given_names_matcher: CodedMatcher

    def find_countries(self, text: str) -> list[tuple[str, int, int]]:
        return self.countries_matcher.find(text)

    def find_cities(self, text: str) -> list[tuple[str, int, int]]:
        # A city's name is written with a capital: «мәдени астанасы», «столица» in lower case is «a capital».
        return [hit for hit in self.cities_matcher.find(text) if text[hit[1]].isupper()]

    def find_organizations(self, text: str) -> list[tuple[str, int, int]]:
        return self.organizations_matcher.find(text)

    def find_surnames(self, text: str) -> list[tuple[str, int, int]]:
        return self.surnames_matcher.find(text)

    def find_given_names(self, text: str) -> list[tuple[str, int, int]]:
        return self.given_names_matcher.find(text)

    def people_named(self, surname: str) -> list[str]:
        """Every person_id whose surname forms match `surname` (Berdimuhamedov is two people)."""
        return self.surnames_matcher.codes_of(surname)

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


def _name_forms(rows: list[dict[str, str]], part: str) -> list[dict[str, str]]:
    # Names take case endings: Токаева, Токаевым, Тоқаевтың.
    return [dict(row, form=row["form"] + "*") for row in rows if row["part"] == part]


def _matcher(rows: list[dict[str, str]], key: str) -> CodedMatcher:
    return coded_matcher(tuple((row["form"], row[key]) for row in rows))


@cache
def load_gazetteer(directory: Path = REFERENCE_DIR) -> Gazetteer:
    """All reference data, loaded once per process."""
    countries = {
        r["country_code"]: Country(
            r["country_code"],
            r["name_en"],
            r["name_ru"],
            r["name_kk"],
            r["is_member"] == "true",
            int(r["member_since"]) if r["member_since"] else None,
        )
        for r in read_reference_csv("countries", directory)
    }
    people = {
        r["person_id"]: Person(
            r["person_id"],
            r["name_en"],
            r["country_code"] or None,
            r["organization"] or None,
            r["office"],
            _to_date(r["term_start"]),
            _to_date(r["term_end"]),
        )
        for r in read_reference_csv("people", directory)
    }
    summits = {
        int(r["summit_id"]): CalendarSummit(
            int(r["summit_id"]),
            date.fromisoformat(r["held_on"]),
            r["city"],
            r["host_country"],
            r["chair"],
            r["source_url"],
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
        countries_matcher=_matcher(country_rows, "country_code"),
        cities_matcher=_matcher(city_rows, "city"),
        organizations_matcher=_matcher(read_reference_csv("organizations", directory), "organization"),
        surnames_matcher=_matcher(_name_forms(person_rows, "surname"), "person_id"),
        given_names_matcher=_matcher(_name_forms(person_rows, "given"), "person_id"),
    )
