"""``/api/docs``: the OpenAPI description rendered as a plain page.

FastAPI's default Swagger page loads its scripts from a CDN and runs an inline script,
which the offline, no-inline-script rule forbids; this page is server-rendered from the
same OpenAPI document instead, and needs no script at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details; bad-query problems add query, position and "
                   "display (the query with a caret under the problem).",
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "query": {"type": "string"},
        "position": {"type": "integer"},
        "display": {"type": "string"},
    },
    "required": ["type", "title", "status", "detail"],
}


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    where: str
    type: str
    required: bool
    default: str
    description: str


@dataclass(frozen=True, slots=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    params: list[Param]
    responses: list[tuple[str, str, str]]  # status, description, schema name
    example: str | None


EXAMPLES = {
    "/api/v1/cables/{cable_id}": None,
    "/api/v1/search": "/api/v1/search?q=tag%3AKNNP&per_page=5",
    "/api/v1/tags": "/api/v1/tags",
    "/api/v1/origins": "/api/v1/origins",
    "/api/v1/stats": "/api/v1/stats",
}


def operations(spec: dict[str, Any]) -> list[Operation]:
    ops: list[Operation] = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            ops.append(Operation(
                method=method.upper(),
                path=path,
                summary=str(op.get("summary", "")),
                description=str(op.get("description", "")),
                params=[_param(p) for p in op.get("parameters", [])],
                responses=[(code, str(r.get("description", "")), _schema_name(r))
                           for code, r in op.get("responses", {}).items()],
                example=EXAMPLES.get(path),
            ))
    return ops


def _param(p: dict[str, Any]) -> Param:
    schema = p.get("schema", {})
    default = schema.get("default")
    return Param(
        name=str(p.get("name", "")),
        where=str(p.get("in", "")),
        type=_type(schema),
        required=bool(p.get("required", False)),
        default="" if default is None else str(default),
        description=str(p.get("description", "")),
    )


def _type(schema: dict[str, Any]) -> str:
    if "type" in schema:
        return str(schema["type"])
    kinds = [str(s.get("type")) for s in schema.get("anyOf", []) if "type" in s]
    return " or ".join(kinds) or "any"


def _schema_name(response: dict[str, Any]) -> str:
    for content in response.get("content", {}).values():
        schema = content.get("schema", {})
        ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
        if ref:
            name = str(ref).rsplit("/", 1)[-1]
            return f"list of {name}" if "items" in schema else name
    return ""


def schemas(spec: dict[str, Any]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Each component schema with its fields: (name, type, description)."""
    out = []
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        if name in ("HTTPValidationError", "ValidationError"):
            continue
        fields = [(field, _type(s) if "$ref" not in s else s["$ref"].rsplit("/", 1)[-1],
                   str(s.get("description", "")))
                  for field, s in schema.get("properties", {}).items()]
        out.append((name, fields))
    return out
