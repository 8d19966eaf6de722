"""Agent cards: one TOML file per agent setup, accepted wherever an agent spec is.

A card is data only (like a scenario folder): which agent, which model, where its
endpoint and key come from, how it samples, how it prompts. The bundled cards live in
the repository's top-level ``agents/`` folder (shipped inside the wheel); any other path
to a ``.toml`` file works the same::

    ecomstage evaluate --agent agents/qwen2.5-7b-vllm.toml --env merchant_promotion
    make_agent("qwen2.5-7b-vllm")          # a bundled card by name

Card fields (all but ``spec`` optional)::

    spec = "openai:Qwen/Qwen2.5-7B-Instruct"   # any agent spec (see make_agent)
    name = "qwen2.5-7b-vllm"                   # name in run directories (default: file stem)
    description = "..."
    base_url = "http://localhost:8000/v1"      # default endpoint
    endpoint_env = "VLLM_BASE_URL"             # variable that overrides base_url
    api_key_env = "VLLM_API_KEY"               # variable holding the key
    structured_output = "auto"                 # openai: auto|always|never; langchain: true|false
    [sampling]                                 # temperature, top_p, max_tokens, seed, extra
    [prompt]                                   # system_suffix
    [options]                                  # other keyword arguments of the agent class
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ecomstage_env.errors import DataError

__all__ = ["AgentCard", "builtin_cards_root", "card_path", "list_cards", "load_card"]


class _Sampling(BaseModel):
    model_config = ConfigDict(extra="forbid")

    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = Field(default=None, gt=0)
    seed: int | None = None
    extra: dict[str, Any] = Field(default_factory=dict)


class _Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid")

    system_suffix: str = ""


class AgentCard(BaseModel):
    """One agent setup, read from a TOML card.

    Attributes:
        spec: The agent spec the card builds (``openai:<model>``, ``local``, ``oracle``...).
        name: Name in run directories and reports (default: the file's stem).
        description: What the setup is, in a sentence.
        base_url: Default endpoint of ``openai:`` / ``langchain:openai:`` agents.
        endpoint_env: Environment variable that overrides ``base_url`` when set.
        api_key_env: Environment variable holding the API key.
        structured_output: ``auto``/``always``/``never`` (openai) or true/false (langchain).
        sampling: Sampling parameters (unset ones keep the agent's defaults).
        prompt: Prompt options (``system_suffix``).
        options: Other keyword arguments of the agent class.
    """

    model_config = ConfigDict(extra="forbid")

    spec: str = Field(min_length=1)
    name: str = ""
    description: str = ""
    base_url: str | None = None
    endpoint_env: str | None = None
    api_key_env: str | None = None
    structured_output: str | bool | None = None
    sampling: _Sampling = Field(default_factory=_Sampling)
    prompt: _Prompt = Field(default_factory=_Prompt)
    options: dict[str, Any] = Field(default_factory=dict)

    def agent_kwargs(self, defaults: Any) -> dict[str, Any]:
        """Keyword arguments for the agent class of ``spec``.

        Args:
            defaults: The agent kind's default :class:`SamplingParams` (unset card values
                keep them).
        """
        from dataclasses import replace

        from ecomstage_env.agents.llm import PromptOptions

        kind = self.spec.split(":", 1)[0]
        kw: dict[str, Any] = {"name": self.name, **self.options}
        if kind not in ("openai", "langchain", "local"):
            return {}  # baselines take no options
        set_values = {
            k: v
            for k, v in self.sampling.model_dump().items()
            if v is not None and (k != "extra" or v)
        }
        if kind != "langchain":
            kw["sampling"] = replace(defaults, **set_values)
        elif set_values:
            kw.update({k: v for k, v in set_values.items() if k != "extra"})
        if self.prompt.system_suffix:
            kw["prompt"] = PromptOptions(system_suffix=self.prompt.system_suffix)
        if self.structured_output is not None:
            kw["structured_output"] = self.structured_output
        if kind in ("openai", "langchain"):
            url = os.environ.get(self.endpoint_env or "") or self.base_url
            if url:
                kw["base_url"] = url
            if self.api_key_env and os.environ.get(self.api_key_env):
                kw["api_key"] = os.environ[self.api_key_env]
        return kw


def builtin_cards_root() -> Path:
    """The bundled cards: ``ecomstage_env/agent_cards`` in a wheel, ``agents/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    inside = here / "agent_cards"
    return inside if inside.is_dir() else here.parent / "agents"


def list_cards() -> list[str]:
    """Names of the bundled cards."""
    root = builtin_cards_root()
    return sorted(p.stem for p in root.glob("*.toml")) if root.is_dir() else []


def card_path(spec: str) -> Path | None:
    """The card a spec names: a ``.toml`` path, or a bundled card's name; None otherwise."""
    if spec.endswith(".toml"):
        return Path(spec).expanduser()
    bundled = builtin_cards_root() / f"{spec}.toml"
    return bundled if bundled.is_file() else None


def load_card(path: str | Path) -> AgentCard:
    """Read and validate an agent card.

    Raises:
        DataError: Missing file, bad TOML, or a field that does not fit (names the field).
    """
    from ecomstage_env.data.loader import read_toml

    path = Path(path)
    raw = read_toml(path, "agent card not found")
    try:
        card = AgentCard.model_validate(raw)
    except ValidationError as e:
        raise DataError.from_validation(path, e) from None
    return card if card.name else card.model_copy(update={"name": path.stem})
