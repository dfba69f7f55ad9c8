"""Routes about the service itself: health and the sources/licences of reference data."""

from __future__ import annotations

import json

import marshmallow as ma
from flask_smorest import Blueprint
from sqlalchemy import text

from app.core.policy import access, public
from app.data import DATA_DIR
from app.extensions import db

blp = Blueprint("meta", __name__, url_prefix="/api/v1", description="Service information")

ATTRIBUTIONS_FILE = DATA_DIR / "attributions.json"


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True)


class AttributionSchema(ma.Schema):
    file = ma.fields.String()
    title = ma.fields.String()
    source = ma.fields.String()
    licence = ma.fields.String()
    attribution_de = ma.fields.String()
    attribution_en = ma.fields.String()


@blp.route("/health", methods=["GET"])
@access(public("Load balancers and monitoring probe it"))
@blp.response(200, HealthSchema)
def health():
    """Is the service up and its database reachable? (Names no software: nothing to probe.)"""
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}


@blp.route("/attributions", methods=["GET"])
@access(public("The 'Quellen & Lizenzen' page is public"))
@blp.response(200, AttributionSchema(many=True))
def attributions():
    """Sources and licences of the reference data the app ships."""
    if not ATTRIBUTIONS_FILE.exists():
        return []
    return json.loads(ATTRIBUTIONS_FILE.read_text(encoding="utf-8"))
