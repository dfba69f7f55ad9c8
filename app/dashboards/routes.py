"""HTTP routes of the dashboards feature."""

from flask_smorest import Blueprint

blp = Blueprint("dashboards", __name__, url_prefix="/api/v1", description="dashboards")
