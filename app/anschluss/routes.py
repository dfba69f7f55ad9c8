"""HTTP routes of the anschluss feature."""

from flask_smorest import Blueprint

blp = Blueprint("anschluss", __name__, url_prefix="/api/v1", description="anschluss")
