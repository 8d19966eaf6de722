"""The policy's own floor under the audit's ``world_only`` rows.

Where a scenario's policy decides a label from the world (a return needs the window, a
lost parcel is reshipped, a record's kind is its route), an agent that knows the policy
reads much of the label from the world whatever the customer asks. :func:`policy_floors`
measures how much: the *blind policy agent* looks up the case's own world (its ids, kept
from the case), never reads a word of the customer, and applies the policy,
``policy.decide(state, refs)``, to that world with every request the other cases make
(their request refs, each weighted by how often it occurs there). It answers the option
that the most of those requests make right (the decision, or an other decision the policy
also accepts, ``PolicyGold.also``), among the case's menu.

The floor of a field is that agent's expected score when requests are drawn independently
of the worlds (the pick's share of the requests' votes, averaged over the cases): what no
data set can take from a world-only agent. The audit gates its ``world_only`` rows at
``max(chance, floor) + 15`` points: a case set may tie its requests to its worlds no more
than 15 points beyond what the policy itself reads from the world.

Which refs are the request: a scenario's ``request_refs`` (``spec.toml``) when it declares
them, else every ``world_refs`` key that does not name a world object (``..._id`` and
``sku`` name one: the order, the item the case is about; the rest, ``issue``, ``wants``,
``new_address``, the writer's judgements of a chat, are what reading the customer tells).

Which fields have a floor: a label field whose labels map to the policy's decisions (a
menu option's ``code``, else the label itself) - the policy's decision on each case's own
refs is one of the case's labels - in a scenario whose policy module has ``decide``.
Other label fields (an intent, a route, an FAQ pick) have none: no written rule reads them
from the world, so there is no floor to measure their ``world_only`` rows against, and
those rows stay reported.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from ecomstage_env.checks.shortcuts import label_space_of
from ecomstage_env.data.loader import policy_module_function
from ecomstage_env.data.schema import Case, FieldSpec, StageSpec
from ecomstage_env.env import StagedEnv
from ecomstage_env.errors import DataError

__all__ = ["PolicyFloor", "deciding_hook", "is_request_ref", "policy_floors", "request_keys"]

_NO_VOTE = ""


@dataclass(frozen=True)
class PolicyFloor:
    """The blind policy agent on one label field (see the module docstring).

    Attributes:
        field: ``"stage.field"``.
        floor: Its expected score with requests drawn independently of the worlds: per
            case, the share of the other cases' requests (that the world can take) for
            which the policy makes its pick right, averaged over the cases.
        shares: That share per case, in case order.
        picks: Per case id, the label it answers.
        on_cases: Its score on the cases as they are (the pick against the gold and the
            labels the case's grading accepts).
        own_refs: How often the policy on the case's own refs gives the gold's code (a
            check of the replay: 1.0 on a consistent scenario).
        unfit: The share of (case, other request) pairs the case's world cannot take (the
            policy raises: no such item): no vote.
    """

    field: str
    floor: float
    shares: tuple[float, ...]
    picks: dict[str, str]
    on_cases: float
    own_refs: float
    unfit: float


def deciding_hook(policy: Any) -> Callable[[Any, dict[str, Any]], Any] | None:
    """The ``decide(state, refs)`` function of the module that holds a policy check, if any.

    Args:
        policy: The scenario's policy check (``Scenario.policy``), or None.

    Returns:
        The function, or None when the module defines no callable ``decide``.
    """
    return policy_module_function(policy, "decide")


def is_request_ref(key: str) -> bool:
    """The generic rule: a ref that names no world object (``..._id``, ``sku``) is the request."""
    return not (key.endswith("_id") or key == "sku")


def request_keys(env: StagedEnv) -> frozenset[str]:
    """The ``world_refs`` keys that carry the request, across the env's cases.

    The scenario's ``request_refs`` when its spec declares them, else every key
    :func:`is_request_ref` calls the request.

    Raises:
        DataError: ``request_refs`` names a key no case's ``world_refs`` holds, or one
            the agent is shown (``visible_refs``): names ``spec.toml`` and the field.
    """
    spec = env.spec_data
    keys = {k for c in env.scenario.cases for k in c.world_refs}
    declared = spec.request_refs
    if declared is None:
        return frozenset(k for k in keys if is_request_ref(k))
    path = env.scenario.folder / "spec.toml"
    for i, name in enumerate(declared):
        if name not in keys:
            raise DataError(
                path,
                f"{name!r} is no case's world_refs key (they are {sorted(keys)})",
                field=f"request_refs.{i}",
            )
        if name in spec.visible_refs:
            raise DataError(
                path,
                f"{name!r} is in visible_refs: the agent is shown it, so it is no request",
                field=f"request_refs.{i}",
            )
    return frozenset(declared)


def _key(request: dict[str, Any]) -> str:
    return json.dumps(request, sort_keys=True, ensure_ascii=False, default=repr)


def policy_floors(env: StagedEnv, cases: Sequence[Case] | None = None) -> dict[str, PolicyFloor]:
    """The blind policy agent's floor of every label field the policy decides.

    Args:
        env: The env (its scenario's policy module, world and cases).
        cases: The cases to score (default: every case of the env's split); the
            requests are always those of the split's other cases.

    Returns:
        ``"stage.field"`` -> its floor; empty when the scenario has no world or its
        policy module no ``decide``.

    Raises:
        DataError: A bad ``request_refs`` (see :func:`request_keys`).
    """
    scenario = env.scenario
    decide = deciding_hook(scenario.policy)
    world_cls = scenario.world_cls
    if decide is None or world_cls is None:
        return {}
    wanted = request_keys(env)
    population = list(env.cases)  # the split's cases: their requests
    scored = list(cases) if cases is not None else list(env.cases)
    requests = {
        c.case_id: {k: v for k, v in c.world_refs.items() if k in wanted} for c in population
    }

    def decision(case: Case, request: dict[str, Any]) -> tuple[str, ...]:
        """The codes the policy makes right for ``request`` in the case's world.

        Its decision first, then those it also accepts; none where the world cannot take it.
        """
        state = scenario.states.get(case.case_id)
        if state is None:
            return ()
        ids = {k: v for k, v in case.world_refs.items() if k not in wanted}
        try:
            gold = decide(world_cls.episode_state(state), {**ids, **request})
        except Exception:  # a request this world cannot take (no such item): no vote
            return ()
        made = getattr(gold, "decision", None)  # a policy that decides no label: none
        return tuple(dict.fromkeys(map(str, (made, *getattr(gold, "also", ()))))) if made else ()

    own = {c.case_id: decision(c, requests[c.case_id]) for c in scored}
    out: dict[str, PolicyFloor] = {}
    for st in env.spec_data.stages:
        for f in st.fields:
            if f.type != "label" or not scored:
                continue
            codes = {c.case_id: _codes(f, c) for c in scored}
            if not all(
                own[c.case_id][:1] and own[c.case_id][0] in codes[c.case_id].values()
                for c in scored
            ):
                continue  # the policy's decisions are not this field's labels
            out[f"{st.stage.value}.{f.name}"] = _floor(
                env, st, f, scored, population, requests, own, codes, decision
            )
    return out


def _codes(f: FieldSpec, case: Case) -> dict[str, str]:
    """A case's labels of a field -> the policy code each stands for."""
    codes = {o.id: o.code for o in case.options.get(f.name, [])}
    return {lab: codes.get(lab, lab) for lab in label_space_of(f, case)}


def _floor(
    env: StagedEnv,
    st: StageSpec,
    f: FieldSpec,
    scored: list[Case],
    population: list[Case],
    requests: dict[str, dict[str, Any]],
    own: dict[str, tuple[str, ...]],
    codes: dict[str, dict[str, str]],
    decision: Callable[[Case, dict[str, Any]], tuple[str, ...]],
) -> PolicyFloor:
    """One field's :class:`PolicyFloor` (see :func:`policy_floors`)."""
    shares: list[float] = []
    picks: dict[str, str] = {}
    hits: list[bool] = []
    own_hits: list[bool] = []
    pairs = unfit = 0
    example = {_key(r): r for r in requests.values()}  # one request per distinct key
    for case in scored:
        menu = codes[case.case_id]
        gold = str(case.gold[st.stage].get(f.name))
        params = env.scenario.grading(case, st.stage, f.name)
        right = {gold, *map(str, getattr(params, "accept", []))}
        own_hits.append(menu.get(gold, gold) == own[case.case_id][0])
        others = Counter(_key(requests[c.case_id]) for c in population if c.case_id != case.case_id)
        votes: Counter[str] = Counter()
        fit = 0
        for key, n in others.items():
            made_right = decision(case, example[key])
            pairs += n
            if not made_right:
                unfit += n
                continue
            fit += n
            for label, code in menu.items():
                if code in made_right:
                    votes[label] += n
        labels = list(menu)
        pick = min(labels, key=lambda lab: (-votes[lab], menu[lab], lab)) if labels else _NO_VOTE
        picks[case.case_id] = pick
        shares.append(votes[pick] / fit if fit else 0.0)
        hits.append(pick in right)
    return PolicyFloor(
        field=f"{st.stage.value}.{f.name}",
        floor=fmean(shares),
        shares=tuple(shares),
        picks=picks,
        on_cases=fmean(hits),
        own_refs=fmean(own_hits),
        unfit=unfit / pairs if pairs else 0.0,
    )
