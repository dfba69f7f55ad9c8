"""Every route of the Verantwortungskette, on one blueprint (`api.blp`)."""

from app.verantwortungskette import (
    routes_cases,
    routes_handover,
    routes_me,
    routes_recipients,
    routes_rounds,
)
from app.verantwortungskette.api import blp

__all__ = [
    "blp",
    "routes_cases",
    "routes_handover",
    "routes_me",
    "routes_recipients",
    "routes_rounds",
]
