import json

import pytest


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    # The test's transaction never commits; run after-commit work (emails) when it is queued instead.
    from acuclinic.booking import tasks

    monkeypatch.setattr(tasks.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


@pytest.fixture
def booking_payload(every_day, slot):
    def make(**changes):
        data = {
            "service": every_day["service"].slug,
            "practitioner": str(every_day["ann"].pk),
            "start": slot.isoformat(),
            "patient": {
                "name": "Alex Patient",
                "email": "alex@example.com",
                "phone": "416 555 0123",
                "new_patient": True,
            },
            "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
            "consent": True,
        }
        for key, value in changes.items():
            outer, _, inner = key.partition(".")
            if inner:
                data[outer] = {**data[outer], inner: value}
            else:
                data[key] = value
        return data

    return make


@pytest.fixture
def post_json(client):
    def post(path, data, **headers):
        body = data if isinstance(data, (bytes, str)) else json.dumps(data)
        return client.post(path, body, content_type="application/json", headers=headers)

    return post


def assert_error_model(response, status, code=None):
    """The API's one error model: {"detail": str, "code": str, "errors": [{"loc": [...], "msg": str}]}."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}, body
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["errors"], list)
    for item in body["errors"]:
        assert set(item) == {"loc", "msg"} and isinstance(item["loc"], list) and isinstance(item["msg"], str)
    if code is not None:
        assert body["code"] == code, body
    return body
