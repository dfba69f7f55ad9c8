"""Measure chosen endpoints on a generated region: p50/p95 latency and SQL statements.

    python -m bench.run --database sqlite|postgresql|both --pupils 50000 [--requests 200]

The region is generated once per engine and size and reused on later runs (`--fresh`
regenerates it). Requests go through the Flask test client, so the figures are the
application's own cost (routing, policy, queries, serialisation) without HTTP or TLS.
Results: a table on stdout and bench/results/<db>-<date>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from datetime import UTC, datetime

from app.extensions import db
from bench.cases import CASES, BenchCase, Subjects, find_subjects
from bench.generate import RegionSize, existing_pupils, generate
from bench.measure import CaseResult, StatementCounter, measure
from bench.setup import RESULTS_DIR, bench_app, database_url, ensure_database, logged_in_client


def prepare_region(engine: str, size: RegionSize, fresh: bool, secret_key: str | None = None):
    """The app on the region's database (generated on first use, then reused)."""
    url = database_url(engine, size.pupils)
    ensure_database(url, fresh=fresh)
    app = bench_app(url, secret_key)
    with app.app_context():
        found = existing_pupils()
        if found is not None and found != size.pupils:
            raise SystemExit(f"{url} holds a region of {found} pupils; run with --fresh")
        if found is None:
            started = time.perf_counter()
            counts = generate(size)
            print(f"[{engine}] generated {counts} in {time.perf_counter() - started:.1f} s")
        else:
            print(f"[{engine}] reusing the region of {found} pupils in {url}")
        subjects = find_subjects()
    return app, subjects


def run_case(app, subjects: Subjects, case: BenchCase, requests: int) -> dict:
    client = logged_in_client(app, subjects.users[case.role])
    result = CaseResult(case.name, case.role, case.method, case.path_fn(subjects), requests)
    with app.app_context():
        engine = db.engine
    counter = StatementCounter()
    with counter.listening(engine):
        measure(client, counter, result)
    return result.summary()


def print_table(engine: str, subjects: Subjects, rows: list[dict]) -> None:
    print(f"\n{engine}: class {subjects.class_id} has {subjects.class_size} pupils")
    header = (
        f"{'endpoint':<28} {'path':<34} {'status':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'cpu p50':>8} {'SQL/req':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        statements = (
            str(row["statements_min"])
            if row["statements_min"] == row["statements_max"]
            else f"{row['statements_min']}-{row['statements_max']}"
        )
        status = ",".join(str(s) for s in row["statuses"])
        print(
            f"{row['name']:<28} {row['path'][:34]:<34} {status:>7} "
            f"{row['p50_ms']:>8.2f} {row['p95_ms']:>8.2f} {row['cpu_p50_ms']:>8.2f} {statements:>8}"
        )


def run_engine(engine: str, size: RegionSize, requests: int, fresh: bool) -> dict:
    app, subjects = prepare_region(engine, size, fresh)
    rows = [run_case(app, subjects, case, requests) for case in CASES]
    print_table(engine, subjects, rows)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    report = {
        "database": engine,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "region": {"pupils": size.pupils, "schools": size.schools, "kommunen": size.kommunen},
        "class_size": subjects.class_size,
        "requests_per_case": requests,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "load_average": list(os.getloadavg()),
        "cases": rows,
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{engine}-{datetime.now(UTC):%Y-%m-%d}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {path}")
    failed = [row["name"] for row in rows if row["statuses"] != [200]]
    if failed:
        raise SystemExit(f"[{engine}] non-200 answers from: {', '.join(failed)}")
    return report


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pupils", type=int, default=RegionSize.pupils)
    parser.add_argument("--schools", type=int, default=RegionSize.schools)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="regenerate the region")
    args = parser.parse_args(argv)
    size = RegionSize(pupils=args.pupils, schools=args.schools)
    engines = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    for engine in engines:
        run_engine(engine, size, args.requests, args.fresh)


if __name__ == "__main__":
    main()
