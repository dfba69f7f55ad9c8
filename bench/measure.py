"""Latency and SQL statement counts per request."""

from __future__ import annotations

import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine


class StatementCounter:
    """Counts statements sent to the database while a request is being handled."""

    def __init__(self) -> None:
        self.count = 0

    def _on_execute(self, *_args, **_kwargs) -> None:
        if has_request_context():
            self.count += 1

    @contextmanager
    def listening(self, engine: Engine):
        event.listen(engine, "before_cursor_execute", self._on_execute)
        try:
            yield self
        finally:
            event.remove(engine, "before_cursor_execute", self._on_execute)

    def take(self) -> int:
        count, self.count = self.count, 0
        return count


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(share * 100) - 1]


@dataclass
class CaseResult:
    name: str
    role: str
    method: str
    path: str
    requests: int
    statuses: list[int] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "method": self.method,
            "path": self.path,
            "requests": self.requests,
            "statuses": sorted(set(self.statuses)),
            "p50_ms": round(percentile(self.latencies_ms, 0.50), 2),
            "p95_ms": round(percentile(self.latencies_ms, 0.95), 2),
            # This process's CPU time: steadier than wall time on a busy machine, but without
            # the database server's share on PostgreSQL.
            "cpu_p50_ms": round(percentile(self.cpu_ms, 0.50), 2),
            "statements_min": min(self.statements),
            "statements_max": max(self.statements),
            "statements_median": statistics.median(self.statements),
        }


def measure(client, counter: StatementCounter, result: CaseResult, warmup: int = 5) -> CaseResult:
    """Send the request `warmup` times unmeasured, then `result.requests` times measured."""
    send = getattr(client, result.method.lower())
    for _ in range(warmup):
        send(result.path)
    counter.take()
    for _ in range(result.requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = send(result.path)
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        result.cpu_ms.append((time.process_time() - cpu_started) * 1000)
        result.statuses.append(response.status_code)
        result.statements.append(counter.take())
    return result
