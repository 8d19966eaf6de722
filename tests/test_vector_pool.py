"""The batched vector env (``make_vec`` without a mode, or ``"vector_entry_point"``).

Its sub-envs step in slices, the first in the main process and one per worker process;
everything a caller sees must be what :class:`gymnasium.vector.SyncVectorEnv` gives for
the same seeds and actions.
"""

from __future__ import annotations

import gc
from types import MappingProxyType
from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import data_equivalence
from hypothesis import given, settings
from hypothesis import strategies as st

import ecomstage
from ecomstage_env.agents import make_agent
from ecomstage_env.runner.pool import (
    BatchedAsyncVectorEnv,
    copy_observations,
    default_main_envs,
    stack_infos,
)
from ecomstage_env.runner.vector import play_vector


def _pool(name: str, num_envs: int, **kwargs: Any) -> Any:
    return gym.make_vec(
        ecomstage.env_id(name),
        num_envs=num_envs,
        vectorization_mode="vector_entry_point",
        **kwargs,
    )


def _actions(env: Any, rng: np.random.Generator, n: int) -> tuple[str, ...]:
    """Per sub-env: a sampled action, an empty one, or a tool call; a mix of good and bad."""
    tool = '{"tool": "get_campaign", "arguments": {"campaign_id": "C-1"}}'
    pool = ["", "{}", "not json", tool, '{"intent": "refund"}', "退款 😀"]
    return tuple(str(rng.choice(pool)) for _ in range(n))


def _step_alike(sync: Any, others: dict[str, Any], actions: tuple[str, ...]) -> Any:
    """Step ``sync`` and every other vector env with ``actions``; each must give what sync
    gives (observations, rewards, terminations, truncations exactly; infos, episode results
    included, equivalent). Returns sync's step."""
    expected = sync.step(actions)
    for mode, vec in others.items():
        got = vec.step(actions)
        assert got[0] in vec.observation_space, mode
        assert data_equivalence(got[:4], expected[:4], exact=True), mode
        assert data_equivalence(got[4], expected[4]), mode
    return expected


@pytest.mark.parametrize(
    ("name", "autoreset", "kwargs"),
    [
        ("merchant_promotion", "NextStep", {"workers": 2}),
        ("intent_recognition", "NextStep", {"workers": 2, "main_envs": 0}),
        ("merchant_promotion", "SameStep", {"workers": 1}),
        ("merchant_promotion", "Disabled", {"workers": 3}),  # the caller resets by mask
    ],
)
def test_the_pool_gives_what_sync_gives_over_episodes_with_autoreset(
    name: str, autoreset: str, kwargs: dict[str, Any]
) -> None:
    sync = gym.make_vec(
        ecomstage.env_id(name),
        num_envs=5,
        vectorization_mode="sync",
        vector_kwargs={"autoreset_mode": autoreset},
    )
    pool = _pool(name, 5, autoreset_mode=autoreset, **kwargs)
    try:
        assert isinstance(pool.unwrapped, BatchedAsyncVectorEnv) and pool.unwrapped.workers > 0
        assert pool.observation_space == sync.observation_space
        assert pool.action_space == sync.action_space
        assert pool.metadata == sync.metadata
        first = sync.reset(seed=7)
        assert data_equivalence(pool.reset(seed=7), first, exact=True)
        rng = np.random.default_rng(0)
        ended = 0
        for _ in range(40):
            expected = _step_alike(sync, {"pool": pool}, _actions(sync, rng, 5))
            done = expected[2] | expected[3]
            ended += int(np.sum(done))
            if autoreset == "Disabled" and done.any():
                again = sync.reset(options={"reset_mask": done.copy()})
                assert data_equivalence(pool.reset(options={"reset_mask": done}), again)
        assert ended >= 5  # several episodes ended and the sub-envs reset themselves
        assert pool.call("grader_view") == sync.call("grader_view")
    finally:
        pool.close()
        sync.close()


def test_play_vector_on_the_pool_grades_as_on_sync() -> None:
    ids = ecomstage.case_ids("intent_recognition")[:11]
    results = {}
    for mode in ("sync", "pool"):
        vec = (
            _pool("intent_recognition", 4, workers=2)
            if mode == "pool"
            else gym.make_vec(ecomstage.env_id("intent_recognition"), 4, vectorization_mode="sync")
        )
        try:
            results[mode] = play_vector(vec, make_agent("keyword"), cases=ids, seed=0)
        finally:
            vec.close()
    assert [r.case_id for r in results["pool"]] == ids
    assert [(r.total, r.stage_scores) for r in results["pool"]] == [
        (r.total, r.stage_scores) for r in results["sync"]
    ]


def test_make_vec_without_a_mode_builds_the_pool_and_passes_env_kwargs() -> None:
    vec = gym.make_vec("ecomstage/intent_recognition-v1", num_envs=3, split="train", workers=1)
    try:
        assert isinstance(vec, BatchedAsyncVectorEnv) and vec.workers == 1
        assert vec.spec is not None and vec.spec.kwargs["workers"] == 1
        cases = vec.get_attr("cases")
        assert {c.split for each in cases for c in each} == {"train"}
        queues = [[cases[0][5].case_id], [], [cases[0][9].case_id]]
        vec.set_attr("case_queue", queues)  # one value per sub-env, across the slices
        assert vec.get_attr("case_queue") == tuple(queues)
        _, infos = vec.reset(seed=0)
        assert infos["case_id"][[0, 2]].tolist() == [queues[0][0], queues[2][0]]
    finally:
        vec.close()


@pytest.mark.parametrize(
    ("cores", "load", "num_envs", "workers"),
    [
        (2, 1.0, 8, 1),  # only this process runs: a worker on the other core
        (2, 0.2, 8, 1),
        (2, 3.0, 8, 0),  # the other core is busy: everything in process
        (2, 9.5, 8, 0),
        (16, 1.0, 8, 7),  # one sub-env per process
        (16, 1.0, 3, 2),
        (1, 0.0, 8, 0),
    ],
)
def test_default_workers_follow_the_idle_cores(
    monkeypatch: pytest.MonkeyPatch, cores: int, load: float, num_envs: int, workers: int
) -> None:
    from ecomstage_env.runner import pool

    monkeypatch.setattr(pool.os, "sched_getaffinity", lambda _: set(range(cores)))
    monkeypatch.setattr(pool.os, "getloadavg", lambda: (load, load, load))
    assert pool.default_workers(num_envs) == workers


def test_every_sub_env_is_stepped_once_per_vector_step() -> None:
    assert default_main_envs(8, 1) == 4 and default_main_envs(2, 1) == 1
    assert default_main_envs(8, 0) == 8 and default_main_envs(8, 3) == 2
    vec = _pool("merchant_promotion", 8, workers=3)
    try:
        lanes = vec.unwrapped._slices
        assert sorted(i for lane in lanes for i in lane) == list(range(8))
        assert len(vec.unwrapped._local_envs) == len(lanes[0])
    finally:
        vec.close()


def test_close_leaves_no_worker_behind() -> None:
    vec = _pool("merchant_promotion", 4, workers=3)
    processes = list(vec.unwrapped.processes)
    assert len(processes) == 3 and all(p.is_alive() for p in processes)
    vec.reset(seed=0)
    vec.close()
    assert all(p.exitcode == 0 for p in processes)  # joined: exited and reaped
    with pytest.raises(gym.error.ClosedEnvironmentError):
        vec.step(("",) * 4)
    vec.close()  # closing twice is harmless

    forgotten = _pool("merchant_promotion", 2, workers=1)
    processes = list(forgotten.unwrapped.processes)
    del forgotten
    gc.collect()
    assert all(p.exitcode is not None for p in processes)


class _TwoArgError(Exception):
    """An exception that pickles but does not unpickle (its ``args`` are not its signature)."""

    def __init__(self, what: str, where: str) -> None:
        super().__init__(f"{what} in {where}")


class _Breaks(gym.Env[str, str]):
    """An env whose step raises on a chosen action (a bug in a sub-env)."""

    observation_space = gym.spaces.Text(8)
    action_space = gym.spaces.Text(8)

    def reset(self, *, seed: int | None = None, options: Any = None) -> tuple[str, dict[str, Any]]:
        super().reset(seed=seed)
        return "ok", {}

    def step(self, action: str) -> tuple[str, float, bool, bool, dict[str, Any]]:
        if action == "boom":
            raise KeyError("the sub-env broke")
        if action == "odd":
            raise _TwoArgError("odd action", "step")
        return "ok", 1.0, False, False, {}


def test_a_worker_error_is_raised_in_the_main_process_and_the_env_still_closes() -> None:
    vec = BatchedAsyncVectorEnv([_Breaks] * 4, workers=2)
    try:
        vec.reset(seed=0)
        with pytest.raises(KeyError, match="the sub-env broke") as caught:
            vec.step(("ok", "ok", "ok", "boom"))  # the last sub-env is in a worker
        assert any("worker process" in note for note in getattr(caught.value, "__notes__", []))
        _, reward, _, _, _ = vec.step(("ok",) * 4)  # the worker is still there
        assert list(reward) == [1.0] * 4
        with pytest.raises(RuntimeError, match="_TwoArgError: odd action in step"):
            vec.step(("ok", "ok", "odd", "ok"))
        assert list(vec.step(("ok",) * 4)[1]) == [1.0] * 4
    finally:
        vec.close()
    assert all(p.exitcode == 0 for p in vec.processes)


def test_a_sub_env_that_fails_to_build_in_a_worker_is_reported() -> None:
    def broken() -> gym.Env[Any, Any]:
        raise ValueError("no such scenario")

    with pytest.raises(ValueError, match="no such scenario"):
        BatchedAsyncVectorEnv([_Breaks, broken], workers=1)


def test_unbatch_gives_each_sub_env_its_own_dict_back() -> None:
    from gymnasium.vector import VectorEnv

    from ecomstage_env.runner.vector import unbatch

    stacker = VectorEnv()
    stacker.num_envs = 3
    infos: dict[str, Any] = {}
    per_env = [
        {"case_id": "a", "turns": 2, "score": {"value": 0.5, "why": "x"}},
        {"case_id": "b", "matrix": np.eye(2)},
        {"case_id": "c", "turns": 0, "score": {"value": 1.0}, "done": True},
    ]
    for i, info in enumerate(per_env):
        infos = stacker._add_info(infos, info, i)
    back = unbatch(infos, 3)
    assert back[0] == {"case_id": "a", "turns": 2, "score": {"value": 0.5, "why": "x"}}
    assert back[1]["case_id"] == "b" and np.array_equal(back[1]["matrix"], np.eye(2))
    assert set(back[1]) == {"case_id", "matrix"}  # no key another sub-env had
    assert back[2] == {"case_id": "c", "turns": 0, "score": {"value": 1.0}, "done": True}
    assert type(back[0]["turns"]) is int and type(back[2]["done"]) is bool  # Python scalars
    texts = unbatch({"stage": ("perception", "planning", "action")}, 3)
    assert [t["stage"] for t in texts] == ["perception", "planning", "action"]


def test_a_worker_that_dies_is_reported_and_the_env_still_closes() -> None:
    vec = BatchedAsyncVectorEnv([_Breaks] * 4, workers=3)
    vec.reset(seed=0)
    worker = vec.processes[1]
    worker.kill()
    worker.join()
    for _ in range(2):  # the live workers' replies are read each time: the pipes stay in step
        with pytest.raises((EOFError, BrokenPipeError, ConnectionResetError)):
            vec.step(("ok",) * 4)
    assert not any(vec.parent_pipes[k].poll() for k in (0, 2))  # no reply left unread
    vec.close()
    assert all(p.exitcode is not None for p in vec.processes) and vec.closed


# -- the pool's own info stacking and observation copy ------------------------------

_keys = st.sampled_from(["a", "b", "final_obs", "final_info", "x", "_x", 1])
_leaves = st.one_of(
    st.integers(-5, 5),
    st.floats(-2, 2, allow_nan=False),
    st.booleans(),
    st.sampled_from([np.float32(1.5), np.int8(3), np.arange(3), np.zeros(3), None]),
    st.text(max_size=3),
    st.lists(st.integers(0, 3), max_size=2),
)
_infos = st.recursive(
    st.dictionaries(_keys, _leaves, max_size=4),
    lambda inner: st.dictionaries(_keys, st.one_of(_leaves, inner), max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.tuples(st.integers(0, n - 1), _infos), max_size=6)
        )
    )
)
def test_stack_infos_gives_what_gymnasiums_add_info_gives(case: Any) -> None:
    """Same keys in the same order, dtypes, values and masks, or the same error."""
    num_envs, pairs = case
    _assert_stacks_like_add_info(pairs, num_envs)


@pytest.mark.parametrize(
    "pairs",
    [
        [(0, {"a": "x"}), (1, {"a": {"b": 1}})],  # a value, then a dict: Gymnasium raises
        [(0, {"a": {"b": 1}}), (1, {"a": 2})],  # a dict, then a value: stored oddly, no error
        [(0, {"a": {"b": 1}}), (1, {"a": MappingProxyType({"b": 2})})],  # a mapping is a value
        [(0, {"x": 1, "_x": 2}), (1, {"x": 3})],  # a key that meets a mask
        [(0, {1: "a", "b": 2})],  # a key that is not a string
        [(0, {"final_obs": {"text": "a"}}), (1, {"final_obs": "b"})],  # always an object array
    ],
)
def test_stack_infos_on_irregular_infos_gives_what_add_info_gives(pairs: Any) -> None:
    _assert_stacks_like_add_info(pairs, 2)


def _assert_stacks_like_add_info(pairs: Any, num_envs: int) -> None:
    """stack_infos gives what Gymnasium's _add_info gives, one info at a time, or its error."""
    from gymnasium.vector import VectorEnv

    stacker = VectorEnv()
    stacker.num_envs = num_envs
    expected: Any = {}
    try:
        for index, info in pairs:
            expected = stacker._add_info(expected, info, index)
    except Exception as e:
        with pytest.raises(type(e)):
            stack_infos(pairs, num_envs)
        return
    assert _same(stack_infos(pairs, num_envs), expected)


def _same(a: Any, b: Any) -> bool:
    """Equal, key order, types, dtypes and shapes included; NaN (None cast to a float) too."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, np.ndarray):
        if a.dtype != b.dtype or a.shape != b.shape:
            return False
        if a.dtype == object:
            return all(_same(x, y) for x, y in zip(a.tolist(), b.tolist(), strict=True))
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    return bool(a == b or (a != a and b != b))


def test_stack_infos_on_real_infos_with_some_keys_missing() -> None:
    env = ecomstage.make("merchant_promotion")
    _, first = env.reset(seed=0)
    _, _, _, _, later = env.step("")
    pairs = [(0, later), (2, first), (3, {"case_id": "x"}), (2, {"final_info": later})]
    from gymnasium.vector import VectorEnv

    stacker = VectorEnv()
    stacker.num_envs = 4
    expected: dict[str, Any] = {}
    for index, info in pairs:
        expected = stacker._add_info(expected, info, index)
    got = stack_infos(pairs, 4)
    assert _same(got, expected)
    assert got["_stage"].tolist() == [True, False, True, False]


def test_copy_observations_is_a_copy_the_caller_can_change() -> None:
    buffer = {"text": ("a", "b"), "box": np.zeros(2), "nested": {"n": ("x",)}, "obj": [1]}
    copied = copy_observations(buffer)
    assert data_equivalence(copied, buffer, exact=True)
    copied["box"][0] = 5.0
    copied["nested"]["n"] = ("y",)
    copied["obj"].append(2)
    assert buffer == {"text": ("a", "b"), "box": buffer["box"], "nested": {"n": ("x",)}, "obj": [1]}
    assert buffer["box"][0] == 0.0


def test_sync_batched_and_async_give_the_same_trajectories_at_8_envs() -> None:
    """The oracle's actions (and some bad ones) on 8 merchant_promotion sub-envs, several
    episodes each with next-step autoreset: every observation, reward, termination,
    truncation and info the same from the sync env, the pool (2 workers besides the main
    process's slice, and none) and Gymnasium's async env."""
    from ecomstage_env.runner.episode import agent_info
    from ecomstage_env.stages import unwrap_action

    name, n = "merchant_promotion", 8
    single = ecomstage.make(name)
    oracle = ecomstage.OracleAgent()
    plans: dict[str, list[Any]] = {}

    def plan(case_id: str) -> list[Any]:  # the oracle's actions on a case, recorded once
        if case_id not in plans:
            obs, info = single.reset(options={"case_id": case_id})
            oracle.reset()
            plans[case_id] = []
            done = False
            while not done:
                action = unwrap_action(oracle.act(obs, agent_info(single, oracle, info)))[0]
                plans[case_id].append(action)
                obs, _, terminated, truncated, info = single.step(action)
                done = terminated or truncated
        return plans[case_id]

    vecs = {
        "sync": gym.make_vec(ecomstage.env_id(name), n, vectorization_mode="sync"),
        "pool": _pool(name, n, workers=2),
        "pool0": _pool(name, n, workers=0),
        "async": gym.make_vec(ecomstage.env_id(name), n, vectorization_mode="async"),
    }
    try:
        first = {mode: vec.reset(seed=11) for mode, vec in vecs.items()}
        for mode in ("pool", "pool0", "async"):
            assert data_equivalence(first[mode], first["sync"]), mode
        cases = list(first["sync"][1]["case_id"])
        pos, rewarded = [0] * n, 0.0
        rng = np.random.default_rng(1)
        resetting = np.zeros(n, dtype=bool)
        ended = 0
        for _ in range(45):
            actions = tuple(
                ""
                if resetting[i]
                else "not json"
                if rng.random() < 0.1
                else plan(cases[i])[min(pos[i], len(plan(cases[i])) - 1)]
                for i in range(n)
            )
            others = {mode: vec for mode, vec in vecs.items() if mode != "sync"}
            expected = _step_alike(vecs["sync"], others, actions)
            for i in range(n):
                if resetting[i]:
                    cases[i], pos[i] = expected[4]["case_id"][i], 0
                else:
                    pos[i] += 1
            rewarded += float(expected[1].sum())
            resetting = expected[2] | expected[3]
            ended += int(resetting.sum())
        assert ended >= 2 * n  # several episodes per sub-env, each followed by an autoreset
        assert rewarded > n  # the oracle's actions earned points: real grading, not only zeros
    finally:
        for vec in vecs.values():
            vec.close()
