import pytest

from pkdesk.core.navigation import History


def test_empty_history_goes_nowhere() -> None:
    h: History[str] = History()
    assert h.current is None
    assert not h.can_go_back and not h.can_go_forward
    assert h.back() is None and h.forward() is None


def test_back_and_forward_walk_the_visits() -> None:
    h: History[str] = History()
    for place in ("a", "b", "c"):
        assert h.visit(place)
    assert h.back() == "b"
    assert h.back() == "a"
    assert h.back() is None
    assert h.current == "a"
    assert h.can_go_forward and not h.can_go_back
    assert h.forward() == "b"
    assert h.forward() == "c"
    assert h.forward() is None
    assert h.back_items() == ["b", "a"]


def test_visiting_after_going_back_drops_the_forward_places() -> None:
    h: History[str] = History()
    for place in ("a", "b", "c"):
        h.visit(place)
    h.back()
    h.back()
    h.visit("d")
    assert h.forward_items() == []
    assert not h.can_go_forward
    assert h.back() == "a"
    assert h.forward_items() == ["d"]


def test_revisiting_the_current_place_adds_no_step() -> None:
    h: History[str] = History()
    h.visit("a")
    assert not h.visit("a")
    assert not h.can_go_back
    h.visit("b")
    h.visit("a")
    assert h.back_items() == ["b", "a"]


def test_limit_forgets_the_oldest_places() -> None:
    h: History[int] = History(limit=3)
    for i in range(5):
        h.visit(i)
    assert h.current == 4
    assert h.back_items() == [3, 2]
    h.clear()
    assert h.current is None


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        History(limit=0)
