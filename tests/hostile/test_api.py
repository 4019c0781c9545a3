"""The hostile-input table over the JSON API: every operation in /api/v1/openapi.json, each path and query
parameter and each leaf of each body, with text and with JSON of the wrong type; and whole bodies that
are no JSON at all. No 5xx, nothing logged at ERROR, and every JSON response parses (probe.py)."""

from __future__ import annotations

import copy
import json

import pytest

from . import discovery
from .probe import encode
from .values import JSON, TEXT

pytestmark = pytest.mark.django_db

RAW_BODIES = [
    ("empty body", "", "application/json"),
    ("NUL body", "\x00", "application/json"),
    ("JSON null body", "null", "application/json"),
    ("JSON list body", "[]", "application/json"),
    ("cut-off JSON", '{"service": "treat', "application/json"),
    ("Infinity", '{"start": Infinity}', "application/json"),
    ("lone surrogate escape", '{"service": "\\ud800"}', "application/json"),
    ("huge nesting", "[" * 5000 + "]" * 5000, "application/json"),
    ("form body", "service=treatment", "application/x-www-form-urlencoded"),
    ("text/plain JSON", "{}", "text/plain"),
]


def body_for(schema: dict, known, *, start: str | None = None) -> dict:
    """A valid body for ``schema``: each property from the known values by its name."""
    body = {}
    for name, prop in schema.get("properties", {}).items():
        if prop.get("type") == "object" or "properties" in prop:
            body[name] = body_for(prop, known, start=start)
        elif name == "start" and start:
            body[name] = start
        elif name in known.body:
            body[name] = known.body[name]
        else:
            body[name] = {"boolean": False, "integer": 1, "number": 1}.get(prop.get("type"), "x")
    return body


def replaced(body: dict, leaf: tuple, value) -> dict:
    changed = copy.deepcopy(body)
    node = changed
    for name in leaf[:-1]:
        node = node[name]
    node[leaf[-1]] = value
    return changed


def send(probe, op, path_values, query_values, text, where, label, content_type="application/json"):
    path = op.path.format(**path_values)
    if query_values:
        path += "?" + "&".join(f"{encode(k)}={encode(v)}" for k, v in query_values.items())
    probe.send(op.method, path, route=op.path, where=where, label=label, body=text, content_type=content_type)


def test_every_api_operation_parameter_and_body_field(client, known, probe):
    operations = discovery.api_operations(client.get("/api/v1/openapi.json").json())
    assert len(operations) >= 12 and any(op.body for op in operations)
    for op in operations:
        segments = {name: encode(known.segments[name]) for name in op.path_params}
        query = {name: known.query[name] for name in op.query_params}
        start = known.reschedule_to if op.path.endswith("/reschedule") else None
        body = body_for(op.body, known, start=start) if op.body else None
        body_text = json.dumps(body) if body is not None else ""

        for name in op.path_params:
            for label, value in TEXT:
                if value in ("", "."):
                    continue  # no longer this route (an empty or "." segment is another URL)
                send(probe, op, {**segments, name: encode(value)}, query, body_text, name, label)
        for name in op.query_params:
            for label, value in TEXT:
                send(probe, op, segments, {**query, name: value}, body_text, name, label)
        if body is None:
            continue
        for leaf in discovery.body_leaves(op.body):
            where = ".".join(leaf)
            for label, value in [*TEXT, *JSON]:
                send(probe, op, segments, query, json.dumps(replaced(body, leaf, value)), where, label)
        for label, text, content_type in RAW_BODIES:
            send(probe, op, segments, query, text, "body", label, content_type)
    assert not probe.failures, probe.verdict("API")
