"""Reference agents that need no model: oracle, random, majority and keyword.

They bound every score table: the oracle replays the gold (1.0 on every stage, or the
scenario is broken), random answers validly at random (the chance floor), majority
answers the most frequent gold label, and keyword matches words of the conversation
against the label texts (what a model must beat to show understanding).

The oracle and the majority baseline are *privileged*: they read the annotation, which
the runner hands them per episode under ``info["grader"]`` (from
:meth:`~ecomstage_env.env.StagedEnv.grader_view`). No other agent ever gets it.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from typing import Any

import numpy as np

from ecomstage_env.data.schema import Case
from ecomstage_env.env import GRADER_KEY
from ecomstage_env.errors import EcomstageError
from ecomstage_env.scoring.scorers import tokens
from ecomstage_env.stages import Stage

__all__ = ["KeywordAgent", "MajorityAgent", "OracleAgent", "RandomAgent"]


def _is_calls(prop: dict[str, Any]) -> bool:
    """Whether a schema property is a list of tool calls (not a set of labels)."""
    return prop.get("type") == "array" and prop.get("items", {}).get("type") == "object"


def _grader(info: dict[str, Any], agent: str) -> dict[str, Any]:
    view = info.get(GRADER_KEY)
    if not isinstance(view, dict):
        raise EcomstageError(
            f"the {agent} agent reads the annotation: play it through the runner "
            "(ecomstage.run_episode, evaluate) or pass "
            f'info["{GRADER_KEY}"] = env.unwrapped.grader_view()'
        )
    return view


class OracleAgent:
    """Replays the gold annotation: runs the gold tool calls, then gives the gold answer.

    Calls fields are made as real tool calls (so the tools and the world are exercised)
    and left out of the answer, which the env then grades from the calls that ran.
    """

    name = "oracle"
    privileged = True

    def reset(self) -> None:
        """Nothing to forget: the oracle reads the gold anew each step."""

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        """Return the next gold tool call of this stage, or the gold answer."""
        case: Case = _grader(info, "oracle")["case"]
        stage = Stage(info["stage"])
        gold = case.gold[stage]
        schema = info["answer_schema"]["properties"]
        # Calls fields (in the answer or graded from the calls that ran) are made for real.
        calls = [
            c
            for name, v in gold.items()
            if name not in schema or _is_calls(schema[name])
            if isinstance(v, list)
            for c in v
            if isinstance(c, dict) and "name" in c
        ]
        made = sum(1 for m in info["messages"] if m["role"] == "tool")
        if made < len(calls):
            call = calls[made]
            return {"tool": call["name"], "arguments": call.get("arguments", {})}
        return {k: v for k, v in gold.items() if k in schema and not _is_calls(schema[k])}


class MajorityAgent:
    """Answers every label with the most frequent gold label of the env's cases.

    The class-prior floor: what a model scores by knowing only the label distribution.
    Slots get their most frequent gold value; free text is left empty; no tools are
    called. (With no separate training split, the prior is taken from the evaluated
    cases themselves, as majority baselines of small benchmarks usually are.)
    """

    name = "majority"
    privileged = True

    def __init__(self) -> None:
        self._prior: dict[tuple[str, str, tuple[str, ...]], dict[str, Any]] = {}

    def reset(self) -> None:
        """Stateless between episodes (the per-env prior is a cache, not state)."""

    def _answers(self, info: dict[str, Any]) -> dict[str, Any]:
        cases: tuple[Case, ...] = _grader(info, "majority")["cases"]
        key = (info["scenario"], info["stage"], tuple(c.case_id for c in cases))
        if key not in self._prior:
            stage = Stage(info["stage"])
            counts: dict[str, Counter[str]] = {}
            slot_counts: dict[tuple[str, str], Counter[str]] = {}
            sets: dict[str, Counter[str]] = {}
            set_cases: dict[str, int] = {}
            for case in cases:
                for name, value in case.gold.get(stage, {}).items():
                    if isinstance(value, str):
                        counts.setdefault(name, Counter())[value] += 1
                    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                        # Calls are lists of objects; only a list of strings is a label set.
                        # A set of labels: each label counts once per case.
                        sets.setdefault(name, Counter()).update(set(value))
                        set_cases[name] = set_cases.get(name, 0) + 1
                    elif isinstance(value, dict):
                        for slot, v in value.items():
                            if v is not None:
                                slot_counts.setdefault((name, slot), Counter())[str(v)] += 1
            answers: dict[str, Any] = {n: c.most_common(1)[0][0] for n, c in counts.items()}
            for (name, slot), c in slot_counts.items():
                answers.setdefault(name, {})[slot] = c.most_common(1)[0][0]
            for name, c in sets.items():
                # The labels gold in at least half the cases, else the commonest one.
                half = [lab for lab, n in c.items() if 2 * n >= set_cases[name]]
                answers[name] = sorted(half) or [lab for lab, _ in c.most_common(1)]
            self._prior[key] = answers
        return self._prior[key]

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        """Return the majority answer of the stage."""
        prior = self._answers(info)
        answer: dict[str, Any] = {}
        for name, prop in info["answer_schema"]["properties"].items():
            kind = prop.get("type")
            if "enum" in prop:
                guess = prior.get(name)
                answer[name] = guess if guess in prop["enum"] else prop["enum"][0]
            elif kind == "string":
                answer[name] = ""
            elif kind == "object":
                given = prior.get(name, {})
                answer[name] = {slot: given.get(slot) for slot in prop["properties"]}
            elif (labels := _label_list(prop)) is not None:
                guess = [lab for lab in prior.get(name, []) if lab in labels]
                answer[name] = guess or labels[:1]
        return answer


def _label_list(prop: dict[str, Any]) -> list[str] | None:
    """The labels of a set-of-labels field (an array of enum strings), else None."""
    if prop.get("type") != "array":
        return None
    enum = prop.get("items", {}).get("enum")
    return [str(x) for x in enum] if enum else None


def _episode_rng(seed: int, info: dict[str, Any]) -> np.random.Generator:
    # Derived from the case and stage, not from call order, so a resumed or parallel
    # run gives the same answers as a sequential one.
    key = f"{info['scenario']}/{info['case_id']}/{info['stage']}".encode()
    return np.random.default_rng([seed, zlib.crc32(key)])


class RandomAgent:
    """Answers every stage with a valid answer drawn at random from the schema.

    Args:
        seed: Seed; together with case and stage it fixes every answer.
    """

    name = "random"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def reset(self) -> None:
        """Nothing to forget: randomness is derived per case and stage."""

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        """Return a random valid answer (no tool calls)."""
        rng = _episode_rng(self.seed, info)
        words = tokens(obs["prompt"]) or ["ok"]
        answer: dict[str, Any] = {}
        for name, prop in info["answer_schema"]["properties"].items():
            kind = prop.get("type")
            if "enum" in prop:
                answer[name] = str(rng.choice(prop["enum"]))
            elif kind == "string":
                answer[name] = " ".join(rng.choice(words, size=min(12, len(words))))
            elif kind == "object":
                answer[name] = {
                    slot: (
                        str(rng.choice([v for v in p["enum"] if v is not None]))
                        if "enum" in p
                        else None
                    )
                    for slot, p in prop["properties"].items()
                }
            elif (labels := _label_list(prop)) is not None:
                picked = [lab for lab in labels if rng.random() < 0.5]
                answer[name] = picked or [str(rng.choice(labels))]
        return answer


_ID = re.compile(r"\b[A-Z]{1,3}-\d{3,}\b")


class KeywordAgent:
    """Simple word-overlap rules, no model.

    Text fields get the last customer/merchant turn as it is; a label is the one whose
    text (or menu entry) shares the most words with the conversation; slots take ids
    found in the conversation and the best-overlapping label; no tools are called.
    """

    name = "keyword"

    def reset(self) -> None:
        """Stateless."""

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        """Return a rule-based answer."""
        prompt = obs["prompt"]
        user = next((m["content"] for m in info["messages"] if m["role"] == "user"), prompt)
        if "Conversation:\n" in user:  # scenario prompts: only the dialogue counts
            user = user.split("Conversation:\n", 1)[-1].split("\n\n", 1)[0]
        convo = "\n".join(ln for ln in user.splitlines() if not _MENU_LINE.match(ln))
        turns = [m.group(1) for m in map(_ASKER_TURN.match, convo.splitlines()) if m]
        last = turns[-1] if turns else _last_paragraph(convo)
        words = set(tokens(convo))
        ids = _ID.findall(convo)
        menus = self._menus(prompt, info["answer_schema"]["properties"])
        answer: dict[str, Any] = {}
        for name, prop in info["answer_schema"]["properties"].items():
            kind = prop.get("type")
            if "enum" in prop:
                texts: dict[str, str] = menus.get(name, {})
                # Most words shared with the conversation; ties go to the first label.
                overlap = [len(words & set(tokens(texts.get(lab, lab)))) for lab in prop["enum"]]
                answer[name] = prop["enum"][overlap.index(max(overlap))]
            elif kind == "string":
                answer[name] = last
            elif kind == "object":
                slots: dict[str, Any] = {}
                for slot, p in prop["properties"].items():
                    if "enum" in p:
                        labels = [v for v in p["enum"] if v is not None]
                        slots[slot] = max(labels, key=lambda lab: len(words & set(tokens(lab))))
                    else:
                        slots[slot] = ids[0] if ids else None
                answer[name] = slots
            elif (label_set := _label_list(prop)) is not None:
                # The label whose words the conversation shares most; ties go to the first.
                shared = [len(words & set(tokens(lab.replace("_", " ")))) for lab in label_set]
                answer[name] = [label_set[shared.index(max(shared))]]
        return answer

    @staticmethod
    def _menus(prompt: str, props: dict[str, Any]) -> dict[str, dict[str, str]]:
        """Label texts per field: a scenario's option menus, else lines ``"<label>. text"``."""
        menus: dict[str, dict[str, str]] = {}
        for m in re.finditer(r"Options for `(\w+)`:\n((?:.+\n?)+)", prompt):
            entries = re.findall(r"^(\S+)\. (.*)$", m.group(2), re.M)
            menus[m.group(1)] = dict(entries)
        for name, prop in props.items():
            if name in menus or "enum" not in prop:
                continue
            found: dict[str, str] = {}
            for lab in prop["enum"]:
                hit = re.search(rf"(?:^|\s){re.escape(str(lab))}\. (.+)", prompt, re.M)
                if hit:
                    found[lab] = hit.group(1)
            if found:
                menus[name] = found
        return menus


_MENU_LINE = re.compile(r"^\s*(?:[A-H]|\d{1,2})\.\s")
_ASKER_TURN = re.compile(r"^\s*(?:User|customer|merchant)\s*:\s*(.+)$", re.I)


def _last_paragraph(text: str) -> str:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return paras[-1] if paras else text
