"""The SVWS-Server's KAoA catalogues (table svws_kaoa_entries, loaded by `flask seed
reference` from seeds/reference/svws-kaoa/) and the rules a `SchuelerKAoADaten` must meet.

The rules are those the SVWS-Server checks when a record is created or patched (its class
DataSchuelerKAoADaten; docs/domain.md, "Data exchange with SVWS"): the Merkmal belongs to the
Kategorie, the Zusatzmerkmal to the Merkmal, the Kategorie is valid in the Jahrgang, at most
one of anschlussoption / ebene4 / berufsfeld / bemerkung is filled, and which one follows the
Zusatzmerkmal's Optionsart (an Anschlussoption must list the Zusatzmerkmal, an Ebene 4 belong
to it, a Bemerkung have at most 255 characters).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app.catalog.models import SvwsKaoaEntry
from app.extensions import db

FIELDS = (
    "id",
    "abschnitt",
    "jahrgang",
    "kategorie",
    "merkmal",
    "zusatzmerkmal",
    "anschlussoption",
    "berufsfeld",
    "ebene4",
    "bemerkung",
)
OPTIONAL = ("anschlussoption", "ebene4", "berufsfeld", "bemerkung")
# Our Jahrgang → the SVWS Jahrgang key (SchuelerKAoADaten.jahrgang) and the Kategorie's name.
JAHRGANG_KEYS = {"8": "08", "9": "09", "10": "10", "EF": "EF", "Q1": "Q1", "Q2": "Q2"}
NEEDS = {
    "SBO_EBENE_4": "ebene4",
    "ANSCHLUSSOPTION": "anschlussoption",
    "BERUFSFELD": "berufsfeld",
}


def category_jahrgang(key: str) -> str:
    """'08' → 'JAHRGANG_08' (how the Kategorie lists its Jahrgänge); 'EF' stays."""
    return f"JAHRGANG_{key}" if key.isdigit() else key


@dataclass
class Catalogue:
    by_key: dict[tuple[str, str], SvwsKaoaEntry] = field(default_factory=dict)
    by_id: dict[tuple[str, int], SvwsKaoaEntry] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Catalogue:
        catalogue = cls()
        for entry in db.session.scalars(select(SvwsKaoaEntry)):
            catalogue.by_key[(entry.catalogue, entry.bezeichner)] = entry
            catalogue.by_id[(entry.catalogue, entry.svws_id)] = entry
        return catalogue

    def id_of(self, catalogue: str, bezeichner: str | None) -> int | None:
        entry = self.by_key.get((catalogue, bezeichner)) if bezeichner else None
        return entry.svws_id if entry else None

    def entry(self, catalogue: str, svws_id) -> SvwsKaoaEntry | None:
        return self.by_id.get((catalogue, svws_id)) if isinstance(svws_id, int) else None

    def optionsart(self, zusatzmerkmal: str) -> str | None:
        entry = self.by_key.get(("zusatzmerkmal", zusatzmerkmal))
        return entry.optionsart if entry else None

    def record(self, zusatzmerkmal: str, jahrgang: str, **optional) -> dict | None:
        """A SchuelerKAoADaten for a Zusatzmerkmal (its Merkmal and Kategorie follow); None
        when the catalogue (`flask seed reference`) does not hold it."""
        zusatz = self.by_key.get(("zusatzmerkmal", zusatzmerkmal))
        merkmal = self.by_key.get(("merkmal", zusatz.parent)) if zusatz else None
        kategorie = self.by_key.get(("kategorie", merkmal.parent)) if merkmal else None
        if kategorie is None:
            return None
        record = dict.fromkeys(FIELDS)
        record.update(
            id=-1,
            abschnitt=-1,
            jahrgang=jahrgang,
            kategorie=kategorie.svws_id,
            merkmal=merkmal.svws_id,
            zusatzmerkmal=zusatz.svws_id,
            **optional,
        )
        return record

    def problems(self, record: dict) -> list[str]:
        """Why the SVWS-Server would refuse the record (empty: it fits)."""
        kategorie = self.entry("kategorie", record.get("kategorie"))
        merkmal = self.entry("merkmal", record.get("merkmal"))
        zusatz = self.entry("zusatzmerkmal", record.get("zusatzmerkmal"))
        if kategorie is None or merkmal is None or zusatz is None:
            return ["unknown-catalogue-id"]
        found = []
        if merkmal.parent != kategorie.bezeichner or zusatz.parent != merkmal.bezeichner:
            found.append("hierarchy")
        if category_jahrgang(str(record.get("jahrgang"))) not in kategorie.jahrgaenge:
            found.append("jahrgang")
        filled = [name for name in OPTIONAL if record.get(name) not in (None, "")]
        if len(filled) > 1:
            found.append("more-than-one-option")
        found += self._option_problems(record, zusatz)
        return found

    def _option_problems(self, record: dict, zusatz: SvwsKaoaEntry) -> list[str]:
        needed = NEEDS.get(zusatz.optionsart or "")
        if needed == "anschlussoption":
            option = self.entry("anschlussoption", record.get("anschlussoption"))
            if option is None or zusatz.bezeichner not in option.anzeige:
                return ["anschlussoption"]
        elif needed == "ebene4":
            ebene4 = self.entry("ebene4", record.get("ebene4"))
            if ebene4 is None or ebene4.parent != zusatz.bezeichner:
                return ["ebene4"]
        elif needed == "berufsfeld" and self.entry("berufsfeld", record.get("berufsfeld")) is None:
            return ["berufsfeld"]
        if len(record.get("bemerkung") or "") > 255:
            return ["bemerkung"]
        return []
