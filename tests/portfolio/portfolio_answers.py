"""Answer sets for questionnaire tests."""

from __future__ import annotations

from app.interests import catalog


def answers_for(levels: dict[str, int]) -> dict[str, int]:
    """Every item answered with its type's level, e.g. {"S": 5, "A": 4} (others 2)."""
    return {item_id: levels.get(t, 2) for item_id, t in catalog.item_types().items()}


def submission(levels: dict[str, int] | None = None, **overrides) -> dict:
    body = {
        "questionnaire_version": catalog.questionnaire()["version"],
        "answers": answers_for(levels or {"S": 5, "A": 4, "E": 3}),
    }
    body.update(overrides)
    return body
