"""The adjudicator's shortcuts for speed give exactly what the plain definitions give.

Each is checked against the plain definition: fast event constructors against
the event classes.
"""

import inspect

import attrs
import pytest

from wargame.core import events as ev


@pytest.mark.parametrize("cls", list(ev.FAST_CONSTRUCTORS), ids=lambda cls: cls.__name__)
def test_a_fast_constructor_takes_every_field_in_order_and_gives_the_same_frozen_value(cls):
    make = ev.FAST_CONSTRUCTORS[cls]
    fields = attrs.fields(cls)
    params = inspect.signature(make).parameters
    assert list(params) == [a.name for a in fields]
    assert all(p.default is inspect.Parameter.empty for p in params.values())
    assert not any(a.validator or a.converter for a in fields)
    assert not hasattr(cls, "__attrs_post_init__")

    values = {a.name: (a.name, 1.5, (a.name,)) for a in fields}  # a distinct value per field
    fast, plain = make(**values), cls(**values)
    assert type(fast) is cls
    assert fast == plain and repr(fast) == repr(plain) and hash(fast) == hash(plain)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(fast, fields[0].name, 0)
