"""The rung definitions: at least four rungs per knob, each differing from its ladder's first rung in
the knob only; the backbone and objective ladders start from rungs of the data ladder (trained once)."""

from __future__ import annotations

from dataclasses import asdict, replace

import pytest

from mb_tasks.lab.ladders import BASE, FIXED_SHARE, KNOBS, LADDERS, base_spec, ladder, rung, spec_key

#: The fields each knob may change.
KNOB_FIELDS = {"data": {"data"}, "backbone": {"pretrain_steps"}, "objective": {"objective"}}


@pytest.mark.parametrize("quick", [False, True])
@pytest.mark.parametrize("knob", KNOBS)
def test_each_rung_changes_its_knob_only(knob: str, quick: bool) -> None:
    rungs = ladder(knob, quick)
    assert len(rungs) >= 4
    base = asdict(rungs[0].spec)
    for each in rungs:
        changed = {name for name, value in asdict(each.spec).items() if value != base[name]}
        assert changed <= KNOB_FIELDS[knob], (each.label, changed)
    assert len({spec_key(each.spec) for each in rungs}) == len(rungs)


@pytest.mark.parametrize("quick", [False, True])
def test_the_other_ladders_start_from_data_rungs(quick: bool) -> None:
    data = {each.spec.data.prior_share: spec_key(each.spec) for each in ladder("data", quick)}
    for knob, share in FIXED_SHARE.items():
        first = ladder(knob, quick)[0]
        assert spec_key(first.spec) == data[share]
        assert first.spec == replace(base_spec(quick), data=replace(base_spec(quick).data, prior_share=share))


def test_data_ladder_spans_the_issue_s_range_and_values_reach_the_spec() -> None:
    shares = [each.spec.data.prior_share for each in ladder("data")]
    assert shares == sorted(shares) and shares[0] == 0.5 and shares[-1] == 0.99
    assert [each.spec.pretrain_steps for each in ladder("backbone")] == list(LADDERS["backbone"][1])
    assert [each.spec.objective.pair for each in ladder("objective")] == list(LADDERS["objective"][1])
    assert set(FIXED_SHARE.values()) <= set(shares)
    assert all(each.spec.steps == BASE.steps for knob in KNOBS for each in ladder(knob))


def test_unknown_knob_or_rung_is_named() -> None:
    with pytest.raises(ValueError, match="unknown knob 'colour'"):
        rung("colour", 0)
    with pytest.raises(ValueError, match=r"data has rungs 0\.\.3, not 7"):
        rung("data", 7)
