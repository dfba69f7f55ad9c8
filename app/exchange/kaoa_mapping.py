"""Which SVWS Zusatzmerkmal stands for a KAoA step done, or not taken part in.

Per SBO element: the Zusatzmerkmale for "teilgenommen" (by the step's sequence: the 1st, 2nd,
3rd Berufsfelderkundung day …) and the one for "nicht teilgenommen", as the SVWS catalogue
names them (seeds/reference/svws-kaoa/KAOAZusatzmerkmal.json). Where the catalogue wants a
detail the app does not record — the length of a Betriebspraktikum (the catalogue's 1/2/more
weeks: we take the weeks of the booking, else two, the rule), the kind of a Praxiselement or
a Studienorientierung event (Ebene 4) — the record is left out and named in the export's
`skipped` list, never guessed.
"""

from __future__ import annotations

from datetime import date

SEK_II = ("EF", "Q1", "Q2")

# element → (Zusatzmerkmale "done" by sequence, Zusatzmerkmal "not taken part")
STEP_CODES: dict[str, tuple[tuple[str, ...], str]] = {
    "SBO 2.1": (("SBO_2_1_1",), "SBO_2_1_2"),
    "SBO 2.2": (("SBO_2_2_1",), "SBO_2_2_2"),
    "SBO 2.4": (("SBO_2_4_1",), "SBO_2_4_2"),
    "SBO 2.5": (("SBO_2_5_1",), "SBO_2_5_2"),
    "SBO 3.4": (("SBO_3_4_1",), "SBO_3_4_5"),
    "SBO 4.1": (("SBO_4_1_1",), "SBO_4_1_2"),
    "SBO 4.2": (("SBO_4_2_1",), "SBO_4_2_2"),
    "SBO 4.3": (("SBO_4_3_1",), "SBO_4_3_2"),
    "SBO 4.5": (("SBO_4_5_1",), "SBO_4_5_2"),
    "SBO 5.1": (("SBO_5_1_1", "SBO_5_1_2", "SBO_5_1_3", "SBO_5_1_4"), "SBO_5_1_8"),
    "SBO 5.2": (("SBO_5_2_1", "SBO_5_2_2", "SBO_5_2_3", "SBO_5_2_4"), "SBO_5_2_8"),
    "SBO 6.1": (("SBO_6_1_2",), "SBO_6_1_5"),
    "SBO 6.3": (("SBO_6_3_2",), "SBO_6_3_7"),
    "SBO 7.1": ((), "SBO_7_1_2"),
    "SBO 6.4": (("SBO_6_4_2",), "SBO_6_4_3"),
    "SBO 8.1": (("SBO_8_1_1",), "SBO_8_1_2"),
    "SBO 8.2": (("SBO_8_2_1",), "SBO_8_2_2"),
    "SBO 9.1": ((), "SBO_9_1_2"),
    "SBO 9.2": ((), "SBO_9_2_2"),
    "SBO 9.3": (("SBO_9_3_1",), "SBO_9_3_2"),
    "SBO 10.1": (("SBO_10_1_1",), "SBO_10_1_2"),
    "SBO 10.6": (("SBO_10_6_1",), "SBO_10_6_2"),
}
AGREEMENT_SEK_II = ("SBO_10_6_3", "SBO_10_6_4")
INTERNSHIP_WEEKS = {1: "SBO_6_1_1", 2: "SBO_6_1_2"}  # more than two: SBO_6_1_3


def internship_code(starts_on: date | None, ends_on: date | None) -> str:
    """A Betriebspraktikum of one, two or more weeks (from the booking's dates)."""
    if starts_on is None or ends_on is None:
        return "SBO_6_1_2"
    weeks = max(1, round(((ends_on - starts_on).days + 1) / 7))
    return INTERNSHIP_WEEKS.get(weeks, "SBO_6_1_3")


def step_code(element: str, sequence: int, done: bool, jahrgang: str, booking) -> str | None:
    """The Zusatzmerkmal of a step, or None when the catalogue needs a detail we lack."""
    if element not in STEP_CODES:
        return None
    done_codes, not_done = STEP_CODES[element]
    if element == "SBO 10.6" and jahrgang in SEK_II:
        done_codes, not_done = (AGREEMENT_SEK_II[0],), AGREEMENT_SEK_II[1]
    if not done:
        return not_done
    if element == "SBO 6.1" and booking:
        return internship_code(booking.get("starts_on"), booking.get("ends_on"))
    if not done_codes:
        return None
    return done_codes[min(sequence, len(done_codes)) - 1]
