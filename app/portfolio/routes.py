"""HTTP routes of the portfolio feature."""

from flask_smorest import Blueprint

blp = Blueprint("portfolio", __name__, url_prefix="/api/v1", description="portfolio")
