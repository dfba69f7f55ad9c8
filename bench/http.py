"""The read side over HTTP: gunicorn, a real database, wrk; each endpoint's share of /health.

    python -m bench.http --database postgresql --pupils 50000 [--seconds 5 --rounds 3]

Generates the bench region once (or reuses it, as bench/run.py does), starts the app under
gunicorn (production settings, 2 workers) and, beside it, a bare Flask app under the same
gunicorn (the floor of a request: bench/bare_app.py). wrk (Debian package `wrk`) then drives
each endpoint in turn with 8 connections; the endpoints take turns in every round, so a change
in the machine's load hits all of them alike. Printed per endpoint: req/s, p50/p99 and the
share of /health's req/s in the same round (medians over the rounds), and whether it meets the
read-side goal (≥ 25 % of /health, p99 < 100 ms). Results also go to
bench/results/http-<database>-<date>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from bench.cases import Subjects
from bench.generate import RegionSize
from bench.http_load import (
    Gunicorn,
    LoadResult,
    drive,
    load_average,
    redis_reachable,
    require_wrk,
)
from bench.run import prepare_region
from bench.setup import RESULTS_DIR, logged_in_client

BASE_SUFFIX = " [base]"
GOAL_SHARE = 0.25
GOAL_P99_MS = 100.0


@dataclass(frozen=True)
class HttpCase:
    name: str
    role: str | None  # who is logged in; None: anonymous
    path_fn: Callable[[Subjects], str]
    server: str = "app"  # "app" or "bare"
    goal: bool = False  # held to the read-side goal


CASES = [
    HttpCase("health", None, lambda s: "/api/v1/health"),
    HttpCase("bare Flask", None, lambda s: "/health", server="bare"),
    HttpCase("bare Flask + SELECT 1", None, lambda s: "/health-db", server="bare"),
    HttpCase("auth/me (teacher)", "teacher", lambda s: "/api/v1/auth/me"),
    HttpCase(
        "noch kein Anschluss (stubo)",
        "stubo",
        lambda s: f"/api/v1/schools/{s.school_id}/leavers?unsecured=true&sort=risk&per_page=50",
        goal=True,
    ),
    HttpCase(
        "leaver summary (stubo)",
        "stubo",
        lambda s: f"/api/v1/schools/{s.school_id}/leavers/summary",
        goal=True,
    ),
    HttpCase(
        "Kommune aggregate",
        "kommune_coordinator",
        lambda s: f"/api/v1/kommunen/{s.kommune_id}/summary",
        goal=True,
    ),
    HttpCase(
        "class Anschluss (teacher)",
        "teacher",
        lambda s: f"/api/v1/classes/{s.class_id}/anschluss",
        goal=True,
    ),
    HttpCase(
        "class progress (teacher)",
        "teacher",
        lambda s: f"/api/v1/classes/{s.class_id}/progress",
        goal=True,
    ),
]


def server_env(database_url: str, secret_key: str, port: int) -> dict:
    """Production settings (Redis for rate limits when reachable), plain HTTP on 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANSCHLUSS_TEST")}
    env.update(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": secret_key,
            "AUDIT_HMAC_KEY": secrets.token_hex(32),
            "SECURE_COOKIES": "0",
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "RATELIMIT_KEY_PREFIX": f"anschluss-bench-{uuid.uuid4().hex[:8]}",
        }
    )
    if redis_reachable():
        env.update({"ANSCHLUSS_ENV": "production", "REDIS_URL": "redis://127.0.0.1:6379/7"})
    else:
        print("Redis is not reachable: the app runs with development settings")
        env["ANSCHLUSS_ENV"] = "development"
    return env


def session_cookies(app, subjects: Subjects) -> dict[str, str]:
    """A logged-in session cookie per role the cases need (server-side sessions in the DB)."""
    name = app.config["SESSION_COOKIE_NAME"]
    cookies = {}
    for role in {case.role for case in CASES if case.role}:
        client = logged_in_client(app, subjects.users[role])
        cookies[role] = f"{name}={client.get_cookie(name).value}"
    return cookies


def _turns(flip: bool) -> list[HttpCase]:
    """The cases in measuring order: an endpoint's [base] twin right beside it, the pair's
    order alternating between rounds, so neither side always runs on a busier machine."""
    twins = {case.name: case for case in CASES if case.server == "base"}
    order = []
    for case in CASES:
        if case.server == "base":
            continue
        pair = [case] + (
            [twins[case.name + BASE_SUFFIX]] if case.name + BASE_SUFFIX in twins else []
        )
        order += reversed(pair) if flip else pair
    return order


def measure_round(
    servers, subjects, cookies, seconds, connections, flip=False
) -> dict[str, LoadResult]:
    results = {}
    for case in _turns(flip):
        url = servers[case.server].base_url + case.path_fn(subjects)
        cookie = cookies.get(case.role) if case.role else None
        results[case.name] = drive(url, cookie=cookie, seconds=seconds, connections=connections)
        if results[case.name].failed:
            raise SystemExit(f"{case.name}: {results[case.name].failed} failed requests ({url})")
    return results


def _health_of(case: HttpCase) -> str:
    """The /health case of the same code: shares compare within one checkout."""
    return "health" + BASE_SUFFIX if case.server == "base" else "health"


def summarise(rounds: list[dict[str, LoadResult]]) -> list[dict]:
    rows = []
    for case in CASES:
        runs = [r[case.name] for r in rounds]
        health = _health_of(case)
        shares = [r[case.name].requests_per_second / r[health].requests_per_second for r in rounds]
        row = {
            "name": case.name,
            "req_per_s": round(statistics.median(x.requests_per_second for x in runs), 1),
            "p50_ms": round(statistics.median(x.p50_ms for x in runs), 1),
            "p99_ms": round(statistics.median(x.p99_ms for x in runs), 1),
            "p99_worst_ms": round(max(x.p99_ms for x in runs), 1),
            "share_of_health": round(statistics.median(shares), 3),
            "goal": case.goal,
        }
        row["meets_goal"] = (
            row["share_of_health"] >= GOAL_SHARE and row["p99_ms"] < GOAL_P99_MS
            if case.goal
            else None
        )
        rows.append(row)
    return rows


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'endpoint':<36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'worst p99':>9} "
        f"{'of /health':>10}  goal"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        goal = {True: "met", False: "MISSED", None: ""}[row["meets_goal"]]
        print(
            f"{row['name']:<36} {row['req_per_s']:>8.1f} {row['p50_ms']:>8.1f} "
            f"{row['p99_ms']:>8.1f} {row['p99_worst_ms']:>9.1f} "
            f"{row['share_of_health'] * 100:>9.1f}%  {goal}"
        )


def run(args) -> dict:
    require_wrk()
    size = RegionSize(pupils=args.pupils, schools=args.schools)
    secret_key = secrets.token_hex(32)
    app, subjects = prepare_region(args.database, size, args.fresh, secret_key=secret_key)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with app.app_context():
        cookies = session_cookies(app, subjects)
    main = Gunicorn("wsgi:app", {}, workers=args.workers)
    main.env = server_env(url, secret_key, main.port)
    bare = Gunicorn("bench.bare_app:app", {**main.env}, workers=args.workers)
    servers = {"app": main, "bare": bare}
    if args.compare:
        servers["base"] = base = Gunicorn("wsgi:app", {}, workers=args.workers, cwd=args.compare)
        base.env = server_env(url, secret_key, base.port)
        CASES.extend(
            replace(case, name=case.name + BASE_SUFFIX, server="base")
            for case in list(CASES)
            if case.server == "app"
        )
    with ExitStack() as running:
        for server in servers.values():
            running.enter_context(server.start("/health" if server is bare else "/api/v1/health"))
        print(f"warming up; load average {load_average()}")
        measure_round(servers, subjects, cookies, 1, args.connections)
        rounds, loads = [], []
        for number in range(1, args.rounds + 1):
            loads.append(load_average())
            print(f"round {number}/{args.rounds}; load average {loads[-1]}")
            flip = number % 2 == 0
            rounds.append(
                measure_round(servers, subjects, cookies, args.seconds, args.connections, flip)
            )
    rows = summarise(rounds)
    for row, case in zip(rows, CASES, strict=True):
        row["path"] = case.path_fn(subjects)
    print(
        f"\n{args.database}, {size.pupils} pupils, gunicorn -w {args.workers}, "
        f"{args.connections} connections, {args.rounds} rounds of {args.seconds:g} s"
    )
    print_table(rows)
    return {
        "database": args.database,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "pupils": size.pupils,
        "workers": args.workers,
        "connections": args.connections,
        "seconds": args.seconds,
        "load_average_per_round": loads,
        "cases": rows,
        "rounds": [{k: vars(v) for k, v in r.items()} for r in rounds],
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--pupils", type=int, default=RegionSize.pupils)
    parser.add_argument("--schools", type=int, default=RegionSize.schools)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0, help="per endpoint and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="regenerate the region")
    parser.add_argument(
        "--compare",
        type=Path,
        help="another checkout (e.g. a git worktree of main) served beside this one; its "
        "endpoints are measured in the same rounds and marked [base]",
    )
    parser.add_argument(
        "--only", help="comma-separated parts of endpoint names to measure (health always)"
    )
    args = parser.parse_args(argv)
    if args.only:
        wanted = [part.strip().lower() for part in args.only.split(",")]
        CASES[:] = [
            case
            for case in CASES
            if case.name == "health" or any(part in case.name.lower() for part in wanted)
        ]
    report = run(args)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"http-{args.database}-{datetime.now(UTC):%Y-%m-%d}.json"
    path.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
