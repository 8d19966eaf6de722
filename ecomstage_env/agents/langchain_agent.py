"""An agent around any LangChain chat model.

The stage's tools are bound with ``bind_tools``. At stages without tools the answer
schema goes in as structured output (``with_structured_output(..., method="json_schema")``)
where the model supports it. A model that supports neither (a fake model, a plain
completion wrapper) still plays: the prompt asks for JSON, and the env reads it from the
text. ``ChatOpenAI(base_url=...)`` works against any OpenAI-compatible endpoint.

``langchain-core`` is imported when the agent is built.
:func:`~ecomstage_env.agents.langgraph_loop.langgraph_episode` plays a whole episode as a
LangGraph graph whose tool node is the env itself.
"""

from __future__ import annotations

import json
from typing import Any

from ecomstage_env.agents.base import BaseAgent
from ecomstage_env.agents.llm import (
    PromptOptions,
    Timer,
    expects_raw_text,
    stage_view,
    tool_call_action,
)
from ecomstage_env.errors import EcomstageError
from ecomstage_env.stages import AgentStep

__all__ = ["LangChainAgent", "chat_model_from_spec"]


def _tokens(message: Any) -> tuple[int, int]:
    meta = getattr(message, "usage_metadata", None) or {}
    return int(meta.get("input_tokens", 0) or 0), int(meta.get("output_tokens", 0) or 0)


def _text(message: Any) -> str:
    content = getattr(message, "content", message)
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")


class LangChainAgent(BaseAgent):
    """Plays every stage through a LangChain ``BaseChatModel``.

    Args:
        model: The chat model (``ChatOpenAI``, ``ChatOllama``, ...).
        name: Name in reports (default: ``langchain:<model class>``).
        structured_output: Use ``with_structured_output`` for JSON stages when the model
            supports it (paper tasks always get plain text, as in the paper).

    Raises:
        EcomstageError: ``langchain-core`` is not installed.
    """

    def __init__(
        self,
        model: Any,
        *,
        name: str | None = None,
        structured_output: bool = True,
        prompt: PromptOptions | None = None,
    ) -> None:
        try:
            from langchain_core.messages import convert_to_messages
        except ImportError as e:
            raise EcomstageError("LangChainAgent needs: pip install 'ecomstage[langchain]'") from e
        self._convert = convert_to_messages
        self.model = model
        label = getattr(model, "model_name", None) or getattr(model, "model", None)
        self.name = name or f"langchain:{label or type(model).__name__}"
        self.structured_output = structured_output
        self.prompt = prompt

    def _runnable(self, info: dict[str, Any]) -> tuple[Any, bool]:
        """The model prepared for this stage, and whether it returns ``include_raw`` dicts."""
        tools = info.get("tools") or []
        # OpenAI accepts structured output beside tools only when every tool is "strict"
        # (no optional parameters), which env tools are not; with tools, the answer
        # schema travels in the prompt and the env reads the JSON from the text.
        if self.structured_output and not tools and not expects_raw_text(info):
            try:
                runnable = self.model.with_structured_output(
                    info["answer_schema"], method="json_schema", include_raw=True
                )
                return runnable, True
            except (NotImplementedError, TypeError, ValueError):
                pass
        if tools:
            try:
                return self.model.bind_tools(tools), False
            except NotImplementedError:
                pass
        return self.model, False

    def _step(self, out: Any, structured: bool, timer: Timer) -> AgentStep:
        parsed = None
        if structured and isinstance(out, dict):
            message, parsed = out.get("raw"), out.get("parsed")
        else:
            message = out
        tokens_in, tokens_out = _tokens(message)
        calls = getattr(message, "tool_calls", None) or []
        if calls:
            call = calls[0]
            action: Any = tool_call_action(call["name"], call.get("args", {}), call.get("id"))
            raw = f"tool call {call['name']}({json.dumps(call.get('args', {}))})"
        elif isinstance(parsed, dict):
            action, raw = parsed, _text(message)
        else:
            action = raw = _text(message)
        return timer.step(action, tokens_in, tokens_out, raw)

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> AgentStep:
        """One model call: a tool call or the stage answer."""
        timer = Timer()
        view = stage_view(obs, info, self.prompt)
        runnable, structured = self._runnable(view)
        out = runnable.invoke(self._convert(view["messages"]))
        return self._step(out, structured, timer)

    async def aact(self, obs: dict[str, str], info: dict[str, Any]) -> AgentStep:
        """Async ``act`` through the model's ``ainvoke``."""
        timer = Timer()
        view = stage_view(obs, info, self.prompt)
        runnable, structured = self._runnable(view)
        out = await runnable.ainvoke(self._convert(view["messages"]))
        return self._step(out, structured, timer)


def chat_model_from_spec(provider: str, model: str, **kwargs: Any) -> Any:
    """Build a LangChain chat model: ``ChatOpenAI`` for ``openai``, else ``init_chat_model``.

    Args:
        provider: ``openai`` or any provider ``langchain.chat_models.init_chat_model``
            knows (``ollama``, ``anthropic``, ...), with its integration package installed.
        model: Model name.
        **kwargs: Passed to the model class (``base_url``, ``temperature``, ...).

    Raises:
        EcomstageError: The integration package is missing.
    """
    if provider == "openai":
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as e:
            raise EcomstageError("needs: pip install 'ecomstage[langchain]'") from e
        return ChatOpenAI(model=model, **kwargs)
    try:
        from langchain.chat_models import init_chat_model
    except ImportError as e:
        raise EcomstageError(
            f"provider {provider!r} needs the 'langchain' package and its integration "
            f"(e.g. langchain-{provider}); 'openai' works with ecomstage[langchain] alone"
        ) from e
    return init_chat_model(model, model_provider=provider, **kwargs)
