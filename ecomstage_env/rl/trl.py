"""TRL adapter: stage rewards for ``trl.GRPOTrainer``, and multi-stage rollouts.

**Reward functions.** :func:`stage_rewards` returns one reward function per graded field
of each stage (and, optionally, a format reward), so that TRL logs each under its own
name (``rewards/<stage>/<field>/mean``). Each scores a completion by stepping a real env
at the row's case and stage - ``reset(options={"case_id", "stage"})`` then
``step(completion)`` - and reading the field's score from ``info["stage_score"]``: the
env's own parser, validation and scorers, nothing re-implemented. Every function has a
``weight`` (the field's share of its stage in the spec), so that with
``GRPOConfig(reward_weights=reward_weights(funcs))`` the summed reward of a completion
is its stage score::

    from ecomstage_env.rl.prompts import stage_prompts
    from ecomstage_env.rl.trl import reward_weights, stage_rewards

    train = stage_prompts("merchant_promotion", split="train", stages=["planning"])
    funcs = stage_rewards("merchant_promotion", stages=["planning"])
    trainer = GRPOTrainer(model, reward_funcs=funcs, train_dataset=train,
                          args=GRPOConfig(..., reward_weights=reward_weights(funcs)))

A reward function reads the ``env``, ``case_id`` and ``stage`` columns of
:func:`~ecomstage_env.rl.prompts.stage_prompts`; for rows of another env or stage it
returns None (TRL leaves them out of that function's mean). A completion the env cannot
read as a valid answer scores 0 on every field, as in evaluation; a tool call scores 0
too (a single completion is graded as the stage's answer: use :func:`play_rollout` for
tool-using episodes). Fields graded from the calls run at the stage and not part of
the answer (``in_answer = false``, e.g. merchant_promotion's planning ``lookups``) are
left out by default: a single completion cannot earn them.

**Small models.** :func:`text_prompts` turns the prompts into text that ends inside
the answer (``{"route": "``, :func:`answer_prefix`), with ``prefill``/``suffix``
columns the reward functions put around each completion: SmolLM2-135M then samples a
label where it would otherwise write prose (examples/rl_stage_rewards.py).

**Rollouts.** :func:`play_rollout` plays a whole tool-using episode (from any stage) with
a model behind a callback, through the runner's :func:`~ecomstage_env.runner.play_episode`,
and returns the per-stage rewards and components with the message and token trajectory
of every turn.

Nothing here imports torch, transformers or trl: the reward functions are plain callables.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import gymnasium as gym

from ecomstage_env.agents.base import BaseAgent
from ecomstage_env.agents.llm import PromptOptions, stage_view
from ecomstage_env.errors import EcomstageError
from ecomstage_env.runner.episode import EpisodeRecord, play_episode
from ecomstage_env.stages import AgentStep, Usage

__all__ = [
    "CompletionScore",
    "FieldReward",
    "Generate",
    "Generation",
    "Rollout",
    "StageScorer",
    "Turn",
    "ValidAnswerReward",
    "answer_prefix",
    "completion_text",
    "play_rollout",
    "reward_weights",
    "stage_rewards",
    "text_prompts",
]


# -- scoring one completion -------------------------------------------------------------------
@dataclass(frozen=True)
class CompletionScore:
    """How the env graded one completion as a stage answer.

    Attributes:
        value: The stage score in [0, 1] (0 unless ``valid``).
        components: Score per field of the stage.
        valid: The env read it as an answer that matches the stage's schema.
        kind: What the env understood (``answer``, ``invalid``, ``tool_call``, ``message``).
        error: ``info["error"]`` of the step (no gold in it), or None.
    """

    value: float
    components: dict[str, float]
    valid: bool
    kind: str
    error: str | None = None


def completion_text(completion: Any) -> str:
    """The text of a TRL completion: the string, or the last assistant message's content."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        return str(completion.get("content") or "")
    if isinstance(completion, Sequence) and completion:
        for message in reversed(completion):
            if isinstance(message, dict) and message.get("role", "assistant") == "assistant":
                return str(message.get("content") or "")
    return ""


class StageScorer:
    """Grades completions by stepping real envs, one cached env per env name.

    Scoring is a pure function of (env, case, stage, completion text) - the env is reset
    on the case at the stage each time - so results are memoised (bounded): the reward
    functions of one stage share a scorer and step the env once per completion.

    Args:
        make_kwargs: Keyword arguments for :func:`ecomstage.make`, for every env (e.g.
            ``{"split": "train", "train_size": 500}``); ``split`` defaults to None (every
            case the env has).
        per_env: Keyword arguments for one env, by env name (over ``make_kwargs``).
        memo_size: Completions remembered.
    """

    def __init__(
        self,
        make_kwargs: dict[str, Any] | None = None,
        *,
        per_env: dict[str, dict[str, Any]] | None = None,
        memo_size: int = 8192,
    ) -> None:
        self.make_kwargs = dict(make_kwargs or {})
        self.per_env = {k: dict(v) for k, v in (per_env or {}).items()}
        self.memo_size = memo_size
        self._envs: dict[str, gym.Env[Any, Any]] = {}
        self._memo: OrderedDict[tuple[str, str, str, str], CompletionScore] = OrderedDict()
        self.calls = 0
        """Completions scored by stepping an env (memo misses)."""

    def env(self, name: str) -> gym.Env[Any, Any]:
        """The cached env of ``name`` (made on first use, with all its splits' cases).

        Raises:
            UnknownEnvError: No such env.
        """
        env = self._envs.get(name)
        if env is None:
            from ecomstage_env.registry import make

            kwargs = {"split": None, **self.make_kwargs, **self.per_env.get(name, {})}
            env = make(name, **kwargs)
            self._envs[name] = env
        return env

    def stage_fields(self, name: str) -> dict[str, list[tuple[str, float, bool]]]:
        """``{stage: [(field, weight, in_answer), ...]}`` of env ``name``'s spec."""
        spec = self.env(name).unwrapped.spec_data  # type: ignore[attr-defined]
        return {
            s.stage.value: [(f.name, float(f.weight), bool(f.in_answer)) for f in s.fields]
            for s in spec.stages
        }

    def score(self, name: str, case_id: str, stage: str, completion: Any) -> CompletionScore:
        """Grade ``completion`` as the answer of ``stage`` of case ``case_id`` of ``name``.

        Raises:
            EcomstageError: An unknown case id or stage (a dataset that does not match
                the env: a caller's mistake, not the model's).
        """
        text = completion_text(completion)
        key = (name, case_id, stage, text)
        hit = self._memo.get(key)
        if hit is not None:
            self._memo.move_to_end(key)
            return hit
        env = self.env(name)
        env.reset(options={"case_id": case_id, "stage": stage})
        _, _, _, _, info = env.step(text)
        self.calls += 1
        kind = str((info.get("action") or {}).get("kind", ""))
        error = info.get("error")
        score = info.get("stage_score") if info.get("graded_stage") == stage else None
        if score is None:  # a tool call or a message: not an answer
            fields = self.stage_fields(name)[stage]
            out = CompletionScore(0.0, {f: 0.0 for f, _, _ in fields}, False, kind, error)
        else:
            invalid = kind != "answer" or (
                isinstance(error, str) and f"{stage}: invalid answer: " in error
            )
            out = CompletionScore(
                value=float(score.value),
                components={k: float(v) for k, v in score.components.items()},
                valid=not invalid,
                kind=kind,
                error=error,
            )
        self._memo[key] = out
        if len(self._memo) > self.memo_size:
            self._memo.popitem(last=False)
        return out

    def close(self) -> None:
        """Close the cached envs."""
        for env in self._envs.values():
            env.close()
        self._envs.clear()


# -- reward functions ------------------------------------------------------------------------
class _RowReward:
    """Shared part of the reward functions: which rows they grade, and the TRL call."""

    __name__: str
    weight: float

    def __init__(self, scorer: StageScorer, env: str, stage: str) -> None:
        self.scorer, self.env, self.stage = scorer, env, stage
        self.calls = 0
        """Times TRL called this function (batches)."""

    def _value(self, score: CompletionScore) -> float:
        raise NotImplementedError

    def __call__(
        self,
        prompts: Sequence[Any] | None = None,
        completions: Sequence[Any] = (),
        *,
        env: Sequence[str],
        case_id: Sequence[str],
        stage: Sequence[str],
        prefill: Sequence[str] | None = None,
        suffix: Sequence[str] | None = None,
        **_: Any,
    ) -> list[float | None]:
        """Rewards of a batch (TRL's signature); None for rows of another env or stage.

        Args:
            prompts: The prompts (unused: the env rebuilds the observation).
            completions: Completions, as text or conversational messages.
            env: The ``env`` column.
            case_id: The ``case_id`` column.
            stage: The ``stage`` column.
            prefill: The ``prefill`` column of :func:`text_prompts`, if any: the start of
                the answer written into the prompt, which the completion continues.
            suffix: The ``suffix`` column of :func:`text_prompts`: the answer's closing,
                appended (a completion that closed the answer itself is read up to its
                own closing: the env extracts the first JSON object).
        """
        self.calls += 1
        out: list[float | None] = []
        n = len(completions)
        starts = prefill if prefill is not None else [""] * n
        ends = suffix if suffix is not None else [""] * n
        rows = zip(completions, env, case_id, stage, starts, ends, strict=True)
        for comp, name, cid, st, pre, post in rows:
            if name != self.env or st != self.stage:
                out.append(None)
                continue
            text = f"{pre}{completion_text(comp)}{post}" if pre or post else comp
            out.append(self._value(self.scorer.score(name, cid, st, text)))
        return out

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.__name__} weight={self.weight:g}>"


class FieldReward(_RowReward):
    """Reward of one graded field of one stage (or the whole stage score with no field).

    Its ``__name__`` (what TRL logs it as) is ``<stage>/<field>``, with the env name in
    front when several envs share a run.

    Args:
        scorer: The shared :class:`StageScorer`.
        env: Env name.
        stage: Stage name.
        field: Field name, or None for the stage score.
        weight: Suggested weight in ``GRPOConfig.reward_weights``.
        prefix: Name prefix (e.g. ``"merchant_promotion/"``).
    """

    def __init__(
        self,
        scorer: StageScorer,
        env: str,
        stage: str,
        field: str | None = None,
        *,
        weight: float = 1.0,
        prefix: str = "",
    ) -> None:
        super().__init__(scorer, env, stage)
        self.field = field
        self.weight = weight
        self.__name__ = f"{prefix}{stage}/{field or 'score'}"

    def _value(self, score: CompletionScore) -> float:
        return score.value if self.field is None else score.components.get(self.field, 0.0)


class ValidAnswerReward(_RowReward):
    """1 when the env reads the completion as a valid answer of the stage's schema, else 0.

    Named ``<stage>/format``. A dense signal for models that do not yet answer in the
    schema (a random-init or tiny model): partial credit inside a group keeps GRPO's
    advantages non-zero while the graded fields are still all 0.
    """

    def __init__(
        self, scorer: StageScorer, env: str, stage: str, *, weight: float = 0.1, prefix: str = ""
    ) -> None:
        super().__init__(scorer, env, stage)
        self.weight = weight
        self.__name__ = f"{prefix}{stage}/format"

    def _value(self, score: CompletionScore) -> float:
        return 1.0 if score.valid else 0.0


def stage_rewards(
    envs: str | Iterable[str],
    *,
    stages: Sequence[str] | None = None,
    fields: Sequence[str] | None = None,
    scorer: StageScorer | None = None,
    make_kwargs: dict[str, Any] | None = None,
    format_weight: float = 0.0,
    answer_fields_only: bool = True,
) -> list[_RowReward]:
    """One reward function per (env, stage, graded field), for ``GRPOTrainer``.

    Args:
        envs: Env name(s) whose stages are trained.
        stages: Stages to reward (default: all).
        fields: Fields to reward (default: every field of each chosen stage); a name a
            stage does not have is skipped for it.
        scorer: Shared scorer (default: a new one with ``make_kwargs``).
        make_kwargs: Keyword arguments for :func:`ecomstage.make` when no scorer is given.
        format_weight: Also add a :class:`ValidAnswerReward` per stage with this weight (0:
            none).
        answer_fields_only: Leave out fields a single completion cannot earn (graded
            from the calls run at the stage, not part of the answer).

    Returns:
        The functions; each has a ``weight`` - the field's share of the chosen fields of
        its stage, from the spec's field weights - so that :func:`reward_weights` makes
        the summed reward the weighted mean of the chosen fields (the stage score when
        every field is chosen), plus the format reward.

    Raises:
        EcomstageError: No stage or field matched.
    """
    names = [envs] if isinstance(envs, str) else list(envs)
    scorer = scorer or StageScorer(make_kwargs)
    prefix_env = len(names) > 1
    out: list[_RowReward] = []
    for name in names:
        prefix = f"{name}/" if prefix_env else ""
        for st, spec_fields in scorer.stage_fields(name).items():
            if stages is not None and st not in stages:
                continue
            chosen = [
                (f, w)
                for f, w, in_answer in spec_fields
                if (fields is None or f in fields) and (in_answer or not answer_fields_only)
            ]
            total = sum(w for _, w in chosen)
            for f, w in chosen:
                out.append(FieldReward(scorer, name, st, f, weight=w / total, prefix=prefix))
            if chosen and format_weight > 0:
                out.append(ValidAnswerReward(scorer, name, st, weight=format_weight, prefix=prefix))
    if not out:
        raise EcomstageError(
            f"no graded field matched: envs {names}, stages {list(stages or [])}, "
            f"fields {list(fields or [])}"
        )
    return out


def answer_prefix(schema: dict[str, Any], answer_format: str = "json") -> tuple[str, str]:
    """The opening of a JSON answer up to its first value, and its closing.

    ``({"route": "``, ``"}``)`` for a string field. Written at the end of a prompt (see
    :func:`text_prompts`), the opening makes a small model's completion start inside the
    answer, so that its samples are answers at all (a 135M model otherwise writes prose,
    and every reward of a group is 0); the reward functions append the closing. Both
    empty for a bare-text answer (paper tasks) or a schema without properties.
    """
    if answer_format != "json":
        return "", ""
    props = schema.get("properties") or {}
    if not props:
        return "", ""
    required = [k for k in schema.get("required", []) if k in props]
    first = required[0] if required else next(iter(props))
    opening = json.dumps({first: None}, ensure_ascii=False)[: -len("null}")]
    if props[first].get("type") == "string":
        return f'{opening}"', '"}'
    return opening, "}"


def text_prompts(dataset: Any, tokenizer: Any, *, prefill: bool = True) -> Any:
    """A :func:`~ecomstage_env.rl.prompts.stage_prompts` dataset with text prompts.

    ``prompt`` becomes the chat template applied to the messages (with the generation
    prompt; the local agent's plain layout for a tokenizer without one) followed by the
    opening of :func:`answer_prefix`, also kept in a ``prefill`` column, its closing in
    a ``suffix`` column: the reward functions put them around each completion, so the
    env grades the whole answer. Text, because TRL opens a new assistant turn after
    conversational prompts.

    Args:
        dataset: A ``datasets.Dataset`` of stage prompts.
        tokenizer: The model's tokenizer (its chat template).
        prefill: Write the answer's opening into the prompt.

    Returns:
        The new dataset.
    """
    from ecomstage_env.agents.local import _plain_template  # the local agent's fallback

    templated = bool(getattr(tokenizer, "chat_template", None))

    def convert(row: dict[str, Any]) -> dict[str, Any]:
        text = (
            tokenizer.apply_chat_template(row["prompt"], tokenize=False, add_generation_prompt=True)
            if templated
            else _plain_template(row["prompt"])
        )
        pre, post = ("", "")
        if prefill:
            pre, post = answer_prefix(json.loads(row["answer_schema"]), row["answer_format"])
        return {"prompt": f"{text}{pre}", "prefill": pre, "suffix": post}

    return dataset.map(convert)


def reward_weights(funcs: Sequence[Any]) -> list[float]:
    """``GRPOConfig.reward_weights`` for ``funcs`` (their ``weight``; 1.0 for others)."""
    return [float(getattr(f, "weight", 1.0)) for f in funcs]


# -- multi-stage rollouts --------------------------------------------------------------------
@dataclass(frozen=True)
class Generation:
    """One model output, with its tokens when the generator has them.

    Attributes:
        text: The output text (the env reads the action from it).
        prompt_ids: Token ids of the prompt.
        completion_ids: Token ids of the output.
        logprobs: Log-probability of each output token under the sampling policy.
    """

    text: str
    prompt_ids: tuple[int, ...] = ()
    completion_ids: tuple[int, ...] = ()
    logprobs: tuple[float, ...] = ()


Generate = Callable[[list[dict[str, Any]], dict[str, Any]], "str | Generation"]
"""A model behind a callback: ``generate(messages, view) -> text or Generation``.
``messages`` are the chat messages the env shows at this step (tool calls and results
included), ``view`` the stage's :func:`~ecomstage_env.agents.llm.stage_view` (``tools``,
``answer_schema``, ``answer_format``, ``stage``)."""


@dataclass(frozen=True)
class Turn:
    """One model call of a rollout and what the env made of it.

    Attributes:
        stage: Stage of the step.
        messages: The messages the model was shown.
        completion: What it generated.
        kind: What the env understood (``tool_call``, ``message``, ``answer``, ``invalid``).
        reward: The env's reward for the step.
        error: ``info["error"]`` of the step.
        prompt_ids: Prompt tokens (when the callback returned a :class:`Generation`).
        completion_ids: Output tokens (likewise).
        logprobs: Output token log-probabilities (likewise).
    """

    stage: str
    messages: list[dict[str, Any]]
    completion: str
    kind: str
    reward: float
    error: str | None = None
    prompt_ids: tuple[int, ...] = ()
    completion_ids: tuple[int, ...] = ()
    logprobs: tuple[float, ...] = ()


@dataclass(frozen=True)
class Rollout:
    """A played episode, as an RL loop needs it.

    Attributes:
        env: Env name.
        case_id: Case played.
        turns: Every model call, in order.
        stage_rewards: Score of each graded stage in [0, 1].
        stage_components: Per-field scores of each graded stage.
        total: The episode total (weighted mean, or gate, as the env is set).
        returns: Sum of the env's step rewards.
        record: The runner's full episode record (what a run directory keeps).
    """

    env: str
    case_id: str
    turns: list[Turn]
    stage_rewards: dict[str, float]
    stage_components: dict[str, dict[str, float]]
    total: float
    returns: float
    record: EpisodeRecord = field(repr=False)

    def messages(self) -> list[dict[str, Any]]:
        """The trajectory as one chat: each stage's opening messages, then its turns.

        Assistant turns hold the model's raw output; tool and user-simulator results
        come back as the next turn's messages, as the env showed them.
        """
        out: list[dict[str, Any]] = []
        shown = 0
        stage = None
        for t in self.turns:
            if t.stage != stage:
                stage, shown = t.stage, 0
            new = t.messages[shown:]
            out += [dict(m) for m in new if m.get("role") != "assistant"]
            out.append({"role": "assistant", "content": t.completion})
            shown = len(t.messages)  # the env shows a call back as assistant + tool messages
        return out


class _CallbackAgent(BaseAgent):
    """An agent whose model is a :data:`Generate` callback; keeps the token trajectory."""

    def __init__(self, generate: Generate, prompt: PromptOptions | None, name: str) -> None:
        self.generate, self.prompt, self.name = generate, prompt, name
        self.calls: list[tuple[list[dict[str, Any]], Generation]] = []

    def reset(self) -> None:
        self.calls = []

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> AgentStep:
        view = stage_view(obs, info, self.prompt)
        messages = [dict(m) for m in view["messages"]]
        out = self.generate(messages, view)
        gen = out if isinstance(out, Generation) else Generation(text=str(out))
        self.calls.append((messages, gen))
        usage = Usage(
            prompt_tokens=len(gen.prompt_ids),
            completion_tokens=len(gen.completion_ids),
            calls=1,
        )
        return AgentStep(action=gen.text, usage=usage, raw=gen.text)


def play_rollout(
    env: gym.Env[Any, Any],
    generate: Generate,
    *,
    case_id: str | None = None,
    stage: str | None = None,
    seed: int | None = None,
    prompt: PromptOptions | None = None,
    name: str = "rollout",
) -> Rollout:
    """Play one multi-stage, tool-using episode with a model behind ``generate``.

    Each step the callback gets the messages the env shows (the stage's system prompt
    and context, then the tool calls and results so far at the stage) and returns text
    (or a :class:`Generation` with tokens); the env runs tool calls, passes messages to
    the simulated user and grades answers, until the episode ends (bounded by the
    stages' budgets).

    Args:
        env: An ecomstage env (``context="agent"`` for end-to-end episodes).
        generate: The model.
        case_id: Case to play (else drawn from ``seed``).
        stage: Start at this stage, the earlier ones answered by the annotation.
        seed: Seed of ``reset``.
        prompt: Prompt options applied to the messages.
        name: Agent name in the record.

    Returns:
        The rollout: per-stage rewards and components, turns with messages and tokens.
    """
    from ecomstage_env.runner.episode import env_name

    agent = _CallbackAgent(generate, prompt, name)
    options = {"stage": stage} if stage else None
    record = play_episode(env, agent, case_id=case_id, seed=seed, options=options)
    if len(agent.calls) != len(record.steps):  # pragma: no cover - play_episode's contract
        raise EcomstageError("rollout: model calls and env steps do not match")
    turns = [
        Turn(
            stage=step.stage,
            messages=messages,
            completion=gen.text,
            kind=str((step.action or {}).get("kind", "")) if isinstance(step.action, dict) else "",
            reward=step.reward,
            error=step.error,
            prompt_ids=gen.prompt_ids,
            completion_ids=gen.completion_ids,
            logprobs=gen.logprobs,
        )
        for (messages, gen), step in zip(agent.calls, record.steps, strict=True)
    ]
    scores = record.result.stage_scores
    return Rollout(
        env=env_name(env),
        case_id=record.case_id,
        turns=turns,
        stage_rewards={s: float(sc.value) for s, sc in scores.items()},
        stage_components={s: dict(sc.components) for s, sc in scores.items()},
        total=float(record.result.total),
        returns=float(sum(s.reward for s in record.steps)),
        record=record,
    )
