"""Approximate distances between German postcodes inside NRW.

No geocoder is used: each postcode gets the mean UTM position (EPSG:25832, metres) of the
schools the NRW school directory lists under it (app/data/reference/schulen_nrw_svws_*.csv,
about 860 postcodes). A postcode without a school falls back to the centroid of its
3-digit, then 2-digit prefix region. Accuracy is a few kilometres, which is enough for
"within 10 km of my school". Postcodes outside NRW have no position: their distance is
unknown (None) and a distance filter excludes them.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from functools import lru_cache

from app.data import DATA_DIR

SCHOOL_FILE = DATA_DIR / "reference" / "schulen_nrw_svws_2023-12.csv"


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    with SCHOOL_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            postcode, east, north = row.get("PLZ", ""), row.get("KoRe"), row.get("KoHo")
            if len(postcode) != 5 or not east or not north:
                continue
            for key in (postcode, postcode[:3], postcode[:2]):
                acc = sums[key]
                acc[0] += float(east)
                acc[1] += float(north)
                acc[2] += 1
    return {key: (e / n, s / n) for key, (e, s, n) in sums.items()}


def position(postcode: str | None) -> tuple[float, float] | None:
    if not postcode or len(postcode) != 5 or not postcode.isdigit():
        return None
    table = _centroids()
    for key in (postcode, postcode[:3], postcode[:2]):
        if key in table:
            return table[key]
    return None


def distance_km(from_postcode: str | None, to_postcode: str | None) -> float | None:
    """Straight-line distance in km, rounded to 0.1, or None when a postcode is unknown."""
    a, b = position(from_postcode), position(to_postcode)
    if a is None or b is None:
        return None
    return round(math.hypot(a[0] - b[0], a[1] - b[1]) / 1000, 1)
