"""A stand-in for the jobsuche API over HTTP: answers GET /pc/v4/jobs with the pages it is given
and records the requests (query and X-API-Key) for the tests to check."""

from __future__ import annotations

import copy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

EXAMPLE = Path(__file__).parent / "data" / "jobsuche_documented_example.json"


def documented_offer(**changes) -> dict:
    """The documented example offer with some fields changed (refnr, beruf, dates, place)."""
    offer = copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8"))["stellenangebote"][0])
    place = changes.pop("arbeitsort", {})
    offer.update(changes)
    offer["arbeitsort"].update(place)
    return offer


class JobsucheStandIn:
    def __init__(self):
        self.offers: list[dict] = []
        self.requests: list[dict] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server interface
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                stand_in.requests.append(
                    {"path": url.path, "query": query, "key": self.headers.get("X-API-Key")}
                )
                page, size = int(query.get("page", 1)), int(query.get("size", 25))
                batch = stand_in.offers[(page - 1) * size : page * size]
                body = json.dumps(
                    {
                        "stellenangebote": batch,
                        "maxErgebnisse": str(len(stand_in.offers)),
                        "page": str(page),
                        "size": str(size),
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
