"""Is a leaver still obliged to attend school, until when, and why (SchulG NRW §§ 34–38)?

The rules (sources in docs/domain.md, "Schulpflicht"):
- § 35: a child who is six by 30 September starts school on 1 August of that year;
- § 37: the Schulpflicht in Primarstufe and Sekundarstufe I (Vollzeitschulpflicht) lasts ten
  school years;
- § 38: then the Schulpflicht in Sekundarstufe II: with an apprenticeship begun before 21 until
  it ends; without one until the end of the school year (31 July) in which the youth turns 18.

The app does not know the school years a pupil actually attended (deferrals, early entry,
repetitions), so the end of the Vollzeitschulpflicht is *estimated* from the birth date; the
explanation says so. A youth who is still obliged and has no confirmed place is flagged.
Pure computation: the callers bring the facts (no statement of its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Options that are a Berufsausbildungsverhältnis (§ 38: schulpflichtig until it ends).
TRAINING_OPTIONS = ("DUAL", "BAE", "FACHAUS", "BBA", "BBW")
# Options that give no place in a school (Berufsschule included): a job, an internship or
# no Anschluss leaves the Schulpflicht unfulfilled.
NO_SCHOOL_PLACE = ("NOKEAN", "UNBE", "ABSENZ", "SVP", "MINI", "PRAKT")
SECURED = ("zugesagt", "angetreten")
LEGAL_BASIS = "SchulG NRW §§ 34–38"
# The explanation's steps (the screens word each one).
REASON_CODES = (
    "no_birth_date",
    "estimated_entry",
    "full_time",
    "training",
    "sek2_until_18",
    "ended",
    "place_started",
    "place_secured",
    "place_not_school",
    "place_missing",
)


@dataclass(frozen=True)
class Facts:
    birth_date: date | None
    status: str  # the Anschluss status (offen … angetreten)
    option_code: str | None
    arrived: bool = False  # the receiving school confirmed the admission


def school_entry(birth_date: date) -> date:
    """§ 35: six years old by 30 September → school starts on 1 August of that year."""
    sixth = date(birth_date.year + 6, birth_date.month, min(birth_date.day, 28))
    year = sixth.year if sixth <= date(sixth.year, 9, 30) else sixth.year + 1
    return date(year, 8, 1)


def full_time_end(birth_date: date) -> date:
    """§ 37: ten school years from the school entry (estimated), ending on 31 July."""
    return date(school_entry(birth_date).year + 10, 7, 31)


def sek2_end(birth_date: date) -> date:
    """§ 38: 31 July of the school year in which the youth turns 18."""
    eighteenth = date(birth_date.year + 18, birth_date.month, min(birth_date.day, 28))
    return date(eighteenth.year + (1 if eighteenth.month >= 8 else 0), 7, 31)


def _place(facts: Facts) -> str:
    if facts.arrived or facts.status == "angetreten":
        return "place_started"
    if facts.status in SECURED:
        if facts.option_code in NO_SCHOOL_PLACE:
            return "place_not_school"
        return "place_secured"
    return "place_missing"


def evaluate(facts: Facts, today: date) -> dict:
    """{status, until, obliged, flagged, reasons[{code, date?}], legal_basis}."""
    if facts.birth_date is None:
        return _result("unknown", None, False, [{"code": "no_birth_date"}], facts)
    training = facts.status in SECURED and facts.option_code in TRAINING_OPTIONS
    full_time = full_time_end(facts.birth_date)
    reasons = [{"code": "estimated_entry", "date": school_entry(facts.birth_date)}]
    if today <= full_time:
        reasons.append({"code": "full_time", "date": full_time})
        return _result("full_time", full_time, True, reasons, facts)
    if training:
        reasons.append({"code": "training"})
        return _result("training", None, True, reasons, facts)
    end = sek2_end(facts.birth_date)
    if today <= end:
        reasons.append({"code": "sek2_until_18", "date": end})
        return _result("sek2", end, True, reasons, facts)
    reasons.append({"code": "ended", "date": end})
    return _result("ended", end, False, reasons, facts)


def _result(status: str, until, obliged: bool, reasons: list, facts: Facts) -> dict:
    place = _place(facts)
    if obliged or status == "unknown":
        reasons.append({"code": place})
    return {
        "status": status,
        "until": until,
        "obliged": obliged,
        "place": place,
        "flagged": obliged and place in ("place_missing", "place_not_school"),
        "reasons": reasons,
        "legal_basis": LEGAL_BASIS,
    }


def flag(facts: Facts, today: date) -> dict:
    """The short form lists show: status, until when, and whether to flag it."""
    result = evaluate(facts, today)
    return {"status": result["status"], "until": result["until"], "flagged": result["flagged"]}
