"""The adjudicator's shortcuts for speed give exactly what the plain definitions give.

Each is checked against the plain definition: fast event constructors against
the event classes, the kept results of `tidy` against rounding. (That whole turns
come out the same is checked by the saves, which are verified by re-adjudicating.)
"""

import inspect
import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wargame.core import events as ev
from wargame.core import state
from wargame.core.rules import tidy


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


def test_the_events_the_adjudicator_records_without_applying_them_change_nothing():
    """It appends these straight to the turn's events: no handler may apply them."""
    for cls in (ev.MoveResolved, ev.MoveDetected, ev.AccidentRolled, ev.ConsultationHeld):
        assert cls not in state._HANDLERS


def same(a, b) -> bool:
    return type(a) is type(b) and (repr(a) == repr(b) or (math.isnan(a) and math.isnan(b)))


@given(st.one_of(st.floats(), st.integers(-10**9, 10**9), st.booleans()))
def test_tidy_is_rounding_to_six_places_the_first_time_and_every_time(value):
    assert same(tidy(value), round(value, 6))
    assert same(tidy(value), round(value, 6))


@pytest.mark.parametrize("first, then", [(0.0, -0.0), (-0.0, 0.0), (1.0, 1), (2, 2.0), (0.5, True), (1e-7, -1e-7)])
def test_tidy_never_answers_for_one_value_with_an_equal_one_of_another_sign_or_type(first, then):
    tidy(first)
    assert same(tidy(then), round(then, 6))
