"""The parser never raises: random text, and real-format cables mutated at random."""

from __future__ import annotations

from importlib import resources

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablegram import Cable, parse

SAMPLE = resources.files("cablegram.samples").joinpath("sample-cable.txt").read_text("utf-8")
LINES = SAMPLE.split("\n")
NOISE = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["REF: A. STATE", "1. (S//", "E.O. 12958: DECL: 02/30/2015", "TAGS: ,,,", "(", ")",
     "SECTION 01 OF", "PAGE 02 ROME 01196 01 OF 02 082030Z", "\u00b6", "\ufffd", "NNNN",
     "C O N F I D E N T I A L", "SUBJECT:", "Classified By: , for reasons 1.4 (", "[1](#)"]
)


def _check(text: str) -> None:
    cable = parse(text)
    assert isinstance(cable, Cable)
    assert cable.raw == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    _check(text)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 12))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "cut", "chars"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines.append(draw(NOISE))
        elif op == "delete":
            del lines[i]
        elif op == "insert":
            lines.insert(i, draw(NOISE))
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            lines = lines[:i]
        else:
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(NOISE) + line[k + draw(st.integers(0, 5)):]
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_cables(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(mutated(), st.text(max_size=30))
def test_hints_never_raise(text: str, hint: str) -> None:
    cable = parse(text, reference_id=hint or None)
    assert cable.raw == text


def test_a_lettered_reference_item_under_the_banner_is_no_class_line() -> None:
    """Found by ``test_mutated_cables``: a REF item moved under the banner read as the class
    line with station ``C.``, which can form no id; that is a problem, not an exception."""
    lines = SAMPLE.split("\n")
    text = "\n".join(["C O N F I D E N T I A L", "     C. 06 ASHGABAT 0917 AND 0921", *lines])
    cable = parse(text)
    assert cable.raw == text
    assert any(p.field == "reference_id" and "C." in p.message for p in cable.problems)
    assert (cable.reference_id, cable.origin, cable.serial) == (None, None, None)
