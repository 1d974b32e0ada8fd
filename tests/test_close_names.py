"""The close-name index finds exactly what the plain pair rule finds, name by name."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from paddock_desk.interop.names import MAX_EDITS, NameIndex, _only_digits_differ, fold


def pair_rule(new: str, known: str) -> bool:
    """DESIGN's rule for one pair, tested plainly: another name, ignoring case and accents at
    most two edits apart, and not differing only in digits."""
    a, b = fold(new), fold(known)
    close = Levenshtein.distance(a, b) <= MAX_EDITS
    return new != known and close and not _only_digits_differ(a, b)


LETTERS = "abeéEÉ 12"
names = st.text(alphabet=LETTERS, max_size=9)


@st.composite
def edited(draw: st.DrawFn, known: list[str]) -> str:
    """A name a few random edits away from one of ``known`` (or any name)."""
    if not known or draw(st.booleans()):
        return draw(names)
    name = list(draw(st.sampled_from(known)))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(name)))
        what = draw(st.sampled_from(("insert", "delete", "replace")))
        if what == "insert" or not name:
            name.insert(at, draw(st.sampled_from(LETTERS)))
        elif what == "delete":
            del name[min(at, len(name) - 1)]
        else:
            name[min(at, len(name) - 1)] = draw(st.sampled_from(LETTERS))
    return "".join(name)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_the_index_agrees_with_the_pair_rule(data: st.DataObject) -> None:
    known = data.draw(st.lists(names, max_size=25, unique=True))
    index = NameIndex(known)
    for _ in range(5):
        new = data.draw(edited(known))
        if new in known:
            continue
        found = index.close_to(new)
        expected = [k for k in known if pair_rule(new, k)]
        assert (found is not None) == bool(expected), (new, expected, found)
        if found is not None:
            assert pair_rule(new, found)
