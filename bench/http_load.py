"""gunicorn started for a benchmark, and wrk driving one endpoint of it.

wrk (Debian package `wrk`, C, event loop) is the load generator: it costs the two shared cores
far less than a Python client would, so the figures are the server's, not the client's.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_reachable(port: int = 6379) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("bench/http.py needs wrk: apt-get install wrk (Debian package)")
    return path


@dataclass
class Gunicorn:
    """`python -m gunicorn <app>` on a free port of 127.0.0.1, no access log."""

    app: str
    env: dict
    workers: int = 2
    cwd: Path = ROOT  # the checkout whose code gunicorn serves
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, probe: str, timeout: float = 60.0) -> Gunicorn:
        command = [sys.executable, "-m", "gunicorn", self.app, "-w", str(self.workers)]
        command += ["-b", f"127.0.0.1:{self.port}", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=self.cwd, env=self.env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn {self.app} exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.base_url + probe, timeout=5) as reply:  # noqa: S310
                    if reply.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn {self.app} did not answer {probe} within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Gunicorn:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


@dataclass(frozen=True)
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    failed: int  # non-2xx/3xx answers and socket errors


def _ms(value: str, unit: str) -> float:
    return float(value) * UNITS_MS[unit]


def parse_wrk(output: str) -> LoadResult:
    """The figures of `wrk --latency` output."""
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.M))
    if set(latency) != {"50", "99"}:
        raise ValueError(f"no latency distribution in wrk output:\n{output}")
    p50, p99 = (re.fullmatch(r"([\d.]+)(us|ms|s|m)", latency[k]).groups() for k in ("50", "99"))
    rate = float(re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M).group(1))
    total = int(re.search(r"^\s+(\d+) requests in", output, re.M).group(1))
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
        output,
    )
    failed += sum(int(n) for n in errors.groups()) if errors else 0
    return LoadResult(rate, _ms(*p50), _ms(*p99), total, failed)


def drive(url: str, *, cookie: str | None, seconds: float, connections: int, threads: int = 2):
    """Run wrk against `url` with `connections` open connections for `seconds`."""
    command = [require_wrk(), "--latency", "-t", str(threads), "-c", str(connections)]
    command += ["-d", f"{seconds:g}s", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(command + [url], capture_output=True, text=True, check=True)
    return parse_wrk(done.stdout)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"
