"""Registrations import: a portal's CSV (Windows-1252, own headers) updates the applications —
preview first, all or nothing, idempotent, with a saved mapping per school."""

from __future__ import annotations

import io
import json
from datetime import date

from app.anschluss.models import Anschluss, Application
from app.exchange.models import ImportMapping
from tests.support import count_of, one_of, rows_of

HEADER = "Anm.-Nr.;Familienname;Rufname;geb. am;Zielschule;Bildungsgang;Anmeldestatus;Stand vom"
MAPPING = {
    "external_ref": "Anm.-Nr.",
    "last_name": "Familienname",
    "first_name": "Rufname",
    "birth_date": "geb. am",
    "target_schulnummer": "Zielschule",
    "option": "Bildungsgang",
    "status": "Anmeldestatus",
    "date": "Stand vom",
}


def _file(world, mia_status="angemeldet", ali_status="aufgenommen") -> bytes:
    bk = world.berufskolleg.schulnummer
    lines = [
        HEADER,
        f"SO-1;Becker;Mia;17.05.2010;{bk};Berufsfachschule (BFS II);{mia_status};01.03.2027",
        f"SO-2;Yılmaz;Ali;17.05.2010;{bk};Höhere Berufsfachschule (HÖBFS);{ali_status};02.03.2027",
    ]
    # Windows-1252 cannot hold "ı" (dotless i): the portal writes Yilmaz; we match by the
    # reference on later imports, so the first one names Ali as SchILD has him.
    text = "\r\n".join(lines).replace("Yılmaz", "Yilmaz") + "\r\n"
    return text.encode("cp1252")


def _upload(client, school_id, data: bytes, mode="preview", **form):
    body = {"file": (io.BytesIO(data), "anmeldungen.csv"), "mode": mode}
    body.update({k: json.dumps(v) if isinstance(v, dict) else v for k, v in form.items()})
    return client.post(
        f"/api/v1/schools/{school_id}/registration-imports",
        data=body,
        content_type="multipart/form-data",
    )


def test_windows_1252_file_with_a_saved_mapping_updates_applications_idempotently(
    world, reference, login_as, db
):
    """Preview with a mapping, commit and save it; the same file again changes nothing; a later
    file (same headers, mapping found again) moves Mia from angemeldet to aufgenommen."""
    w = world
    w.classmate.last_name = "Yilmaz"
    db.session.commit()
    stubo = login_as(w.users.stubo)
    preview = _upload(stubo, w.school.id, _file(w), mapping=MAPPING)
    assert preview.status_code == 200, preview.get_json()
    report = preview.get_json()
    assert (report["encoding"], report["delimiter"]) == ("windows-1252", ";")
    assert [c["to_status"] for c in report["created"]] == ["beworben", "zugesagt"]
    assert count_of(Application) == 0  # a preview writes nothing

    committed = _upload(
        stubo, w.school.id, _file(w), "commit", mapping=MAPPING, save_mapping="true"
    )
    assert committed.get_json()["committed"] and committed.get_json()["mapping_saved"]
    assert one_of(ImportMapping, school_id=w.school.id).columns == MAPPING
    ali = one_of(Application, pupil_id=w.classmate.id)
    assert (ali.status, ali.option_code, ali.source) == ("zugesagt", "HOEBFS", "import")
    assert ali.decided_on == date(2027, 3, 2) and ali.external_ref == "SO-2"
    assert one_of(Anschluss, pupil_id=w.classmate.id).status == "zugesagt"

    again = _upload(stubo, w.school.id, _file(w), "commit").get_json()  # saved mapping found
    assert again["mapping"] == MAPPING
    assert (again["created"], again["updated"], again["unchanged"]) == ([], [], 2)

    later = _upload(stubo, w.school.id, _file(w, mia_status="aufgenommen"), "commit").get_json()
    assert [(u["from_status"], u["to_status"]) for u in later["updated"]] == [
        ("beworben", "zugesagt")
    ]
    assert len(rows_of(Application)) == 2


def test_a_bad_row_rejects_the_whole_file_and_is_named(world, reference, login_as, db):
    """With one unknown status, is nothing written and the row and column named?"""
    w = world
    stubo = login_as(w.users.stubo)
    response = _upload(
        stubo, w.school.id, _file(w, ali_status="vielleicht"), "commit", mapping=MAPPING
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"].endswith("/registration-rows-rejected")
    (rejected,) = problem["report"]["rejected"]
    assert (rejected["row"], rejected["field"]) == (3, "Anmeldestatus")
    assert count_of(Application) == 0


def test_the_berufskolleg_updates_only_applications_naming_it(world, reference, login_as, db):
    """Does the BK's admissions file update Mia's application to it, and leave Ali (who did
    not apply there) unmatched instead of creating anything?"""
    w = world
    teacher = login_as(w.users.teacher)
    teacher.post(
        f"/api/v1/pupils/{w.pupil.id}/applications",
        json={
            "target_kind": "school",
            "target_school_id": w.berufskolleg.id,
            "option_code": "BFSII",
            "status": "beworben",
            "is_chosen": True,
        },
    )
    bk = login_as(w.users.bk_coordinator)
    mapping = {k: v for k, v in MAPPING.items() if k != "target_schulnummer"}
    report = _upload(bk, w.berufskolleg.id, _file(w), "commit", mapping=mapping).get_json()
    assert report["committed"], report
    assert [u["pupil_id"] for u in report["updated"]] == [w.pupil.id]
    assert report["unmatched"] == [{"row": 3, "reason": "pupil"}]
    assert count_of(Application) == 1


def test_a_mapping_naming_an_unknown_column_is_refused(world, reference, login_as, db):
    w = world
    response = _upload(
        login_as(w.users.stubo),
        w.school.id,
        _file(w),
        mapping={**MAPPING, "status": "Gibt es nicht"},
    )
    assert response.status_code == 422 and "mapping" in response.get_json()["errors"]
