"""The staged environment: one annotated case per episode, graded at each checkpoint."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import gymnasium as gym
import numpy as np
from gymnasium.utils import seeding

from ecomstage_env.answers import answer_schema, validate_answer
from ecomstage_env.data.loader import Scenario, builtin_scenarios_root, load_scenario
from ecomstage_env.data.schema import Case, StageSpec
from ecomstage_env.errors import EcomstageError, ScenarioError, did_you_mean
from ecomstage_env.parsing import (
    Answer,
    ParseError,
    dumps_compact,
    encode_string,
    loads_compact,
    normalize_action,
    parse_normalized,
)
from ecomstage_env.scoring import score_stage, zero_score
from ecomstage_env.spaces import OBSERVATION_KEYS, action_space, observation_space
from ecomstage_env.stages import (
    ActionKind,
    AgentStep,
    EpisodeResult,
    Stage,
    StageScore,
    TerminationReason,
    ToolCall,
    ToolCallRecord,
)
from ecomstage_env.users import USER_TOOL, user_tool_spec
from ecomstage_env.world.base import ToolError, ToolSpec, World

if TYPE_CHECKING:
    from ecomstage_env.scoring.embedding import Embedder
    from ecomstage_env.scoring.judge import LLMJudge

__all__ = [
    "EPISODE_KEY",
    "GRADER_KEY",
    "ContextMode",
    "StagedEnv",
    "TotalMode",
    "resolve_scenario",
]

ContextMode = Literal["agent", "gold"]
TotalMode = Literal["mean", "gate"]

DONE_STAGE = "done"
"""``obs["stage"]`` of the observation returned with ``terminated=True``."""

EPISODE_KEY = "episode_result"
"""Key of the finished episode's :class:`EpisodeResult` in ``info`` (Gymnasium's
``RecordEpisodeStatistics`` owns ``info["episode"]``)."""


GRADER_KEY = "grader"
"""Key under which the runner passes :meth:`StagedEnv.grader_view` to privileged agents."""


TRAIN_SIZE = 256
"""Train cases a ``split="train"`` env generates unless told otherwise (``train_size``)."""


def resolve_scenario(scenario: str | Path) -> Path:
    """Return the folder of a scenario given by bundled name or by path.

    Raises:
        ScenarioError: Neither a folder nor a bundled scenario name.
    """
    path = Path(scenario)
    if path.is_dir():
        return path
    root = builtin_scenarios_root()
    bundled = root / str(scenario)
    if (bundled / "spec.toml").is_file():
        return bundled
    names = [p.name for p in root.iterdir() if (p / "spec.toml").is_file()] if root.is_dir() else []
    raise ScenarioError(f"no scenario {str(scenario)!r}.{did_you_mean(str(scenario), names)}")


_NO_CALLS = (0, 0, 0, 0)
"""The counts of a stage with no call yet (see ``StagedEnv._call_counts``)."""


def _dumps(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, default=repr)``, without its Python layers.

    ``default=repr``: an agent's answer may hold values JSON cannot encode (sets, bytes);
    they are shown, not raised.
    """
    return dumps_compact(obj, repr)


# Hot paths read an enum member's ``_value_``: the same string as ``.value``, without the
# Python-level property that ``.value`` runs on every read.

_encode_str = encode_string
"""A string as ``_dumps`` encodes it (:func:`~ecomstage_env.parsing.encode_string`)."""


MAX_FAILED_CALLS = 10
"""Failed calls a stage takes when they do not count toward its budget (see
:class:`~ecomstage_env.data.schema.StageSpec` ``failed_calls_count``); one more ends the
stage as over budget, so that episodes stay bounded."""


SHOWN_ANSWER_CHARS = 20_000
"""Longest earlier answer shown back in a later stage's prompt (longer ones are cut)."""


def _clip(text: str, limit: int = SHOWN_ANSWER_CHARS) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... [{len(text) - limit:,} more characters]"


def _call_messages_json(call_id: str, name: str, arguments: str, result: str) -> str:
    """The JSON of a call's two messages, as ``_dumps`` writes each, joined by ", ".

    The assistant's message (``content`` null, one function call of ``name`` with the
    ``arguments`` JSON) and the tool's message with ``result``: four strings put in a
    fixed frame, with no encoder built for them (a test checks it against ``_dumps``).
    """
    cid = _encode_str(call_id)
    return (
        '{"role": "assistant", "content": null, "tool_calls": [{"id": '
        f'{cid}, "type": "function", "function": {{"name": {_encode_str(name)}, '
        f'"arguments": {_encode_str(arguments)}}}}}]}}, '
        f'{{"role": "tool", "tool_call_id": {cid}, "content": {_encode_str(result)}}}'
    )


class _ShownCall(NamedTuple):
    """One call as observations show it, encoded once when it is made."""

    call_id: str
    arguments: str
    result: str
    messages_json: str
    transcript: str


class _Fixed(NamedTuple):
    """What a stage shows that depends only on (case, stage), built once per env."""

    schema_json: str
    tools_json: str
    system: str
    system_json: str


class StagedEnv(gym.Env[dict[str, str], Any]):
    """An e-commerce scenario as a three-checkpoint episode (EComStage made interactive).

    ## Description
    Each episode is one annotated case of a scenario: a conversation with a customer or
    a merchant, a simulated shop (the *world*) and gold answers. The episode walks the
    scenario's checkpoints in order - **perception** (understand the request),
    **planning** (route it, look up what the decision needs), **action** (decide, change
    the world, reply) - and grades the agent's answer at each against the annotation.
    Scenarios with a single checkpoint (the paper's seven tasks) use the same class.

    ## Observation
    A dict of strings (see :func:`ecomstage_env.spaces.observation_space`): ``stage``;
    ``prompt`` (instruction + context, for raw LLMs); ``messages`` (the same as OpenAI
    chat messages, JSON); ``answer_schema`` (JSON Schema of the stage answer, JSON);
    ``answer_format`` (``"json"`` or ``"text"``); ``tools`` (OpenAI tool specs allowed at
    this stage, JSON); ``tool_result`` (result of the last call at this stage, or "").
    After the last checkpoint ``stage`` is ``"done"``. ``info`` carries ``case_id``,
    ``scenario``, ``orientation``, ``stage``, ``messages``, ``tools``, ``answer_schema``
    as Python objects, ``answer_format``, ``tool_calls_left`` and ``user_turns_left``.
    Nothing in either quotes the annotation (:meth:`grader_view` is for the oracle).

    ## Action
    Model output text (JSON is extracted from it), a dict, a pydantic model, or a tool
    call - ``{"tool": name, "arguments": {...}}`` or OpenAI's tool-call shape. A tool
    call runs against the world and the episode stays at the stage. At stages with user
    turns, the pseudo-tool ``message_user`` (``{"text": ...}``) sends the user a message;
    the simulated user's reply is its result. Anything else is the stage answer.
    ``info["action"]`` says what the env understood (``kind``: tool_call, message,
    answer or invalid), as plain JSON data sharing nothing with the agent's action.
    No action makes ``step`` raise: text is repaired first (lone surrogates and invalid
    UTF-8 become U+FFFD, reported in ``info["error"]``), and an action over the limits
    of :mod:`ecomstage_env.parsing` (1,000,000 characters, 64 levels of nesting, 4,000
    characters of tool arguments) or one that cannot be read at all is invalid.

    A call that fails - a tool not available at the stage, arguments the tool rejects,
    an empty message - gets an error as its result and, unless the stage's
    ``failed_calls_count`` is true, does not use up the budget (at most
    ``MAX_FAILED_CALLS`` such calls per stage). A call past the budget is not run: it
    ends the stage, graded on its answer so far - the calls made at the stage for
    ``calls`` fields (lookups, writes), an empty answer for the other fields - with
    ``info["error"]`` saying the budget was exceeded.

    ## Rewards
    A tool call or a message gives 0. A stage answer gives ``w_s * score_s / sum(w)``
    (``total="mean"``) so the return equals the weighted mean; with ``total="gate"``
    every stage gives 0 except the last, which gives the product of all stage scores.
    ``info["stage_score"]`` holds the :class:`~ecomstage_env.stages.StageScore` (value,
    components, a reason that does not quote the gold): for RL loops, wrappers and reports.
    The runner does not hand it to the agent under evaluation
    (:func:`ecomstage_env.runner.episode.without_feedback`): a stage's score, read at the
    next stage, tells what the gold needed; your own loop should withhold it too. An
    unparsable or invalid answer
    scores 0 with ``info["error"]`` saying why; the episode goes on.

    These flags (``reward_weights``, ``total``) define the *evaluation* reward: keep
    them for reports and comparisons. For RL, wrap the env instead
    (:func:`ecomstage_env.rl.wrappers.wrap_rewards`): per-stage weights, dense or sparse,
    weighted mean or a threshold gate, a format reward, penalties for invalid output and
    budget overruns, and no paper-mode credit for multi-label answers, each a Gymnasium
    wrapper that reports what it did in ``info``.

    ## Episode End
    Terminates after the last checkpoint's answer, or when the last stage's tool or
    user-turn budget is exceeded; ``info["episode_result"]`` then holds the
    :class:`~ecomstage_env.stages.EpisodeResult` (stage scores, total, termination
    reason, counts and errors), without the grader's explanations:
    :meth:`graded_result` has them, for reports. Episodes are bounded
    by the budgets, so there is no truncation.

    ## Arguments
    - ``scenario``: bundled scenario name or a scenario folder.
    - ``split``: case split to draw from (``"test"``; ``None`` for all cases). ``"train"``
      draws from cases the scenario's generator makes (see
      :mod:`ecomstage_env.data.generate`), never from the test cases.
    - ``train_size``, ``train_seed``: how many train cases to generate (default 256) and
      from which seed (default 0); the same seed gives the same cases.
    - ``context``: ``"agent"`` (later stages see the agent's own answers and lookups) or
      ``"gold"`` (they see the annotated answers and the gold lookups' results).
    - ``reward_weights``: weight per stage name, overriding the spec.
    - ``total``: ``"mean"`` or ``"gate"``.
    - ``render_mode``: ``"ansi"`` or ``"human"``.
    - ``embedder``: embedding model of similarity-scored fields (default model when None).
    - ``judge``: an :class:`~ecomstage_env.scoring.judge.LLMJudge` for ``judge`` fields.

    ``reset(seed=..., options={"case_id": ..., "split": ..., "stage": ...})`` picks a case
    by id, else the next of :meth:`queue_cases`, else from the seeded RNG; ``stage`` starts the episode at a later checkpoint,
    the earlier ones answered by the annotation (per-stage training and evaluation).

    ## Version History
    Each scenario carries its own version in ``spec.toml`` (the ``-vN`` of its id).
    """

    metadata = {"render_modes": ["ansi", "human"], "render_fps": 4}  # noqa: RUF012 (gymnasium API)

    answer_format = "json"
    """How stage answers are given: ``"json"`` objects, or ``"text"`` (paper tasks)."""

    def __init__(
        self,
        scenario: str | Path | Scenario = "merchant_promotion",
        *,
        split: str | None = "test",
        train_size: int = TRAIN_SIZE,
        train_seed: int = 0,
        context: ContextMode = "agent",
        reward_weights: dict[str, float] | None = None,
        total: TotalMode = "mean",
        render_mode: str | None = None,
        embedder: Embedder | None = None,
        judge: LLMJudge | None = None,
    ) -> None:
        if context not in ("agent", "gold"):
            raise EcomstageError(f"context must be 'agent' or 'gold', not {context!r}")
        if total not in ("mean", "gate"):
            raise EcomstageError(f"total must be 'mean' or 'gate', not {total!r}")
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise EcomstageError(
                f"render_mode must be 'ansi', 'human' or None, not {render_mode!r}"
            )
        self.scenario: Scenario = (
            scenario
            if isinstance(scenario, Scenario)
            else load_scenario(resolve_scenario(scenario))
        )
        if split == "train" and self.scenario.generator is not None:
            from ecomstage_env.data.generate import with_train_split

            if not all(
                isinstance(v, int) and not isinstance(v, bool) for v in (train_size, train_seed)
            ):
                raise EcomstageError("train_size and train_seed must be integers")
            if train_seed < 0:
                raise EcomstageError(f"train_seed must be >= 0, not {train_seed}")
            self.scenario = with_train_split(self.scenario, train_size, train_seed)
        self.embedder = embedder
        self.judge = judge
        self.spec_data = self.scenario.spec
        self.cases: tuple[Case, ...] = self.scenario.split(split)
        if not self.cases and split == "train":
            raise EcomstageError(
                f"{self.scenario.spec.name!r} has no train split: its spec.toml names no "
                "generator (see ecomstage_env.data.generate) and no case file holds train cases"
            )
        if not self.cases:
            splits = sorted({c.split for c in self.scenario.cases})
            raise EcomstageError(f"no cases in split {split!r}; splits: {', '.join(splits)}")
        self._by_id = {c.case_id: c for c in self.scenario.cases}
        stage_names = [s.stage.value for s in self.spec_data.stages]
        weights = {s.stage.value: s.weight for s in self.spec_data.stages}
        for name, w in (reward_weights or {}).items():
            if name not in weights:
                raise EcomstageError(f"reward_weights names stage {name!r}; stages: {stage_names}")
            if not (isinstance(w, (int, float)) and math.isfinite(w) and w >= 0):
                raise EcomstageError(f"reward weight of {name!r} must be a finite number >= 0")
            weights[name] = float(w)
        if sum(weights.values()) <= 0:
            raise EcomstageError("reward_weights must not all be 0")
        self.weights = weights
        self.context: ContextMode = context
        self.total_mode: TotalMode = total
        self.render_mode = render_mode
        self.observation_space = observation_space()  # type: ignore[assignment]
        self.action_space = action_space()
        tool_specs = self.scenario.world_cls.tool_specs() if self.scenario.world_cls else {}
        self._tool_specs = tool_specs
        self._free_args = {n: s.free_args for n, s in tool_specs.items()}
        self._case: Case | None = None
        self._world: World[Any] | None = None
        self._graded: EpisodeResult | None = None
        # Observation text that depends only on (case, stage): built once per env. The
        # opening stage's user text too: nothing earlier in the episode shapes it.
        self._queue: list[str] = []
        self._fixed_text: dict[tuple[str, int], _Fixed] = {}
        # Per (case, stage): the validated grading parameters of each field.
        self._params: dict[tuple[str, Stage], dict[str, Any]] = {}
        self._params_of: Scenario | None = None
        # Per stage: (name, description, parameters) of each of its tools.
        self._tool_rows: dict[Stage, list[tuple[str, str, dict[str, Any]]]] = {}
        self._first_text: dict[tuple[str, int], tuple[str, str]] = {}
        # Per case: the start of every stage's user text (account, conversation), and
        # that text as JSON escapes it.
        self._heads: dict[str, tuple[str, str]] = {}

    # -- episode state --------------------------------------------------------------------
    def _start(self, case: Case, start: int) -> None:
        self._case = case
        self._info_keys: dict[str, Any] | None = None
        self._graded = None
        self._world = self.scenario.new_world(case)
        self._start_idx = start
        self._stage_idx = start
        self._calls: list[ToolCallRecord] = []
        # Per stage: tool calls and user turns (counted, failed uncounted), see _keep_call.
        self._counts: dict[Stage, list[int]] = {}
        self._answers: dict[Stage, dict[str, Any] | str] = {}
        self._scores: dict[Stage, StageScore] = {}
        self._errors: list[str] = []
        self._scoring_errors: list[str] = []
        self._read_repairs: list[str] = []
        self._steps = 0
        self._last_result = ""
        self._printed = 0
        self._gold_results: dict[int, list[tuple[str, dict[str, Any], Any]]] = {}
        # Per stage of this episode: the user text and the system/user messages as JSON
        # (fixed while the stage is open); per call: its arguments and result as shown.
        self._stage_text: dict[int, tuple[str, str]] = {}
        self._shown_calls: list[_ShownCall] = []
        # The transcript render() prints, as parts formatted only when it is rendered.
        self._log: list[Callable[[], str]] = [
            lambda: f"== {self.spec_data.name} / {case.case_id} ({self.context} context)",
            lambda: "\n".join(f"{t.role}: {t.text}" for t in case.dialogue),
        ]

    def queue_cases(self, case_ids: list[str]) -> None:
        """Play these cases, in order, at the next resets that name no ``case_id``.

        Once the queue is empty, resets draw from the seeded RNG again. A vector env's
        sub-envs get one share each (``vec.call("queue_cases", ...)``), so that a pass
        covers a split exactly once.

        Raises:
            EcomstageError: An unknown case id.
        """
        for cid in case_ids:
            if cid not in self._by_id:
                raise EcomstageError(
                    f"no case {cid!r} in {self.spec_data.name}.{did_you_mean(cid, self._by_id)}"
                )
        self._queue = list(case_ids)

    @property
    def case_queue(self) -> list[str]:
        """The queued case ids (settable: ``vec.set_attr("case_queue", shares)``)."""
        return list(self._queue)

    @case_queue.setter
    def case_queue(self, case_ids: list[str]) -> None:
        self.queue_cases(list(case_ids))

    @property
    def case(self) -> Case:
        """The case of the current episode."""
        if self._case is None:
            raise EcomstageError("call reset() first")
        return self._case

    @property
    def world(self) -> World[Any] | None:
        """The current episode's world (None for scenarios without one)."""
        return self._world

    @property
    def tool_specs(self) -> dict[str, ToolSpec]:
        """Every tool of the scenario's world, by name (empty without a world)."""
        return dict(self._tool_specs)

    def graded_result(self) -> EpisodeResult:
        """The last finished episode's result with the grader's explanations (the gold).

        ``info["episode_result"]`` carries the same result without them, so that no
        agent loop - trials of a case, RL - can read the annotation. The runner records
        this one in the run directory, for reports and the viewer.

        Raises:
            EcomstageError: No episode has finished yet.
        """
        if self._graded is None or self._graded.case_id != self.case.case_id or not self._done():
            raise EcomstageError("no finished episode: play one to its end first")
        return self._graded

    def grader_view(self) -> dict[str, Any]:
        """What privileged agents (the oracle, the majority baseline) may read: the gold.

        The runner hands it, per episode, only to agents whose ``privileged`` attribute is
        True; it is never part of an observation or of ``info``.

        Returns:
            ``{"case": the current case, "cases": the cases of the env's split}``.
        """
        return {"case": self.case, "cases": self.cases}

    def _stage(self) -> StageSpec:
        return self.spec_data.stages[self._stage_idx]

    def _done(self) -> bool:
        return self._case is not None and self._stage_idx >= len(self.spec_data.stages)

    def _calls_at(self, stage: Stage, kind: str | None = None) -> list[ToolCallRecord]:
        return [
            c
            for c in self._calls
            if c.stage == stage and (kind is None or (c.kind == "message") == (kind == "message"))
        ]

    def _call_counts(self, stage: StageSpec) -> Sequence[int]:
        """Tool calls and user turns at ``stage``, each (counted, failed uncounted).

        ``[tools, tools_failed, turns, turns_failed]``, kept as calls are made (see
        :meth:`_keep_call`). A failed call (unknown tool, rejected arguments, empty
        message) counts toward the budget only when the stage's ``failed_calls_count``
        says so. Read only: the stage's own counts.
        """
        return self._counts.get(stage.stage, _NO_CALLS)

    def _keep_call(self, stage: StageSpec, record: ToolCallRecord) -> None:
        """Keep a call made at ``stage`` (the open stage), and count it for the budgets.

        The counts are what one pass over the stage's calls would give (read by
        :meth:`_call_counts`), kept as calls are made instead of recounted per step.
        """
        self._calls.append(record)
        counts = self._counts.get(record.stage)
        if counts is None:
            counts = self._counts[record.stage] = [0, 0, 0, 0]
        counted = stage.failed_calls_count or record.ok
        counts[(2 if record.kind == "message" else 0) + (0 if counted else 1)] += 1

    # -- rendering the context --------------------------------------------------------------
    def _stage_tools(self, stage: StageSpec) -> list[dict[str, Any]]:
        """The stage's tools in OpenAI's format (:meth:`ToolSpec.openai`), new dicts each call."""
        rows = self._tool_rows.get(stage.stage)
        if rows is None:
            specs = [self._tool_specs[n] for n in stage.tools]
            rows = self._tool_rows[stage.stage] = [
                (s.name, s.description, s.parameters) for s in specs
            ]
        tools = [
            {"type": "function", "function": {"name": n, "description": d, "parameters": p}}
            for n, d, p in rows
        ]
        return [*tools, user_tool_spec()] if stage.user_turns else tools

    def _shown_as_reference(self, index: int) -> bool:
        return self.context == "gold" or index < self._start_idx

    def _earlier_context(self, stage: StageSpec) -> list[str]:
        case = self.case
        lines: list[str] = []
        for i, st in enumerate(self.spec_data.stages[: self._stage_idx]):
            if self._shown_as_reference(i):
                gold = {k: v for k, v in case.gold[st.stage].items() if st.field(k).in_answer}
                lines.append(f"{st.stage.value} (reference answer): {_dumps(gold)}")
            else:
                ans = self._answers.get(st.stage, "")
                shown = _clip(ans if isinstance(ans, str) else _dumps(ans))
                lines.append(f"{st.stage.value} (your answer): {shown}")
        results = self._earlier_result_lines()
        if results:
            lines.append("Lookups so far:")
            lines += results
        current = self._stage().stage if not self._done() else None
        said = [c for c in self._calls if c.kind == "message" and c.stage != current]
        if said:
            lines.append("Messages with the user so far:")
            lines += [f"- you: {c.arguments.get('text', '')}\n  user: {c.result}" for c in said]
        return lines

    def _earlier_result_lines(self) -> list[str]:
        """The lookups of earlier stages as the user text lists them."""
        if not any(self._shown_as_reference(i) for i in range(self._stage_idx)):
            # The agent's own lookups: their arguments and results as encoded when made
            # (what the agent was shown then), not encoded again.
            current = self._stage().stage if not self._done() else None
            return [
                f"- {c.name}({shown.arguments}) -> {shown.result}"
                for c, shown in zip(self._calls, self._shown_calls, strict=True)
                if c.stage != current and c.kind == "read" and c.ok
            ]
        # Gold context: the annotated lookups of earlier stages, run once on this episode's
        # world when the stage opens, so the agent's own writes later in the stage do not
        # change what it was shown.
        if self._stage_idx not in self._gold_results:
            self._gold_results[self._stage_idx] = self._run_gold_lookups()
        return [
            f"- {name}({_dumps(args)}) -> {_dumps(res)}"
            for name, args, res in self._gold_results[self._stage_idx]
        ]

    def _run_gold_lookups(self) -> list[tuple[str, dict[str, Any], Any]]:
        out: list[tuple[str, dict[str, Any], Any]] = []
        if self._world is None:
            return out
        for st in self.spec_data.stages[: self._stage_idx]:
            for f in st.fields:
                if f.type != "calls" or f.execute:
                    continue
                for call in self.case.gold[st.stage].get(f.name, []):
                    try:
                        res = self._world.call(call["name"], call.get("arguments", {}))
                    except ToolError as e:
                        res = f"error: {e}"
                    out.append((call["name"], call.get("arguments", {}), res))
        return out

    def _head(self) -> tuple[str, str]:
        """How every stage's user text starts (account line, conversation), and its JSON.

        The JSON is the text escaped, without quotes; both are built once per case.
        """
        case = self.case
        held = self._heads.get(case.case_id)
        if held is None:
            parts = []
            world_refs = case.world_refs
            refs = {k: world_refs[k] for k in self.spec_data.visible_refs if k in world_refs}
            if refs:
                parts.append("Account: " + ", ".join(f"{k}={v}" for k, v in refs.items()))
            dialogue = "\n".join(f"{t.role}: {t.text}" for t in case.dialogue)
            parts.append("Conversation:\n" + dialogue)
            text = "\n\n".join(parts)
            held = self._heads[case.case_id] = (text, _encode_str(text)[1:-1])
        return held

    def _user_message_json(self, user: str) -> str:
        """``_dumps({"role": "user", "content": user})``, the case's head not re-escaped."""
        head, escaped = self._head()
        if user.startswith(head):
            content = '"' + escaped + _encode_str(user[len(head) :])[1:]
        else:  # a subclass's own user text
            content = _encode_str(user)
        return '{"role": "user", "content": ' + content + "}"

    def _user_text(self, stage: StageSpec) -> str:
        parts = [self._head()[0]]
        case = self.case
        earlier = self._earlier_context(stage)
        if earlier:
            parts.append("\n".join(earlier))
        for f in stage.fields:
            if f.type == "label" and f.labels_from == "options":
                menu = "\n".join(f"{o.id}. {o.text}" for o in case.options[f.name])
                parts.append(f"Options for `{f.name}`:\n{menu}")
        return "\n\n".join(parts)

    def _system_text(self, stage: StageSpec, schema: dict[str, Any]) -> str:
        tools = ", ".join(stage.tools) if stage.tools else "none"
        budget = f" (at most {stage.tool_budget} calls)" if stage.tools else ""
        guidelines = "".join(
            f"\n\nGuideline for `{f.name}`:\n{f.guideline.strip()}"
            for f in stage.fields
            if f.guideline
        )
        user = (
            f"\nYou may write to the user with {USER_TOOL} (at most {stage.user_turns} "
            "messages at this stage); their reply comes back as the result."
            if stage.user_turns
            else ""
        )
        return (
            f"{self.spec_data.system_prompt.strip()}\n\n"
            f"Current stage: {stage.stage.value}.\n{stage.instruction.strip()}{guidelines}\n\n"
            f"Tools at this stage: {tools}{budget}. To call one, reply with "
            f'{{"tool": NAME, "arguments": {{...}}}} (one call per message).{user}\n'
            f"To answer, reply with one JSON object matching this schema:\n{_dumps(schema)}"
        )

    def _base_info(self) -> dict[str, Any]:
        """Keys every ``info`` of the episode carries."""
        case = self.case
        return {
            "case_id": case.case_id,
            "scenario": self.spec_data.name,
            "orientation": case.orientation.value,
            "context": self.context,
        }

    def _parse(self, action: Any, stage: StageSpec) -> ToolCall | Answer | ParseError:
        """Classify an action as tool call or answer (subclasses read raw text their way).

        ``action`` has been through :func:`~ecomstage_env.parsing.normalize_action`:
        text, plain JSON data or a :class:`ToolCall`, sharing nothing with the agent's.
        """
        return parse_normalized(action, self._read_repairs)

    def _fixed(self, stage: StageSpec) -> _Fixed:
        """The stage's answer schema and tools as JSON, the system text and its message's JSON.

        All are fixed per (case, stage): built once per env.
        """
        key = (self.case.case_id, self._stage_idx)
        fixed = self._fixed_text.get(key)
        if fixed is None:
            schema = answer_schema(stage, self.case)
            system = self._system_text(stage, schema)
            system_json = _dumps({"role": "system", "content": system})
            tools_json = _dumps(self._stage_tools(stage))
            fixed = _Fixed(_dumps(schema), tools_json, system, system_json)
            self._fixed_text[key] = fixed
        return fixed

    def _opened(self, stage: StageSpec, system_json: str) -> tuple[str, str]:
        """The user text and the first two messages' JSON: fixed while a stage is open."""
        opened = self._stage_text.get(self._stage_idx)
        if opened is None:
            first = self._stage_idx == self._start_idx
            key = (self.case.case_id, self._stage_idx)
            opened = self._first_text.get(key) if first else None
            if opened is None:
                user = self._user_text(stage)
                opened = (user, system_json + ", " + self._user_message_json(user))
                if first:
                    self._first_text[key] = opened
            self._stage_text[self._stage_idx] = opened
        return opened

    def _shown_user_text(self, stage: StageSpec) -> str:
        """The user text the agent was shown at the open stage."""
        opened = self._stage_text.get(self._stage_idx)
        return opened[0] if opened is not None else self._user_text(stage)

    def _remember_call(self, args_json: str | None = None) -> None:
        """Encode the call just made, as every later observation of its stage shows it."""
        c = self._calls[-1]
        call_id = f"call_{c.stage._value_}_{sum(o.stage == c.stage for o in self._calls) - 1}"
        args = args_json if args_json is not None else _dumps(c.arguments)
        shown = self._last_result
        self._shown_calls.append(
            _ShownCall(
                call_id,
                args,
                shown,
                _call_messages_json(call_id, c.name, args, shown),
                f"Tool call: {c.name}({args})\nResult: {shown}",
            )
        )

    def _observe(self) -> tuple[dict[str, str], dict[str, Any]]:
        # The keys every info of the episode carries: worked out once per episode (each
        # info gets a new dict of them; the values are strings).
        base_info = self._info_keys
        if base_info is None:
            base_info = self._info_keys = self._base_info()
        if self._done():
            obs = dict.fromkeys(OBSERVATION_KEYS, "")
            obs.update(
                stage=DONE_STAGE,
                tools="[]",
                messages="[]",
                answer_schema="{}",
                answer_format=self.answer_format,
            )
            info = {**base_info, "stage": DONE_STAGE, "messages": [], "tools": []}
            info.update(answer_schema={}, answer_format=self.answer_format)
            info.update(tool_calls_left=0, user_turns_left=0)
            return obs, info
        stage = self._stage()
        schema_json, tools_json, system, system_json = self._fixed(stage)
        # New schema and tools objects for every info (Gymnasium: infos share nothing).
        # The schema is JSON data: decoding its JSON (in C) builds the same new objects
        # that answer_schema would build again.
        schema = loads_compact(schema_json)
        tools = self._stage_tools(stage)
        user, head_json = self._opened(stage, system_json)
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": system},
            {"role": "user", "content": user},
        ]
        # The messages' JSON is joined from parts encoded once (json.dumps of a list is
        # "[" + ", ".join(items) + "]"), so a long stage does not re-encode its history.
        parts = [head_json]
        transcript = []
        for c, shown in zip(self._calls, self._shown_calls, strict=True):
            if c.stage != stage.stage:
                continue
            fn = {"name": c.name, "arguments": shown.arguments}
            messages += [
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [{"id": shown.call_id, "type": "function", "function": fn}],
                },
                {"role": "tool", "tool_call_id": shown.call_id, "content": shown.result},
            ]
            parts.append(shown.messages_json)
            transcript.append(shown.transcript)
        prompt = f"{system}\n\n{user}"
        if transcript:
            prompt += "\n\n" + "\n\n".join(transcript)
        counts = self._call_counts(stage)
        obs = {
            "stage": stage.stage._value_,
            "prompt": prompt,
            "messages": "[" + ", ".join(parts) + "]",
            "answer_schema": schema_json,
            "answer_format": self.answer_format,
            "tools": tools_json,
            "tool_result": self._last_result,
        }
        info = {
            **base_info,
            "stage": stage.stage._value_,
            "messages": messages,
            "tools": tools,
            "answer_schema": schema,
            "answer_format": self.answer_format,
            "tool_calls_left": max(0, stage.tool_budget - counts[0]),
            "user_turns_left": max(0, stage.user_turns - counts[2]),
        }
        return obs, info

    # -- gym API ----------------------------------------------------------------------------
    _rng: np.random.Generator | None = None
    _rng_seed: int | None = None

    @property
    def _np_random(self) -> np.random.Generator | None:
        """The env's generator (Gymnasium's attribute), built from the last seed when read."""
        if self._rng is None and self._rng_seed is not None:
            self._rng, _ = seeding.np_random(self._rng_seed)
            self._rng_seed = None
        return self._rng

    @_np_random.setter
    def _np_random(self, value: np.random.Generator | None) -> None:
        self._rng, self._rng_seed = value, None

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, str], dict[str, Any]]:
        """Start an episode on ``options["case_id"]``, the next queued case, or a drawn one.

        Args:
            seed: Seed of the env's RNG (case choice, simulated user).
            options: ``case_id`` to play a given case; ``split`` to draw from another
                split; ``stage`` to start at a later checkpoint with the earlier ones
                answered by the annotation.

        Returns:
            The first checkpoint's observation and info.

        Raises:
            EcomstageError: Unknown case id, stage or empty split.
        """
        if seed is not None:
            # Gymnasium's reset builds a new generator from the seed (SeedSequence, PCG64:
            # tens of microseconds); most episodes never draw from it (a case by id, no
            # simulated user). The seed is checked and recorded now, the generator built
            # from it when first read (see _np_random): the same generator, made lazily.
            if not (isinstance(seed, int) and seed >= 0):
                seeding.np_random(seed)  # raises Gymnasium's own error
            self._rng, self._rng_seed, self._np_random_seed = None, seed, seed
        options = options or {}
        if "case_id" in options:
            cid = str(options["case_id"])
            if cid not in self._by_id:
                raise EcomstageError(
                    f"no case {cid!r} in {self.spec_data.name}.{did_you_mean(cid, self._by_id)}"
                )
            case = self._by_id[cid]
        elif self._queue:
            case = self._by_id[self._queue.pop(0)]
        else:
            pool = self.scenario.split(options["split"]) if "split" in options else self.cases
            if not pool:
                raise EcomstageError(f"no cases in split {options.get('split')!r}")
            case = pool[int(self.np_random.integers(len(pool)))]
        names = [s.stage.value for s in self.spec_data.stages]
        start = options.get("stage", names[0])
        if start not in names:
            raise EcomstageError(f"no stage {start!r} in {self.spec_data.name}; stages: {names}")
        self._start(case, names.index(start))
        obs, info = self._observe()
        self._render_step()
        return obs, info

    def step(self, action: Any) -> tuple[dict[str, str], float, bool, bool, dict[str, Any]]:
        """Run a tool call, pass a message to the user, or grade a stage answer.

        Args:
            action: Text, dict, pydantic model, tool call, or an
                :class:`~ecomstage_env.stages.AgentStep` wrapping one.

        Returns:
            ``(obs, reward, terminated, truncated, info)``.

        Raises:
            EcomstageError: ``reset()`` was not called, or the episode is over.
        """
        if self._case is None:
            raise EcomstageError("call reset() before step()")
        if self._done():
            raise EcomstageError("the episode is over; call reset()")
        self._steps += 1
        stage = self._stage()
        if isinstance(action, AgentStep):  # unwrap_action without the Usage it builds
            action = action.action
        self._scoring_errors = []
        norm = normalize_action(action)
        repairs: tuple[str, ...] = ()
        if isinstance(norm, ParseError):
            parsed: ToolCall | Answer | ParseError = norm
        else:
            self._read_repairs = []
            try:
                parsed = self._parse(norm.value, stage)
            except Exception as e:  # a subclass's reader must not end the episode either
                parsed = ParseError(f"the action could not be read ({type(e).__name__})")
            if norm.repairs or self._read_repairs:
                repairs = tuple(dict.fromkeys((*norm.repairs, *self._read_repairs)))
        if repairs:
            note = f"{stage.stage.value}: output repaired: {'; '.join(repairs)}"
            self._errors.append(note)
        out = self._step(stage, parsed)
        if repairs:
            info = out[4]
            info["error"] = f"{info['error']}; {note}" if info.get("error") else note
        return out

    def _step(
        self, stage: StageSpec, parsed: ToolCall | Answer | ParseError
    ) -> tuple[dict[str, str], float, bool, bool, dict[str, Any]]:
        if isinstance(parsed, ToolCall):
            message = parsed.name == USER_TOOL and stage.user_turns > 0
            kind = ActionKind.MESSAGE if message else ActionKind.TOOL_CALL
            understood: dict[str, Any] = {"kind": kind._value_}
            if message:
                understood["text"] = str(parsed.arguments.get("text", ""))
            else:
                args_json = _dumps(parsed.arguments)
                understood.update(tool=parsed.name, arguments=loads_compact(args_json))
            counts = self._call_counts(stage)
            used, failed = (counts[2], counts[3]) if message else (counts[0], counts[1])
            limit = stage.user_turns if message else stage.tool_budget
            if used >= limit or failed >= MAX_FAILED_CALLS:
                what = "user-turn budget" if message else "tool budget"
                msg = f"{what} of {limit} at {stage.stage.value} exceeded"
                if used < limit:
                    msg = f"{failed} failed calls at {stage.stage.value}: {what} exceeded"
                self._errors.append(msg)
                score = self._grade(stage, {}, prefix=msg)
                reason = TerminationReason.TURN_BUDGET if message else TerminationReason.TOOL_BUDGET
                return self._advance(stage, score, understood, error=msg, budget=reason)
            error = (
                self._message(stage, parsed)
                if message
                else self._run_tool(stage, parsed, args_json)
            )
            line = (
                f"[{stage.stage._value_}] {kind._value_} {parsed.name} -> {self._last_result[:200]}"
            )
            self._log.append(lambda: line)
            obs, info = self._observe()
            info["action"] = understood
            if error:
                info["error"] = error
            self._render_step()
            return obs, 0.0, False, False, info
        if isinstance(parsed, ParseError):
            msg = f"{stage.stage.value}: {parsed.reason}"
            self._errors.append(msg)
            self._answers[stage.stage] = f"(unparsable: {parsed.reason})"
            invalid = {"kind": ActionKind.INVALID.value, "reason": parsed.reason}
            return self._advance(stage, zero_score(stage, parsed.reason), invalid, error=msg)
        values, problems = validate_answer(stage, self.case, parsed.fields)
        # The parser's fields are already a plain copy, shared with nothing the agent holds.
        understood = {"kind": ActionKind.ANSWER.value, "answer": parsed.fields}
        if problems:
            msg = f"{stage.stage.value}: invalid answer: " + "; ".join(problems)
            self._errors.append(msg)
            self._answers[stage.stage] = _dumps(parsed.fields)
            score = zero_score(stage, "invalid answer: " + "; ".join(problems))
            return self._advance(stage, score, understood, error=msg)
        self._answers[stage.stage] = values
        extra: dict[str, Any] = {}
        for f in stage.fields:
            if f.type == "calls" and f.execute and f.name in values:
                for call in values[f.name]:
                    err = self._run_tool(
                        stage, ToolCall(name=call["name"], arguments=call["arguments"])
                    )
                    if err:
                        extra.setdefault("tool_errors", []).append(err)
        score = self._grade(stage, values)
        return self._advance(stage, score, understood, **extra)

    def _run_tool(
        self, stage: StageSpec, call: ToolCall, args_json: str | None = None
    ) -> str | None:
        """Run one tool call at ``stage``; return the agent-facing error, if any.

        ``args_json`` is the arguments as JSON when the caller has encoded them already.
        """
        if args_json is None:
            args_json = _dumps(call.arguments)
        spec = self._tool_specs.get(call.name)
        kind = spec.kind._value_ if spec else ""
        ok, error = False, None
        if call.name not in stage.tools:
            error = f"tool {call.name!r} is not available at {stage.stage.value}"
            error += f" (available: {', '.join(stage.tools) or 'none'})"
            result: Any = error
        else:
            assert self._world is not None
            try:
                result, ok = self._world.call(call.name, call.arguments), True
            except ToolError as e:
                error = str(e)
                result = error
            except Exception as e:  # a tool's own bug is the call's error, not the run's
                error = f"tool {call.name!r} failed ({type(e).__name__})"
                result = error
        self._keep_call(
            stage,
            ToolCallRecord(
                stage=stage.stage,
                name=call.name,
                arguments=loads_compact(args_json),
                ok=ok,
                result=result,
                kind=kind,
            ),
        )
        self._last_result = _dumps(result) if ok else f"error: {result}"
        self._remember_call(args_json)
        if error:
            self._errors.append(f"{stage.stage.value}: tool error: {error}")
        return error

    def _message(self, stage: StageSpec, call: ToolCall) -> str | None:
        """Pass a message to the simulated user; the reply is the call's result."""
        text = call.arguments.get("text")
        if not isinstance(text, str) or not text.strip():
            error = f"{USER_TOOL} needs a non-empty 'text'"
            reply: Any = error
        else:
            error = None
            history = [
                (str(c.arguments.get("text", "")), str(c.result))
                for c in self._calls
                if c.kind == "message"
            ]
            # A simulator that declares ``sees_world`` also gets the episode's world (to
            # read the writes made so far and keep its state there).
            extra = (
                {"world": self._world} if getattr(self.scenario.user, "sees_world", False) else {}
            )
            reply = self.scenario.user.reply(
                text, case=self.case, history=history, rng=self.np_random, **extra
            )
        self._keep_call(
            stage,
            ToolCallRecord(
                stage=stage.stage,
                name=USER_TOOL,
                arguments={"text": text if isinstance(text, str) else _dumps(text)},
                ok=error is None,
                result=reply,
                kind="message",
            ),
        )
        self._last_result = _dumps(reply) if error is None else f"error: {reply}"
        self._remember_call()
        if error:
            self._errors.append(f"{stage.stage.value}: {error}")
        return error

    def _grade(self, stage: StageSpec, values: dict[str, Any], prefix: str = "") -> StageScore:
        """Score ``values``; ``calls`` fields come from the calls run at this stage."""
        values = dict(values)
        here = self._calls_at(stage.stage, "tool")
        ran = [c for c in here if c.ok]
        for f in stage.fields:
            if f.type != "calls":
                continue
            if f.execute:
                values[f.name] = [
                    {"name": c.name, "arguments": c.arguments} for c in ran if c.kind == "write"
                ]
            elif not f.in_answer or f.name not in values:
                values[f.name] = [
                    {"name": c.name, "arguments": c.arguments}
                    for c in ran
                    if (not f.tools or c.name in f.tools) and c.kind == "read"
                ]
        case = self.case
        score = score_stage(
            stage,
            case,
            values,
            params=self._grading_params(stage),
            calls=here,
            world=self._world,
            fresh_world=lambda: self.scenario.new_world(case),
            memo=self.scenario.memo(case),
            free_args=self._free_args,
            prompt=self._shown_user_text(stage),
            embedder=self.embedder,
            judge=self.judge,
            errors=self._scoring_errors,
        )
        if prefix:
            score = score.model_copy(update={"reason": f"{prefix}; {score.reason}"})
        return score

    def _grading_params(self, stage: StageSpec) -> dict[str, Any]:
        """The case's grading parameters of each of ``stage``'s fields (kept per env)."""
        case = self.case
        key = (case.case_id, stage.stage)
        if self._params_of is not self.scenario:  # kept for the scenario they came from
            self._params, self._params_of = {}, self.scenario
        held = self._params.get(key)
        if held is None:
            grading = self.scenario.grading
            held = {f.name: grading(case, stage.stage, f.name) for f in stage.fields}
            self._params[key] = held
        return held

    def _advance(
        self,
        stage: StageSpec,
        score: StageScore,
        understood: dict[str, Any],
        *,
        error: str | None = None,
        budget: TerminationReason | None = None,
        **extra: Any,
    ) -> tuple[dict[str, str], float, bool, bool, dict[str, Any]]:
        self._scores[stage.stage] = score
        for failure in self._scoring_errors:
            msg = f"{stage.stage.value}: {failure}"
            self._errors.append(msg)
            error = f"{error}; {msg}" if error else msg
        answer, name = self._answers.get(stage.stage, "(none)"), stage.stage._value_
        self._log.append(lambda: f"[{name}] answer: {_dumps(answer)}")
        self._log.append(lambda: f"[{name}] score {score.value:.3f}: {score.reason}")
        self._stage_idx += 1
        self._last_result = ""
        terminated = self._done()
        if self.total_mode == "mean":
            reward = self.weights[stage.stage._value_] * score.value / self._weight_sum()
        else:
            reward = self._total() if terminated else 0.0
        obs, info = self._observe()
        info.update(extra)
        info["action"] = understood
        info["graded_stage"] = stage.stage._value_
        info["stage_score"] = score.public()
        if error:
            info["error"] = error
        if terminated:
            reason = budget or TerminationReason.COMPLETED
            self._graded = self._episode(reason)
            info[EPISODE_KEY] = self._graded.public()
            total = self._graded.total
            self._log.append(lambda: f"== total {total:.3f} ({reason.value})")
        self._render_step()
        return obs, float(reward), terminated, False, info

    def _weight_sum(self) -> float:
        played = self.spec_data.stages[self._start_idx :]
        return sum(self.weights[s.stage._value_] for s in played) or 1.0

    def _total(self) -> float:
        values = {s._value_: sc.value for s, sc in self._scores.items()}
        if self.total_mode == "gate":
            return math.prod(values.values())
        return sum(self.weights[k] * v for k, v in values.items()) / self._weight_sum()

    def _episode(self, reason: TerminationReason) -> EpisodeResult:
        return EpisodeResult(
            case_id=self.case.case_id,
            scenario=self.spec_data.name,
            orientation=self.case.orientation,
            context=self.context,
            stage_scores={s.value: sc for s, sc in self._scores.items()},
            total=min(1.0, self._total()),
            termination_reason=reason,
            tool_calls=sum(1 for c in self._calls if c.kind != "message"),
            user_turns=sum(1 for c in self._calls if c.kind == "message"),
            start_stage=self.spec_data.stages[self._start_idx].stage.value,
            errors=list(self._errors),
            steps=self._steps,
        )

    # -- rendering --------------------------------------------------------------------------
    def render(self) -> str | None:
        """Return the episode transcript (``ansi``) or print it (``human``)."""
        text = "\n".join(part() for part in self._log) if self._case is not None else ""
        if self.render_mode == "human":
            print(text)
            return None
        return text

    def _render_step(self) -> None:
        if self.render_mode == "human":
            print("\n".join(part() for part in self._log[self._printed :]))
            self._printed = len(self._log)
