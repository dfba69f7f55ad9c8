"""Documenting the problem responses a route can give (401/403/404 come from the policy)."""

from __future__ import annotations

from http import HTTPStatus


def problems(blp, *codes: int):
    """Add `alt_response` entries that reference the shared problem+json responses."""

    def decorate(view):
        for code in codes:
            view = blp.alt_response(code, response=HTTPStatus(code).name)(view)
        return view

    return decorate
