"""A real gunicorn with several workers, and an HTTP client that knows which worker answered.

The worker is identified without touching the product: gunicorn's access log writes the
worker's process id (`%(p)s`) next to a probe number the client sends in a request header.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import redis_available  # noqa: F401  (re-exported to the deploy tests)

ROOT = Path(__file__).resolve().parents[2]
PROBE_HEADER = "X-Test-Probe"
ACCESS_LOG_FORMAT = "%({x-test-probe}i)s %(p)s %(s)s"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url: str, port: int, **extra: str) -> dict:
    """The environment a production deployment sets (see .env.example), minus TLS."""
    env = {k: v for k, v in os.environ.items() if k not in ("ANSCHLUSS_TEST_DB",)}
    env.update(
        {
            "ANSCHLUSS_ENV": "production",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_hex(32),
            "AUDIT_HMAC_KEY": secrets.token_hex(32),
            "SECURE_COOKIES": "0",  # plain HTTP on 127.0.0.1; a TLS proxy sits in front in reality
            "REDIS_URL": "redis://127.0.0.1:6379/7",
            "RATELIMIT_KEY_PREFIX": f"anschluss-test-{uuid.uuid4().hex[:12]}",
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        }
    )
    env.update(extra)
    return env


def run_flask(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: dict | None
    probe: str
    pid: int | None = None

    def cookie(self, name: str) -> str | None:
        for header in self.headers.get_all("Set-Cookie") or []:
            pair = header.split(";", 1)[0]
            key, _, value = pair.partition("=")
            if key.strip() == name:
                return value
        return None


@dataclass
class GunicornServer:
    env: dict
    workers: int = 2
    port: int = 0
    log_dir: Path = field(default_factory=Path)
    process: subprocess.Popen | None = None
    _probe_seq: int = 0

    @property
    def access_log(self) -> Path:
        return self.log_dir / "access.log"

    @property
    def error_log(self) -> Path:
        return self.log_dir / "error.log"

    def start(self, timeout: float = 30.0) -> GunicornServer:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "wsgi:app",
            "-w",
            str(self.workers),
            "-b",
            f"127.0.0.1:{self.port}",
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--error-logfile",
            str(self.error_log),
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.error_log.read_text()}")
            try:
                if self.request("GET", "/api/v1/auth/csrf").status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer:\n{self.error_log.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def request(self, method: str, path: str, body=None, cookie=None, csrf=None) -> Reply:
        self._probe_seq += 1
        probe = f"{uuid.uuid4().hex[:8]}-{self._probe_seq}"
        headers = {PROBE_HEADER: probe, "Accept": "application/json"}
        if cookie:
            headers["Cookie"] = cookie
        if csrf:
            headers["X-CSRF-Token"] = csrf
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        is_json = "json" in (response.getheader("Content-Type") or "")
        parsed = json.loads(raw) if raw and is_json else None
        return Reply(response.status, response.headers, parsed, probe)

    def concurrently(self, count: int, method: str, path: str, **kwargs) -> list[Reply]:
        """Send `count` requests at once (a busy sync worker leaves the next to the other)."""
        with ThreadPoolExecutor(max_workers=min(count, 8)) as pool:
            futures = [pool.submit(self.request, method, path, **kwargs) for _ in range(count)]
            replies = [future.result() for future in futures]
        return self.attribute(replies)

    def attribute(self, replies: list[Reply], timeout: float = 10.0) -> list[Reply]:
        """Fill in each reply's worker pid from the access log."""
        deadline = time.monotonic() + timeout
        while True:
            pids = self._pids_by_probe()
            if all(r.probe in pids for r in replies) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        for reply in replies:
            reply.pid = pids.get(reply.probe)
        return replies

    def _pids_by_probe(self) -> dict[str, int]:
        if not self.access_log.exists():
            return {}
        result = {}
        for line in self.access_log.read_text().splitlines():
            parts = line.split()  # probe, "<pid>", status
            if len(parts) == 3 and parts[1].strip("<>").isdigit():
                result[parts[0]] = int(parts[1].strip("<>"))
        return result
