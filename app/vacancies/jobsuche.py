"""Import of Ausbildungsplätze from the Bundesagentur für Arbeit's jobsuche REST API.

`GET {base}/pc/v4/jobs?angebotsart=4&wo=<Kommune>&umkreis=<km>&page=n&size=100` with the
client id as `X-API-Key` (angebotsart 4 = Ausbildung/Duales Studium). Each offer of the answer
(`stellenangebote`: refnr, beruf, titel, arbeitgeber, eintrittsdatum, arbeitsort with plz, ort,
strasse) becomes a vacancy of the Kommune with source "ba", its reference number and the link
to the offer in the Jobbörse. An offer seen again is refreshed; one the search no longer lists
is expired; a vacancy that began more than queries.LATE_START_DAYS ago expires too. The
occupation is found by its exact name in the occupations catalogue (else the vacancy keeps the
name only and matches by distance, certificate and start).
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from datetime import date, timedelta
from urllib.parse import quote, urlencode, urlsplit

from sqlalchemy import select

from app.catalog.models import Occupation
from app.core import clock
from app.extensions import db
from app.schools.models import Kommune
from app.vacancies.models import Vacancy
from app.vacancies.queries import LATE_START_DAYS

AUSBILDUNG = 4
PAGE_SIZE = 100
MAX_PAGES = 50
TIMEOUT_SECONDS = 30
DETAIL_URL = "https://www.arbeitsagentur.de/jobsuche/jobdetail/{refnr}"

FetchPage = Callable[[int], dict]


class JobsucheError(Exception):
    pass


def http_fetcher(base_url: str, api_key: str, where: str, radius_km: int) -> FetchPage:
    """page number → the decoded answer of one search page."""

    def fetch(page: int) -> dict:
        query = urlencode(
            {
                "angebotsart": AUSBILDUNG,
                "wo": where,
                "umkreis": radius_km,
                "page": page,
                "size": PAGE_SIZE,
            }
        )
        url = f"{base_url.rstrip('/')}/pc/v4/jobs?{query}"
        if urlsplit(url).scheme not in ("https", "http"):  # never file:// or a custom scheme
            raise JobsucheError(f"jobsuche base URL must be http(s): {base_url}")
        request = urllib.request.Request(url, headers={"X-API-Key": api_key})  # noqa: S310
        request.add_header("Accept", "application/json")
        try:
            # Bandit B310 is answered by the scheme check above (the tests' stand-in is plain http)
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310  # nosec B310
                return json.loads(answer.read().decode("utf-8"))
        except (OSError, ValueError) as error:
            raise JobsucheError(f"jobsuche page {page}: {error}") from error

    return fetch


def _offers(fetch: FetchPage) -> list[dict]:
    offers: list[dict] = []
    for page in range(1, MAX_PAGES + 1):
        answer = fetch(page)
        batch = answer.get("stellenangebote") or []
        offers.extend(batch)
        total = int(answer.get("maxErgebnisse") or 0)
        if not batch or len(offers) >= total:
            break
    return offers


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _postcode(value) -> str:
    digits = str(value or "").strip()
    return digits.zfill(5) if digits.isdigit() and len(digits) <= 5 else ""


def _fields(offer: dict, occupations: dict[str, Occupation]) -> dict:
    place = offer.get("arbeitsort") or {}
    name = (offer.get("beruf") or "").strip()
    occupation = occupations.get(name)
    return {
        "title": (offer.get("titel") or name or "Ausbildung")[:200],
        "employer_name": (offer.get("arbeitgeber") or "")[:200],
        "occupation_id": occupation.id if occupation else None,
        "kldb_code": occupation.kldb_code if occupation else None,
        "berufsfeld": occupation.berufsfeld if occupation else None,
        "starts_on": _date(offer.get("eintrittsdatum")),
        "postcode": _postcode(place.get("plz")),
        "city": (place.get("ort") or "")[:120],
        "street": (place.get("strasse") or "")[:200],
        "external_url": DETAIL_URL.format(refnr=quote(offer["refnr"], safe="")),
    }


def import_vacancies(kommune: Kommune, fetch: FetchPage) -> dict[str, int]:
    """Create, refresh and expire the Kommune's imported vacancies from one search."""
    offers = [o for o in _offers(fetch) if o.get("refnr")]
    occupations = {o.title_de: o for o in db.session.scalars(select(Occupation))}
    existing = {
        v.external_ref: v
        for v in db.session.scalars(
            select(Vacancy).where(Vacancy.kommune_id == kommune.id, Vacancy.source == "ba")
        )
    }
    now, counts = clock.now(), {"created": 0, "refreshed": 0, "expired": 0}
    seen = set()
    for offer in offers:
        ref = str(offer["refnr"])[:64]
        if ref in seen:
            continue
        seen.add(ref)
        vacancy = existing.get(ref)
        if vacancy is None:
            vacancy = Vacancy(kommune_id=kommune.id, source="ba", external_ref=ref)
            db.session.add(vacancy)
            counts["created"] += 1
        else:
            counts["refreshed"] += 1
            if vacancy.status == "expired":
                vacancy.status = "open"
        for name, value in _fields(offer, occupations).items():
            setattr(vacancy, name, value)
        vacancy.refreshed_at = vacancy.updated_at = now
    for ref, vacancy in existing.items():
        if ref not in seen and vacancy.status == "open":
            vacancy.status = "expired"
            vacancy.updated_at = now
            counts["expired"] += 1
    counts["expired"] += expire_started(kommune.id)
    db.session.flush()
    return counts


def expire_started(kommune_id: int) -> int:
    """Vacancies that began more than LATE_START_DAYS ago are expired (any source)."""
    cutoff = clock.today() - timedelta(days=LATE_START_DAYS)
    stale = db.session.scalars(
        select(Vacancy).where(
            Vacancy.kommune_id == kommune_id,
            Vacancy.status == "open",
            Vacancy.starts_on < cutoff,
        )
    ).all()
    for vacancy in stale:
        vacancy.status = "expired"
        vacancy.updated_at = clock.now()
    return len(stale)
