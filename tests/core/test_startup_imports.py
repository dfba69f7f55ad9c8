"""Start-up stays light: the app factory loads no library that only some requests need."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Each costs start-up 0.1–0.3 s and serves a few routes (PDFs, XLSX, allocation, passkeys).
HEAVY = ("fpdf", "openpyxl", "scipy", "numpy", "webauthn", "PIL")

PROBE = """
import json, sys
from app import create_app
from app.auth import passwords
create_app({"ENV_NAME": "testing", "SECRET_KEY": "x" * 64, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
print(json.dumps({
    "loaded": sorted(name for name in %r if name in sys.modules),
    "dummy_hash_made": passwords._dummy_hash.cache_info().currsize,
}))
"""


def test_does_the_app_start_without_heavy_libraries():
    """Does a worker start without importing fpdf, openpyxl, scipy/numpy or py_webauthn, and
    without computing an argon2 hash, so that gunicorn workers and tests start quickly?"""
    done = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"loaded": [], "dummy_hash_made": 0}
