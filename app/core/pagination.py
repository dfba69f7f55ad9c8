"""One way to page a list: in SQL (LIMIT/OFFSET, the total by COUNT), one query schema and one
page schema, one default and one maximum page size.

    @blp.arguments(SomeQuerySchema, location="query")   # subclass of PageQuerySchema
    @blp.response(200, SomePageSchema)                  # subclass of PageSchema with `items`
    def some_list(query):
        things = select(Thing).order_by(Thing.name, Thing.id)
        return paginate(things, query["page"], query["per_page"])

The query must have a total order (end with a unique column), or rows may repeat across pages.
A list costs two statements (COUNT and the page) plus its eager loads, whatever the data size.
"""

from __future__ import annotations

import marshmallow as ma
from sqlalchemy import Select, func, select

from app.core.schemas import InputSchema, OutputSchema
from app.extensions import db

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 100_000


class PageQuerySchema(InputSchema):
    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=MAX_PAGE))
    per_page = ma.fields.Integer(
        load_default=DEFAULT_PER_PAGE, validate=ma.validate.Range(min=1, max=MAX_PER_PAGE)
    )


class PageSchema(OutputSchema):
    """A page of a list; subclasses add `items = ma.fields.List(ma.fields.Nested(…))`."""

    total = ma.fields.Integer(required=True, metadata={"description": "Items on all pages"})
    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)


def count(query: Select) -> int:
    """How many rows `query` selects (COUNT in SQL)."""
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def paginate(query: Select, page: int, per_page: int, *, entities: bool = True) -> dict:
    """The page `page` of `query` as {items, total, page, per_page}; `entities=False` returns
    rows (for queries selecting several columns) instead of the first column's objects."""
    window = query.limit(per_page).offset((page - 1) * per_page)
    result = db.session.scalars(window) if entities else db.session.execute(window)
    return {"items": list(result), "total": count(query), "page": page, "per_page": per_page}
