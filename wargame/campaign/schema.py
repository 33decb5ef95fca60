"""The JSON Schema (Draft 4) of the campaign format, generated from the model classes and the key table in `keys.py`."""

from __future__ import annotations

import inspect
import types
import typing

import attrs

from ..core.model import Campaign
from . import keys

SCHEMA_FILE = "campaign.schema.json"


def _doc(cls) -> str:
    return inspect.getdoc(cls).split("\n")[0] if inspect.getdoc(cls) else ""


def _type_schema(t, definitions: dict) -> dict:
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        if len(present) == 1:
            return _type_schema(present[0], definitions)
        return {"anyOf": [_type_schema(a, definitions) for a in present]}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], definitions)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], definitions)}
    if t is str:
        return {"type": "string"}
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer"}
    if t is float:
        return {"type": "number"}
    if attrs.has(t):
        name = t.__name__
        if name not in definitions:
            definitions[name] = {}  # reserve the name first: classes may refer to each other
            definitions[name] = _class_schema(t, definitions)
        return {"$ref": f"#/definitions/{name}"}
    raise TypeError(f"no schema for {t!r}")


def _plain_default(value):
    """A default as JSON, or None when JSON cannot say it (no default, None, a table of the model)."""
    if value is attrs.NOTHING or value is None:
        return None
    if attrs.has(type(value)):
        return None
    if isinstance(value, tuple):
        return [attrs.asdict(v) if attrs.has(type(v)) else v for v in value]
    return value


def _documented(cls, key: str, schema: dict) -> dict:
    """A key's schema with what `keys.py` says of it: description, range, words, sizes and default."""
    k = keys.KEYS.get(cls, {}).get(key)
    if k is None:
        return schema
    out = {"description": keys.plain(k.meaning), **schema}
    # A number that may be left out (`float | None`) is a number when written: the range applies to it.
    if out.get("type") in ("number", "integer"):
        if k.minimum is not None:
            out["minimum"] = k.minimum
        if k.maximum is not None:
            out["maximum"] = k.maximum
    words = keys.choices(cls, key)
    if out.get("type") == "string" and words:
        out["enum"] = list(words)
    if out.get("type") == "array":
        if k.min_items is not None:
            out["minItems"] = k.min_items
        if k.max_items is not None:
            out["maxItems"] = k.max_items
    default = _plain_default(keys.default_value(cls, key))
    if default is not None:
        out["default"] = default
    return out


def _class_schema(cls, definitions: dict) -> dict:
    hints = typing.get_type_hints(cls)
    properties = {}
    required = []
    for field in attrs.fields(cls):
        # A key that is a Python keyword (a condition's `not`) is held by a field of another name.
        key = field.metadata.get("key", field.name)
        properties[key] = _documented(cls, key, _type_schema(hints[field.name], definitions))
        if field.default is attrs.NOTHING:
            required.append(field.name)
    schema = {
        "type": "object",
        "description": _doc(cls),
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def campaign_schema() -> dict:
    """The whole schema: a campaign file is a `Campaign` table; unknown keys are refused everywhere."""
    definitions: dict = {}
    root = _class_schema(Campaign, definitions)
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "id": "https://wargame.invalid/campaign.schema.json",
        "title": "wargame campaign",
        **root,
        "definitions": dict(sorted(definitions.items())),
    }
