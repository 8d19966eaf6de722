"""Stage rewards for RL, as Gymnasium wrappers that stack.

The env's own reward (``total="mean"``: each stage answer pays ``w_s * score_s / sum(w)``)
is the evaluation reward: its return is the episode's weighted mean. For training, wrap
the env instead of passing constructor flags; each wrapper does one thing:

- :class:`NoMultiLabelCredit`: ``scoring="paper"`` label answers that the paper's rule
  would credit for several labels earn 0;
- :class:`StageScoreReward`: per-stage weights; weighted mean, or a threshold gate;
- :class:`FormatReward`: a bonus for an answer valid for the stage's schema, a penalty
  for invalid output (unparsable, missing fields, labels outside the label space);
- :class:`BudgetPenalty`: a penalty when a stage ends because its tool or turn budget
  ran out;
- :class:`SparseReward`: holds every reward until the episode ends (dense is the
  default).

:func:`wrap_rewards` stacks them in that order (the only order accepted: a wrapper
refuses to go on top of one that must be outside it). Which to use when:

- **Evaluation**: no wrapper. Returns equal the reported totals.
- **Dense (default) vs sparse**: dense pays each stage at its end, so a policy learns
  which stage it got wrong; :class:`SparseReward` pays the same sum once, at the end,
  for algorithms that score whole episodes (GRPO over episodes, REINFORCE with one
  return) or to compare with outcome-only rewards.
- **Weighted mean vs gate**: the mean gives partial credit everywhere (most signal for
  a weak policy); ``combine="gate"`` pays a stage only when every earlier stage reached
  ``threshold``, which stops a policy from farming late stages on a wrong reading of the
  request (use it once the policy passes Perception often). The env's ``total="gate"``
  is the evaluation rule (tau-bench's product of stage scores, paid at the end).
- **Format reward**: small models that rarely produce a valid answer get no signal
  from scores alone (every completion scores 0); a bonus for a valid answer and a
  penalty for an invalid one gives them a gradient toward the schema. Keep the bonus
  well below a stage's weighted score, so that a valid wrong answer never pays as much
  as a right one, and drop it once answers are valid.
- **Budget penalty**: the env already grades a stage ended by its budget on what was
  done; the penalty discourages looping tool calls.
- **No multi-label credit**: always on when training with ``scoring="paper"``: the
  paper's substring rule gives ``"1234567"`` full credit on every intent record.

Every wrapper leaves the env's ``info["stage_score"]`` (the raw stage score) as it is
and adds to ``info``: ``reward_terms`` (the parts of this step's reward by name:
``env`` the env's own reward, ``stage``, ``format``, ``budget``; they sum to the reward)
and ``reward_wrappers`` (one entry per wrapper that acted at a stage end, saying what
it did). Rewards stay finite: every weight, bonus and penalty is checked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, ClassVar, Literal

import gymnasium as gym

from ecomstage_env.answers import validate_answer
from ecomstage_env.data.schema import StageSpec
from ecomstage_env.env import StagedEnv
from ecomstage_env.errors import EcomstageError
from ecomstage_env.scoring.labels import paper_correct, strict_label
from ecomstage_env.stages import ActionKind

__all__ = [
    "CREDIT_KEY",
    "LOG_KEY",
    "TERMS_KEY",
    "BudgetPenalty",
    "Combine",
    "FormatReward",
    "NoMultiLabelCredit",
    "SparseReward",
    "StageRewardWrapper",
    "StageScoreReward",
    "answer_problems",
    "wrap_rewards",
]

TERMS_KEY = "reward_terms"
"""``info`` key: the parts of the step's reward by name; they sum to the reward."""

LOG_KEY = "reward_wrappers"
"""``info`` key: what each wrapper did at a stage end, innermost first."""

CREDIT_KEY = "stage_credit"
"""``info`` key: the graded stage's score as credited for reward (set when a wrapper
withholds credit; ``info["stage_score"]`` keeps the raw score)."""

Combine = Literal["mean", "gate"]


def _finite(name: str, value: float, *, low: float = 0.0, high: float = math.inf) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise EcomstageError(f"{name} must be a number, not {value!r}")
    if not (math.isfinite(value) and low <= value <= high):
        bound = f"in [{low}, {high}]" if math.isfinite(high) else f">= {low}"
        raise EcomstageError(f"{name} must be a finite number {bound}, not {value!r}")
    return float(value)


def _graded_stage(base: StagedEnv, info: Mapping[str, Any]) -> StageSpec | None:
    name = info.get("graded_stage")
    if name is None:
        return None
    for spec in base.spec_data.stages:
        if spec.stage.value == name:
            return spec
    return None


def _paper_labels(base: StagedEnv) -> tuple[list[str], dict[str, str]] | None:
    """Label space and menu texts of a paper label task played with ``scoring="paper"``."""
    from ecomstage_env.paper.env import ANSWER, PaperTaskEnv

    if not isinstance(base, PaperTaskEnv) or base.scoring != "paper" or base.task.open_ended:
        return None
    options = base.case.options.get(ANSWER, [])
    if not options:
        return None
    return [o.id for o in options], {o.id: o.text for o in options}


def answer_problems(env: gym.Env[Any, Any], info: Mapping[str, Any]) -> list[str] | None:
    """Why the answer that closed a stage is not valid for the stage's schema.

    Args:
        env: The (wrapped) env the step was taken on.
        info: That step's ``info``.

    Returns:
        None when the step closed no stage, or closed it without an answer (its tool or
        turn budget ran out); otherwise the problems, empty for a valid answer: text that
        is no answer, a missing field, a label outside the label space, an empty text
        field (the schema allows it; a reward for it would pay for nothing). A paper label
        task scored with ``scoring="paper"`` also needs exactly one label (the strict
        reading), since its schema accepts any text.
    """
    base = env.unwrapped
    if not isinstance(base, StagedEnv):
        return None
    stage = _graded_stage(base, info)
    return None if stage is None else _problems(base, stage, info)


def _problems(base: StagedEnv, stage: StageSpec, info: Mapping[str, Any]) -> list[str] | None:
    action = info.get("action") or {}
    kind = action.get("kind")
    if kind == ActionKind.INVALID.value:
        return [f"unreadable output: {action.get('reason', '')}".rstrip(": ")]
    if kind != ActionKind.ANSWER.value:
        return None  # a tool call or message past the budget: no answer was given
    answer = action.get("answer")
    if not isinstance(answer, dict):
        return ["the answer is not an object"]
    _, problems = validate_answer(stage, base.case, answer)
    problems += [
        f"{f.name}: empty text"
        for f in stage.fields
        if f.type == "text" and isinstance(answer.get(f.name), str) and not answer[f.name].strip()
    ]
    space = _paper_labels(base)
    if not problems and space is not None:
        from ecomstage_env.paper.env import ANSWER

        labels, texts = space
        if strict_label(str(answer.get(ANSWER, "")), labels, texts) is None:
            problems = [f"{ANSWER}: not exactly one label of {labels}"]
    return problems


def _check_order(wrapper: Any, env: gym.Env[Any, Any]) -> None:
    """Refuse to stack ``wrapper`` on a stage-reward wrapper that must be outside it."""
    inner: Any = env
    while isinstance(inner, gym.Wrapper):
        if isinstance(inner, (StageRewardWrapper, SparseReward)) and inner.order > wrapper.order:
            raise EcomstageError(
                f"{type(wrapper).__name__} cannot go on top of {type(inner).__name__} (order, "
                "innermost first: NoMultiLabelCredit, StageScoreReward, FormatReward and "
                "BudgetPenalty, SparseReward; see wrap_rewards)"
            )
        inner = inner.env


class StageRewardWrapper(
    gym.Wrapper[dict[str, str], Any, dict[str, str], Any], gym.utils.RecordConstructorArgs
):
    """Base of the stage-reward wrappers: acts once per graded stage, keeps a ledger.

    Subclasses implement :meth:`shape`, returning the reward terms they set (by name)
    and what they did; the base adds the difference to the reward, records the terms
    in ``info["reward_terms"]`` and the log in ``info["reward_wrappers"]``.

    Raises:
        EcomstageError: The env is not an ecomstage env, or a wrapper that must be
            outside this one is already inside it.
    """

    order: ClassVar[int] = 0
    """Stacking rank: a wrapper goes only on top of ranks lower than or equal to its own."""

    def __init__(self, env: gym.Env[dict[str, str], Any], **args: Any) -> None:
        gym.utils.RecordConstructorArgs.__init__(self, **args)
        gym.Wrapper.__init__(self, env)
        if not isinstance(env.unwrapped, StagedEnv):
            raise EcomstageError(
                f"{type(self).__name__} wraps ecomstage envs, not {type(env.unwrapped).__name__}"
            )
        _check_order(self, env)
        base = env.unwrapped
        self._base: StagedEnv = base
        self._stages = {s.stage.value: s for s in base.spec_data.stages}
        self._names = list(self._stages)
        self._start = 0

    @property
    def base(self) -> StagedEnv:
        """The ecomstage env under the wrappers."""
        return self._base

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, str], dict[str, Any]]:
        """Reset the env; remember which stage the episode starts at."""
        obs, info = self.env.reset(seed=seed, options=options)
        start = (options or {}).get("stage", self._names[0])
        self._start = self._names.index(start) if start in self._names else 0
        self.on_reset()
        return obs, info

    def on_reset(self) -> None:
        """Clear per-episode state (subclasses)."""

    @property
    def played(self) -> list[str]:
        """Names of the stages this episode plays (from its start stage on)."""
        return self._names[self._start :]

    def step(self, action: Any) -> tuple[dict[str, str], float, bool, bool, dict[str, Any]]:
        """Step the env; at a stage end, apply this wrapper's terms to the reward."""
        obs, reward, terminated, truncated, info = self.env.step(action)
        reward = float(reward)
        terms = info.setdefault(TERMS_KEY, {"env": reward})
        graded = info.get("graded_stage")
        stage = self._stages.get(graded) if graded is not None else None
        if stage is not None:
            set_terms, did = self.shape(stage, info)
            for name, value in set_terms.items():
                reward += value - terms.get(name, 0.0)
                terms[name] = value
            info.setdefault(LOG_KEY, []).append({"wrapper": type(self).__name__, **did})
        return obs, reward, terminated, truncated, info

    def shape(
        self, stage: StageSpec, info: dict[str, Any]
    ) -> tuple[dict[str, float], dict[str, Any]]:
        """Reward terms to set at the end of ``stage``, and what was done (subclasses)."""
        raise NotImplementedError


class NoMultiLabelCredit(StageRewardWrapper):
    """Label answers that name several labels earn nothing under ``scoring="paper"``.

    The paper's rule counts an output as correct when the gold label is a substring of
    it, so ``"1234567"`` scores 1.0 on every intent record and RL learns to list every
    label. This wrapper withholds the credit of an answer that is not exactly one label
    (the strict reading) while more than one label of the record's label space is found
    in it by the paper's rule; an answer of one label, or of a menu label with its own
    text, keeps its credit. ``info["stage_score"]`` keeps the paper score;
    ``info["stage_credit"]`` is 0 and the env's reward term is removed.

    Scenario envs and ``scoring="strict"`` (which scores such answers 0 already) are
    left unchanged, so the same stack wraps every env.
    """

    order = 0

    def shape(
        self, stage: StageSpec, info: dict[str, Any]
    ) -> tuple[dict[str, float], dict[str, Any]]:
        """Withhold the credit of a multi-label answer (paper scoring only)."""
        from ecomstage_env.paper.env import ANSWER

        space = _paper_labels(self.base)
        action = info.get("action") or {}
        answer = action.get("answer") if action.get("kind") == ActionKind.ANSWER.value else None
        if space is None or not isinstance(answer, dict):
            return {}, {"applies": False}
        labels, texts = space
        text = str(answer.get(ANSWER, ""))
        found = [lab for lab in labels if paper_correct(text, lab)]
        multi = len(found) > 1 and strict_label(text, labels, texts) is None
        if not multi:
            return {}, {"applies": True, "labels_found": len(found), "withheld": False}
        info[CREDIT_KEY] = 0.0
        return {"env": 0.0}, {"applies": True, "labels_found": len(found), "withheld": True}


class StageScoreReward(StageRewardWrapper):
    """The reward of each stage from its score: per-stage weights, weighted mean or gate.

    At each stage end the reward is ``w_s * score_s / W`` (``W`` the sum of the weights
    of the stages the episode plays), so a full episode returns the weighted mean of its
    stage scores. With ``combine="gate"`` a stage pays only when every earlier stage of
    the episode scored at least ``threshold``; later stages then earn nothing for
    answers built on a wrong reading of the request. The env's own reward is replaced
    (its term is set to 0), whatever its ``reward_weights``/``total`` flags.

    Args:
        env: An ecomstage env (possibly under :class:`NoMultiLabelCredit`).
        weights: Weight per stage name (others keep the env's weights); finite, >= 0,
            not all 0.
        combine: ``"mean"`` or ``"gate"``.
        threshold: Score an earlier stage needs for a later one to count (gate).

    Raises:
        EcomstageError: Unknown stage, a weight or threshold out of range.
    """

    order = 1

    def __init__(
        self,
        env: gym.Env[dict[str, str], Any],
        weights: Mapping[str, float] | None = None,
        *,
        combine: Combine = "mean",
        threshold: float = 0.5,
    ) -> None:
        super().__init__(
            env,
            weights=dict(weights) if weights else None,
            combine=combine,
            threshold=threshold,
        )
        if combine not in ("mean", "gate"):
            raise EcomstageError(f"combine must be 'mean' or 'gate', not {combine!r}")
        base = self.base
        merged = dict(base.weights)
        for name, w in (weights or {}).items():
            if name not in merged:
                raise EcomstageError(f"weights name stage {name!r}; stages: {list(merged)}")
            merged[name] = _finite(f"weight of {name!r}", w)
        if sum(merged.values()) <= 0:
            raise EcomstageError("stage weights must not all be 0")
        self.weights = merged
        self.combine: Combine = combine
        self.threshold = _finite("threshold", threshold, high=1.0)
        self._credits: dict[str, float] = {}

    def on_reset(self) -> None:
        """Forget the earlier stages' scores."""
        self._credits = {}

    def shape(
        self, stage: StageSpec, info: dict[str, Any]
    ) -> tuple[dict[str, float], dict[str, Any]]:
        """The stage's weighted (and possibly gated) score."""
        name = stage.stage.value
        raw = info.get("stage_score")
        score = float(info.get(CREDIT_KEY, getattr(raw, "value", 0.0)))
        total_w = sum(self.weights[s] for s in self.played) or 1.0
        failed = [k for k, v in self._credits.items() if v < self.threshold]
        gated = self.combine == "gate" and bool(failed)
        self._credits[name] = score
        value = 0.0 if gated else self.weights[name] * score / total_w
        did: dict[str, Any] = {"stage": name, "score": score, "weight": self.weights[name]}
        if self.combine == "gate":
            did["gated_by"] = failed
        return {"env": 0.0, "stage": value}, did


class FormatReward(StageRewardWrapper):
    """A bonus for a stage answer valid for the stage's schema; a penalty for invalid output.

    Valid (see :func:`answer_problems`): readable, every required field present, labels
    in the label space, slots in their slot labels, text not empty and within the
    length limit (and exactly one label for a paper label task under
    ``scoring="paper"``). A stage ended by its budget gave no answer: neither (see
    :class:`BudgetPenalty`).

    Args:
        env: An ecomstage env, possibly under the other stage wrappers.
        bonus: Added for a valid answer (finite, >= 0).
        penalty: Subtracted for invalid output (finite, >= 0).
    """

    order = 2

    def __init__(
        self, env: gym.Env[dict[str, str], Any], bonus: float = 0.1, penalty: float = 0.1
    ) -> None:
        super().__init__(env, bonus=bonus, penalty=penalty)
        self.bonus = _finite("bonus", bonus)
        self.penalty = _finite("penalty", penalty)

    def shape(
        self, stage: StageSpec, info: dict[str, Any]
    ) -> tuple[dict[str, float], dict[str, Any]]:
        """The bonus or the penalty, with the problems found."""
        problems = _problems(self.base, stage, info)
        if problems is None:
            return {"format": 0.0}, {"stage": stage.stage.value, "valid": None}
        value = self.bonus if not problems else -self.penalty
        did = {"stage": stage.stage.value, "valid": not problems, "problems": problems}
        return {"format": value}, did


class BudgetPenalty(StageRewardWrapper):
    """A penalty when a stage ends because its tool or user-turn budget ran out.

    The env closes such a stage with a score for what was done (``info["error"]`` says
    which budget); this wrapper subtracts ``penalty`` on top, against policies that loop
    on tool calls.

    Args:
        env: An ecomstage env, possibly under the other stage wrappers.
        penalty: Subtracted per overrun (finite, >= 0).
    """

    order = 2

    def __init__(self, env: gym.Env[dict[str, str], Any], penalty: float = 0.2) -> None:
        super().__init__(env, penalty=penalty)
        self.penalty = _finite("penalty", penalty)

    def shape(
        self, stage: StageSpec, info: dict[str, Any]
    ) -> tuple[dict[str, float], dict[str, Any]]:
        """The penalty, when the step that closed the stage was a call past the budget."""
        kind = (info.get("action") or {}).get("kind")
        over = kind in (ActionKind.TOOL_CALL.value, ActionKind.MESSAGE.value)
        did = {"stage": stage.stage.value, "over_budget": over}
        return {"budget": -self.penalty if over else 0.0}, did


class SparseReward(
    gym.Wrapper[dict[str, str], Any, dict[str, str], Any], gym.utils.RecordConstructorArgs
):
    """Pay the episode's rewards once, at its end (dense, per stage, is the default).

    Every step before the last returns 0 and ``info["reward_held"]`` (the sum so far);
    the last returns the sum of the episode's rewards, with ``info["reward_terms"]``
    summed over the episode. Goes outside every other stage-reward wrapper.
    """

    order: ClassVar[int] = 3

    def __init__(self, env: gym.Env[dict[str, str], Any]) -> None:
        gym.utils.RecordConstructorArgs.__init__(self)
        gym.Wrapper.__init__(self, env)
        if not isinstance(env.unwrapped, StagedEnv):
            raise EcomstageError(
                f"SparseReward wraps ecomstage envs, not {type(env.unwrapped).__name__}"
            )
        _check_order(self, env)
        self._held = 0.0
        self._terms: dict[str, float] = {}

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, str], dict[str, Any]]:
        """Reset the env and the held reward."""
        self._held, self._terms = 0.0, {}
        return self.env.reset(seed=seed, options=options)

    def step(self, action: Any) -> tuple[dict[str, str], float, bool, bool, dict[str, Any]]:
        """Step the env; hold its reward, or release the episode's sum at the end."""
        obs, reward, terminated, truncated, info = self.env.step(action)
        self._held += float(reward)
        for name, value in info.get(TERMS_KEY, {"env": float(reward)}).items():
            self._terms[name] = self._terms.get(name, 0.0) + value
        if terminated or truncated:
            out, self._held = self._held, 0.0
            info[TERMS_KEY], self._terms = self._terms, {}
            info.setdefault(LOG_KEY, []).append({"wrapper": "SparseReward", "released": out})
            return obs, out, terminated, truncated, info
        info[TERMS_KEY] = {}
        info["reward_held"] = self._held
        return obs, 0.0, terminated, truncated, info


def wrap_rewards(
    env: gym.Env[dict[str, str], Any],
    *,
    weights: Mapping[str, float] | None = None,
    combine: Combine = "mean",
    threshold: float = 0.5,
    format_bonus: float = 0.0,
    invalid_penalty: float = 0.0,
    budget_penalty: float = 0.0,
    sparse: bool = False,
    multi_label_guard: bool = True,
) -> gym.Wrapper[dict[str, str], Any, dict[str, str], Any]:
    """Stack the stage-reward wrappers on an env, in the one order that composes.

    ``wrap_rewards(ecomstage.make(name))`` pays each stage's weighted score at its end
    (the env's reward, with multi-label paper answers earning nothing). Example for a
    small model: ``wrap_rewards(env, format_bonus=0.1, invalid_penalty=0.1,
    budget_penalty=0.2)``; for outcome-only training add ``sparse=True``.

    Args:
        env: An ecomstage env.
        weights: Per-stage weights (:class:`StageScoreReward`).
        combine: ``"mean"`` or ``"gate"`` (:class:`StageScoreReward`).
        threshold: Gate threshold.
        format_bonus: :class:`FormatReward` bonus (with ``invalid_penalty``; both 0: no
            format wrapper).
        invalid_penalty: :class:`FormatReward` penalty.
        budget_penalty: :class:`BudgetPenalty` (0: none).
        sparse: Add :class:`SparseReward` outermost.
        multi_label_guard: Add :class:`NoMultiLabelCredit` innermost (a no-op except
            for paper label tasks under ``scoring="paper"``).

    Returns:
        The wrapped env.
    """
    inner = NoMultiLabelCredit(env) if multi_label_guard else env
    out: gym.Wrapper[dict[str, str], Any, dict[str, str], Any]
    out = StageScoreReward(inner, weights, combine=combine, threshold=threshold)
    if format_bonus or invalid_penalty:
        out = FormatReward(out, bonus=format_bonus, penalty=invalid_penalty)
    if budget_penalty:
        out = BudgetPenalty(out, penalty=budget_penalty)
    if sparse:
        out = SparseReward(out)
    return out
