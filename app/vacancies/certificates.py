"""How far a leaving certificate reaches for an Ausbildung: a level per SBO 10.7.x key.

Companies state the certificate they usually expect ("Hauptschulabschluss", "Mittlerer
Schulabschluss" …). What counts for a youth is the achieved certificate once recorded, else the
expected one. The levels follow the general-education certificates behind each key (the
project's mapping in seeds/leaving_certificates.json): 0 no Hauptschulabschluss (Abgangs- or
Förderschulzeugnis), 1 Hauptschulabschluss (HA 9), 2 Hauptschulabschluss nach Klasse 10,
3 Mittlerer Schulabschluss (FOR), 4 Fachhochschulreife (also its schooling part), 5 Abitur.
The Qualifikationsvermerk for the Oberstufe does not change the level for an Ausbildung.
"""

from __future__ import annotations

# Every key of the certificate catalogue (the screens name each one in their catalogues).
CERTIFICATE_KEYS = (
    "SBO_10_7_1",
    "SBO_10_7_2",
    "SBO_10_7_3",
    "SBO_10_7_4",
    "SBO_10_7_5",
    "SBO_10_7_6",
    "SBO_10_7_7",
    "SBO_10_7_8",
    "SBO_10_7_9",
    "SBO_10_7_10",
    "SBO_10_7_11",
    "SBO_10_7_12",
    "SBO_10_7_13",
)
LEVELS = {
    "SBO_10_7_1": 0,
    "SBO_10_7_2": 0,
    "SBO_10_7_3": 0,
    "SBO_10_7_4": 0,
    "SBO_10_7_5": 1,
    "SBO_10_7_9": 1,
    "SBO_10_7_6": 2,
    "SBO_10_7_10": 2,
    "SBO_10_7_7": 3,
    "SBO_10_7_8": 3,
    "SBO_10_7_11": 4,
    "SBO_10_7_12": 4,
    "SBO_10_7_13": 5,
}
# Fit of the youth's certificate with the usual one: enough (1), one level short — worth asking,
# companies often take a good applicant (0.5), further short (0); unknown on either side: 0.5.
ENOUGH, ONE_SHORT, SHORT, UNKNOWN = 1.0, 0.5, 0.0, 0.5


def level(key: str | None) -> int | None:
    return LEVELS.get(key) if key else None


def fit(youth_level: int | None, usual_level: int | None) -> float:
    if youth_level is None or usual_level is None:
        return UNKNOWN
    gap = usual_level - youth_level
    if gap <= 0:
        return ENOUGH
    return ONE_SHORT if gap == 1 else SHORT


def reason(youth_level: int | None, usual_key: str | None) -> str | None:
    """The explanation's kind: certificate-enough, certificate-ask, certificate-short, or
    certificate-usual when the youth's certificate is not known yet."""
    usual_level = level(usual_key)
    if usual_level is None:
        return None
    if youth_level is None:
        return "certificate-usual"
    return {ENOUGH: "certificate-enough", ONE_SHORT: "certificate-ask"}.get(
        fit(youth_level, usual_level), "certificate-short"
    )
