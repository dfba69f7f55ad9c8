"""The Verantwortungskette's one blueprint; the `routes_*` modules add their routes to it."""

from flask_smorest import Blueprint

blp = Blueprint(
    "verantwortungskette",
    __name__,
    url_prefix="/api/v1",
    description=(
        "Verantwortungskette: identification rounds and lists, consents, handovers, the "
        "statutory transfer, cases of the receiving coordinators"
    ),
)
