"""The service worker's precache list: every file exists, every module of the app is in it.

A missing file makes `cache.addAll` reject, so the service worker never installs and the app
does not work offline at all; a module left out of the list breaks its screen offline.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
SW_SOURCE = (FRONTEND / "sw.js").read_text(encoding="utf-8")


def precache_list() -> list[str]:
    block = re.search(r"const SHELL = \[(.*?)\];", SW_SOURCE, re.S)
    assert block, "sw.js has no `const SHELL = [...]` precache list"
    return re.findall(r"'([^']+)'", block.group(1))


def frontend_files(folder: str, suffix: str) -> list[str]:
    return sorted(
        "/" + path.relative_to(FRONTEND).as_posix()
        for path in (FRONTEND / folder).rglob(f"*{suffix}")
    )


def test_does_the_service_worker_name_a_version():
    """Does sw.js carry a VERSION constant that names its cache?"""
    assert re.search(r"const VERSION = '[^']+';", SW_SOURCE)
    assert "anschluss-shell-${VERSION}" in SW_SOURCE


def test_is_no_file_precached_twice():
    """Is every precached path listed once only (addAll rejects duplicate requests)?"""
    paths = precache_list()
    assert len(paths) == len(set(paths)), sorted({p for p in paths if paths.count(p) > 1})


def test_is_every_precached_file_served(client):
    """Does the app answer 200 with a body for every path in the precache list?"""
    failures = {}
    for path in precache_list():
        response = client.get(path)
        if response.status_code != 200 or not response.data:
            failures[path] = response.status_code
    assert failures == {}


@pytest.mark.parametrize(("folder", "suffix"), [("js", ".js"), ("css", ".css"), ("i18n", ".json")])
def test_is_every_module_stylesheet_and_catalog_precached(folder, suffix):
    """Is every JS module, stylesheet and message catalog of the app in the precache list?"""
    missing = set(frontend_files(folder, suffix)) - set(precache_list())
    assert missing == set(), f"add to SHELL in frontend/sw.js: {sorted(missing)}"


def test_does_every_relative_import_resolve():
    """Does every `import … from './x.js'` of a module point at a file that exists?"""
    broken = []
    for module in (FRONTEND / "js").rglob("*.js"):
        source = module.read_text(encoding="utf-8")
        for target in re.findall(r"""(?:from|import)\s*\(?\s*['"](\.{1,2}/[^'"]+)['"]""", source):
            if not (module.parent / target).resolve().is_file():
                broken.append(f"{module.relative_to(FRONTEND)} → {target}")
    assert broken == []


def test_does_every_route_name_an_existing_precached_screen():
    """Does every screen module of the route registry exist and sit in the precache list?"""
    routes = (FRONTEND / "js" / "routes.js").read_text(encoding="utf-8")
    modules = re.findall(r"module: '\./(screens/[^']+)'", routes)
    assert modules
    missing = [m for m in modules if not (FRONTEND / "js" / m).is_file()]
    unlisted = [m for m in modules if f"/js/{m}" not in precache_list()]
    assert (missing, unlisted) == ([], [])


def test_does_a_changed_app_file_give_the_service_worker_a_new_version(tmp_path):
    """The app is served from the service worker's cache first: does changing any file (with
    nobody bumping VERSION by hand) change the version the service worker is served with?"""
    from app.frontend import app_fingerprint

    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "app.js").write_text("console.log(1);\n", encoding="utf-8")
    (tmp_path / "sw.js").write_text("const VERSION = 'v1';\n", encoding="utf-8")
    first = app_fingerprint(tmp_path)
    assert app_fingerprint(tmp_path) == first
    (tmp_path / "sw.js").write_text("const VERSION = 'v2';\n", encoding="utf-8")
    assert app_fingerprint(tmp_path) == first  # sw.js itself reaches the browser byte for byte
    (tmp_path / "js" / "app.js").write_text("console.log(2);\n", encoding="utf-8")
    assert app_fingerprint(tmp_path) != first


def test_is_the_service_worker_served_with_the_fingerprinted_version(client):
    """Does /sw.js name VERSION plus the app's fingerprint, may it control the whole origin, and
    is it revalidated on every check (no-cache, 304 when unchanged)?"""
    from app.frontend import app_fingerprint

    version = re.search(r"const VERSION = '([^']+)';", SW_SOURCE).group(1)
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert f"const VERSION = '{version}-{app_fingerprint()}';" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert "javascript" in response.mimetype
    again = client.get("/sw.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
