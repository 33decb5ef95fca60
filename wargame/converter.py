"""The one cattrs converter: strict structuring of campaigns, orders and saves, and unstructuring."""

from __future__ import annotations

import math
import re
import sys
import typing

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override


class WrongType(ValueError):
    """A value of the wrong type; the message says what was expected and what came."""


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return repr(value)


def _strict_int(value, _type):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise WrongType(f"expected an integer, got {_describe(value)}")


def _strict_float(value, _type):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise WrongType(f"expected a finite number, got {value}")
        return float(value)
    raise WrongType(f"expected a number, got {_describe(value)}")


def _strict_bool(value, _type):
    if isinstance(value, bool):
        return value
    raise WrongType(f"expected true or false, got {_describe(value)}")


def _strict_str(value, _type):
    if isinstance(value, str):
        return value
    raise WrongType(f"expected a string, got {_describe(value)}")


def _is_literal(t) -> bool:
    return typing.get_origin(t) is typing.Literal


def _literal_hook(value, t):
    allowed = typing.get_args(t)
    if value in allowed and type(value) is type(allowed[0]):
        return value
    shown = ", ".join(f'"{a}"' for a in allowed)
    raise WrongType(f"expected one of {shown}, got {_describe(value)}")


def _is_homogeneous_tuple(t) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_attrs_class(t) -> bool:
    return isinstance(t, type) and hasattr(t, "__attrs_attrs__")


def _attrs_structure_hook(cls: type, conv: cattrs.Converter):
    """A hook that structures a table into the attrs class `cls`, as cattrs's generated one would.

    cattrs writes and compiles Python source for each class, about a third of a millisecond a
    class: more than checking a whole campaign takes once the functions exist. This hook takes the
    same steps in the same order from a list of the fields, and raises the same errors with the
    same notes, so every message reads the same; it structures about as fast.
    """
    fields: list | None = None  # (key, init argument, hook, type, has a default), made on first use
    known_keys: set = set()

    def structure(value, _type):
        nonlocal fields, known_keys
        if not isinstance(value, dict):
            raise WrongType(f"expected a table, got {_describe(value)}")
        if fields is None:
            # Only now: the field types may name classes defined after `cls`, and a class that
            # contains itself would otherwise ask for its own hook while that hook is being made.
            if any(isinstance(a.type, str) for a in attrs.fields(cls)):
                attrs.resolve_types(cls)  # annotations left as strings by `from __future__ import annotations`
            made = [
                (a.metadata.get("key", a.name), a.alias, conv.get_structure_hook(a.type), a.type, a.default is not attrs.NOTHING)
                for a in attrs.fields(cls)
                if a.init
            ]
            known_keys = {key for key, *_ in made}
            fields = made  # last: another thread that sees the fields must see their keys too
        kwargs, errors = {}, []
        for key, argument, hook, field_type, has_default in fields:
            if has_default and key not in value:
                continue
            try:
                kwargs[argument] = hook(value[key], field_type)
            except Exception as exc:  # collected so that every bad field is reported
                note = AttributeValidationNote(f"Structuring class {cls.__qualname__} @ attribute {key}", key, field_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        unknown = set(value.keys()) - known_keys
        if unknown:
            errors.append(cattrs.ForbiddenExtraKeysError("", cls, unknown))
        if errors:
            raise cattrs.ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
        try:
            return cls(**kwargs)
        except Exception as exc:  # a validator or __attrs_post_init__ refusing the values
            raise cattrs.ClassValidationError(f"While structuring {cls.__name__}", [exc], cls)

    return structure


def make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook_func(_is_literal, _literal_hook)

    conv.register_structure_hook_factory(_is_attrs_class, lambda cls: _attrs_structure_hook(cls, conv))

    def tuple_hook_factory(t):
        item_type = typing.get_args(t)[0]

        def hook(value, _type):
            # A bare string is iterable; without this check "blue" would become ("b", "l", "u", "e").
            if not isinstance(value, (list, tuple)):
                raise WrongType(f"expected an array, got {_describe(value)}")
            errors, items = [], []
            for index, item in enumerate(value):
                try:
                    items.append(conv.structure(item, item_type))
                except Exception as exc:  # collected so that every bad item is reported
                    note = IterableValidationNote(f"Structuring @ index {index}", index, item_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise cattrs.IterableValidationError("invalid items", errors, tuple)
            return tuple(items)

        return hook

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook_factory)
    # The tagged unions (events, network messages) and the team view are configured on first use, not
    # here: building their hooks means building one for every event and message class, and loading
    # those modules, which checking a campaign never needs. A type can only be one of them once its
    # module is loaded, so the predicates look the module up without importing it.
    configured: set = set()

    def _lazy(module: str, name: str):
        def is_pending(t) -> bool:
            mod = sys.modules.get(module)
            return mod is not None and t not in configured and t == getattr(mod, name, None)

        return is_pending

    def configure_union(union) -> None:
        from cattrs.strategies import configure_tagged_union  # loaded on first use too, for the same reason

        configured.add(union)
        configure_tagged_union(union, conv, tag_generator=lambda cls: cls.KIND, tag_name="kind")

    def union_structure_factory(t):
        configure_union(t)
        return conv.get_structure_hook(t)

    def union_unstructure_factory(t):
        configure_union(t)
        return conv.get_unstructure_hook(t)

    # A view's events are `Seen` records: each holds (at most) one event, tagged by its kind.
    def view_events():
        from .core.views import Seen

        return tuple[Seen, ...]

    def view_unstructure_factory(view_cls):
        events = view_events()
        return make_dict_unstructure_fn(
            view_cls, conv, events=override(unstruct_hook=lambda v: conv.unstructure(v, events))
        )

    def view_structure_factory(view_cls):
        events = view_events()
        view_fn = make_dict_structure_fn(
            view_cls, conv, _cattrs_forbid_extra_keys=True,
            events=override(struct_hook=lambda v, _t: conv.structure(v, events)),
        )

        def view_hook(value, _type):
            if not isinstance(value, dict):
                raise WrongType(f"expected a table, got {_describe(value)}")
            return view_fn(value, _type)

        return view_hook

    # The network protocol's messages are tagged like events (wargame/net/protocol.py).
    for module, name in (("wargame.core.events", "AnyEvent"), ("wargame.net.protocol", "Message")):
        conv.register_structure_hook_factory(_lazy(module, name), union_structure_factory)
        conv.register_unstructure_hook_factory(_lazy(module, name), union_unstructure_factory)
    is_view = _lazy("wargame.core.views", "TeamView")
    conv.register_structure_hook_factory(is_view, view_structure_factory)
    conv.register_unstructure_hook_factory(is_view, view_unstructure_factory)
    return conv


converter = make_converter()


def _format(exc: BaseException, _type) -> str:
    if isinstance(exc, WrongType):
        return str(exc)
    if isinstance(exc, KeyError):
        return "missing required key"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        names = ", ".join(sorted(exc.extra_fields))
        return f"unknown key {names}"
    if isinstance(exc, TypeError) and "not iterable" in str(exc):
        return "expected an array"
    if isinstance(exc, AttributeError) and "items" in str(exc):
        return "expected a table"
    return f"invalid value ({exc})"


def structure_problems(exc: BaseException) -> list[tuple[str, str]]:
    """(place, message) pairs from a cattrs structuring failure; place is like `teams[1].cost`."""
    out = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_format):
        message, _, path = line.rpartition(" @ ")
        # Keys of tables read as dotted paths, like the other checks write them.
        place = re.sub(r"\['([^']*)'\]", r".\1", path).removeprefix("$").removeprefix(".")
        if message.startswith("unknown key "):
            keys = message.removeprefix("unknown key ").split(", ")
            for key in keys:
                out.append((f"{place}.{key}" if place else key, "unknown key; check its spelling"))
            continue
        out.append((place, message))
    return out
