"""Self-found placements in the browser: the pupil records one (an 8-hour day is refused with
the rule named), the class teacher sets the target group, confirms the placement, takes over
the visit and opens the Praktikumsvereinbarung (PDF); axe at 360 and 1280 px."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytestmark = pytest.mark.browser


def _dates(live_server) -> tuple[str, str]:
    def build():
        from tests.internships.helpers import school_day

        start = school_day(after_days=21)
        return start.isoformat(), (start + timedelta(days=11)).isoformat()

    return live_server.create(build)


@pytest.mark.parametrize("viewport", ["page", "desktop_page"])
def test_pupil_records_placement_teacher_confirms_visits_and_opens_agreement(
    request, viewport, live_server, login, screens, assert_no_axe_violations
):
    """Can a pupil record a self-found placement (8 hours refused, naming the JArbSchG), and
    the teacher confirm it, take over the visit and open the agreement PDF?"""
    page = request.getfixturevalue(viewport)
    world = live_server.make_class_world(pupils=(("Jana", "Özdemir"),), pupil_logins=True)
    starts_on, ends_on = _dates(live_server)
    login(page, world.pupil_usernames[0])
    screens.open(page, "/#/my-placements")
    form = page.locator("#placement-form")
    form.get_by_label("Name des Betriebs oder der Einrichtung").fill("Tischlerei Öztürk")
    form.get_by_label("Ort").fill("Dortmund")
    form.get_by_label("Ansprechperson").fill("Frau Öztürk")
    form.get_by_label("Erster Tag").fill(starts_on)
    form.get_by_label("Letzter Tag").fill(ends_on)
    form.get_by_label("Beginn am Tag").fill("08:00")
    form.get_by_label("Ende am Tag").fill("16:00")
    form.get_by_label("Pausen am Tag (Minuten)").fill("0")
    form.get_by_role("button", name="Praktikum eintragen").click()
    error = page.locator("#placement-form .field-error, #placement-form [role=alert]").first
    error.wait_for()
    assert "7 Stunden" in page.locator("#placement-form").inner_text()
    assert "JArbSchG" in page.locator("#placement-form").inner_text()
    form.get_by_label("Ende am Tag").fill("14:30")
    form.get_by_label("Pausen am Tag (Minuten)").fill("30")
    form.get_by_role("button", name="Praktikum eintragen").click()
    item = page.locator("#placements li", has_text="Tischlerei Öztürk")
    item.wait_for()
    assert "Tischlerei Öztürk" in item.inner_text()
    assert "wartet auf Bestätigung" in item.inner_text()
    assert_no_axe_violations(page, f"pupil placements {viewport}")

    login(page, world.teacher)
    screens.open(page, f"/#/pupils/{world.pupil_ids[0]}/kaoa")
    groups = page.locator("#target-groups-form")
    groups.get_by_label("KAoA-kompakt (neu zugewandert)").check()
    groups.get_by_role("button", name="Zielgruppe speichern").click()
    page.get_by_text("Zielgruppe gespeichert.").wait_for(state="attached")
    assert page.locator("#tg-kaoa_kompakt").is_checked()
    page.get_by_role("button", name="Praktikum bei Tischlerei Öztürk bestätigen").click()
    page.locator("#placements li .badge--ok").wait_for()
    page.get_by_role(
        "button", name="Besuch des Praktikums bei Tischlerei Öztürk übernehmen"
    ).click()
    item = page.locator("#placements li", has_text="Lena Lehrerin")
    item.wait_for()
    text = item.inner_text()
    assert "bestätigt" in text and "Lena Lehrerin" in text
    link = item.get_by_role("link", name="Praktikumsvereinbarung (PDF) für Tischlerei Öztürk")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")
    assert_no_axe_violations(page, f"teacher placements {viewport}")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
    assert page.js_errors == []
