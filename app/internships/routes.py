"""HTTP routes of the internships feature."""

from flask_smorest import Blueprint

blp = Blueprint("internships", __name__, url_prefix="/api/v1", description="internships")
