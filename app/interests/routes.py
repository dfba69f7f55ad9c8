"""HTTP routes of the interests feature."""

from flask_smorest import Blueprint

blp = Blueprint("interests", __name__, url_prefix="/api/v1", description="interests")
