"""Helpers of the families tests."""

from __future__ import annotations


def issue_link(client, pupil_id: int, language: str = "tr") -> dict:
    response = client.post(f"/api/v1/pupils/{pupil_id}/guardian-links", json={"language": language})
    assert response.status_code == 201, response.get_json()
    return response.get_json()
