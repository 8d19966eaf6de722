"""What the model-backed agents share: sampling parameters and reading the stage."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from ecomstage_env.cache import ResponseCache
from ecomstage_env.parsing import ParseError, parse_action
from ecomstage_env.stages import AgentStep, Usage

__all__ = [
    "PAPER_SAMPLING",
    "PromptOptions",
    "SamplingParams",
    "Timer",
    "cached_step",
    "expects_raw_text",
    "needs_repair",
    "repair_message",
    "stage_view",
    "store_step",
    "tool_call_action",
]


@dataclass(frozen=True)
class SamplingParams:
    """Sampling settings sent with every model call.

    Attributes:
        temperature: Sampling temperature (0 = greedy).
        top_p: Nucleus sampling mass.
        max_tokens: Most tokens to generate per call.
        seed: Seed for servers that honour one.
        extra: Other parameters passed through as they are (e.g. ``{"stop": [...]}``).
    """

    temperature: float = 0.0
    top_p: float = 1.0
    max_tokens: int = 512
    seed: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def deterministic(self) -> bool:
        """Whether a call is (up to ties) a pure function of its request, so cacheable.

        True for greedy sampling (temperature 0), and for nucleus sampling so narrow that
        only the most probable token is ever kept (``top_p <= 0.001``, the paper's
        setting): that token alone holds at least 0.001 of the mass at every step but
        the rarest.
        """
        return self.temperature == 0 or self.top_p <= 0.001

    def request(self) -> dict[str, Any]:
        """The parameters as chat-completions keyword arguments (unset ones left out)."""
        out = {k: v for k, v in asdict(self).items() if k != "extra" and v is not None}
        return {**out, **self.extra}


PAPER_SAMPLING = SamplingParams(temperature=0.1, top_p=0.001, max_tokens=512)
"""The sampling the EComStage paper used for every model."""


@dataclass(frozen=True)
class PromptOptions:
    """How a model agent adjusts the env's messages before sending them.

    Attributes:
        system_suffix: Text appended to the system message (house instructions, a
            reminder to answer in JSON, a persona).
    """

    system_suffix: str = ""

    def apply(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The messages with the options applied (the input is not changed)."""
        if not self.system_suffix:
            return messages
        out = [dict(m) for m in messages]
        for m in out:
            if m.get("role") == "system":
                m["content"] = f"{m.get('content') or ''}\n\n{self.system_suffix.strip()}"
                break
        else:
            out.insert(0, {"role": "system", "content": self.system_suffix.strip()})
        return out


def stage_view(
    obs: dict[str, str], info: dict[str, Any] | None, prompt: PromptOptions | None = None
) -> dict[str, Any]:
    """The stage's messages, tools and answer schema as Python objects.

    Taken from ``info`` when it has them, else decoded from the observation's JSON
    strings - so a model agent also acts on a vector env's observations alone. The
    agent's prompt options are applied to the messages.
    """
    if info and isinstance(info.get("messages"), list):
        view = {**info, "answer_format": obs.get("answer_format", "json")}
    else:
        view = {
            "stage": obs["stage"],
            "messages": json.loads(obs["messages"]),
            "tools": json.loads(obs["tools"]),
            "answer_schema": json.loads(obs["answer_schema"]),
            "answer_format": obs.get("answer_format", "json"),
        }
    if prompt is not None:
        view["messages"] = prompt.apply(view["messages"])
    return view


def expects_raw_text(view: dict[str, Any]) -> bool:
    """Whether the stage takes the model's plain output (``answer_format`` is ``"text"``).

    The paper's tasks ask for "only the label" or "only the text"; scenario stages ask
    for a JSON object matching the answer schema. ``view`` is a :func:`stage_view`.
    """
    return view.get("answer_format") == "text"


def needs_repair(text: str, info: dict[str, Any]) -> ParseError | None:
    """Return why ``text`` cannot be read as an action of this stage, or None if it can."""
    if expects_raw_text(info):
        return ParseError("empty output") if not text.strip() else None
    parsed = parse_action(text)
    return parsed if isinstance(parsed, ParseError) else None


def repair_message(problem: ParseError, info: dict[str, Any]) -> str:
    """The follow-up user message of the one repair attempt."""
    return (
        f"Your reply could not be read: {problem.reason}. Reply again with only one JSON "
        "object, no other text: either the stage answer matching this schema "
        f"{json.dumps(info.get('answer_schema', {}), ensure_ascii=False)}"
        + (', or a tool call {"tool": NAME, "arguments": {...}}.' if info.get("tools") else ".")
    )


def tool_call_action(name: str, arguments: Any, call_id: str | None = None) -> dict[str, Any]:
    """A tool call as the env takes it (arguments may still be a JSON string)."""
    out: dict[str, Any] = {"tool": name, "arguments": arguments}
    if call_id:
        out["id"] = call_id
    return out


class Timer:
    """Measures one model call and wraps its result as an :class:`AgentStep`."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def step(self, action: Any, prompt_tokens: int, completion_tokens: int, raw: str) -> AgentStep:
        """The step with usage of one model call."""
        usage = Usage(
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            calls=1,
            seconds=time.perf_counter() - self.start,
        )
        return AgentStep(action=action, usage=usage, raw=raw)


def cached_step(cache: ResponseCache | None, key: str) -> AgentStep | None:
    """The step stored under ``key``, marked as served from the cache; None on a miss."""
    hit = cache.get(key) if cache is not None else None
    if hit is None:
        return None
    try:
        usage = Usage(
            prompt_tokens=int(hit.get("prompt_tokens", 0)),
            completion_tokens=int(hit.get("completion_tokens", 0)),
            calls=1,
            cached=1,
        )
    except (TypeError, ValueError):  # a bad row: asked again, not served
        return None
    return AgentStep(action=hit["action"], usage=usage, raw=str(hit.get("raw", "")))


def store_step(cache: ResponseCache | None, key: str, step: AgentStep) -> None:
    """Store a freshly made step under ``key``."""
    if cache is None:
        return
    cache.put(
        key,
        {
            "action": step.action,
            "raw": step.raw,
            "prompt_tokens": step.usage.prompt_tokens,
            "completion_tokens": step.usage.completion_tokens,
        },
    )
