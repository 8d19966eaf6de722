"""Stage answer schemas and their validation.

The schema of a stage answer follows from the stage's fields (and, for menus, from the
case), so it is built here rather than written by hand. Validation is strict: a label
must be one of the label space, a slot one of its slots. The env scores an answer that
fails validation as 0 and reports every problem found.
"""

from __future__ import annotations

import reprlib
from typing import Any

from ecomstage_env.data.schema import Case, FieldSpec, StageSpec
from ecomstage_env.parsing import MAX_ARGUMENTS_CHARS, dumps_compact, loads_compact

__all__ = ["MAX_TEXT_ANSWER_CHARS", "answer_schema", "label_space", "validate_answer"]

MAX_TEXT_ANSWER_CHARS = 20_000
"""Longest free-text answer graded, in characters; a longer one is an invalid answer
(scored 0 with the reason), so that no answer can make grading slow."""


def label_space(field: FieldSpec, case: Case) -> list[str]:
    """Return the labels a ``label`` field accepts for ``case``."""
    if field.labels_from == "options":
        return [o.id for o in case.options.get(field.name, [])]
    return list(field.labels)


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(".。")


def _menu_label(field: FieldSpec, case: Case, given: str) -> str:
    """The id of the menu option whose text ``given`` is, else ``given`` unchanged.

    A model shown "2: Give the customer a shop coupon." may answer with the text; that is
    the same choice (the whole text, case, spacing and a final full stop aside), as it is
    for fields whose labels are their own names. Only per-case menus have texts to match.
    """
    if field.labels_from != "options":
        return given
    key = _plain(given)
    for o in case.options.get(field.name, []):
        if _plain(o.text) == key:
            return o.id
    return given


def _field_schema(field: FieldSpec, case: Case) -> dict[str, Any]:
    if field.type == "text":
        return {"type": "string", "description": field.description}
    if field.type == "label":
        return {
            "type": "string",
            "enum": label_space(field, case),
            "description": field.description,
        }
    if field.type == "labels":
        return {
            "type": "array",
            "items": {"type": "string", "enum": label_space(field, case)},
            "uniqueItems": True,
            "description": field.description,
        }
    if field.type == "slots":
        props: dict[str, Any] = {}
        for slot, desc in field.slots.items():
            prop: dict[str, Any] = {"type": ["string", "null"], "description": desc}
            if slot in field.slot_labels:
                prop["enum"] = [*field.slot_labels[slot], None]
            props[slot] = prop
        return {
            "type": "object",
            "description": field.description,
            "properties": props,
            "required": list(field.slots),
            "additionalProperties": False,
        }
    item = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "enum": list(field.tools)},
            "arguments": {"type": "object"},
        },
        "required": ["name", "arguments"],
        "additionalProperties": False,
    }
    return {"type": "array", "description": field.description, "items": item}


def answer_schema(stage: StageSpec, case: Case) -> dict[str, Any]:
    """Return the JSON Schema of a stage answer for one case.

    ``calls`` fields are optional in the answer: when omitted, the calls the agent ran at
    the stage stand in for them. Fields graded only from the calls that ran
    (``in_answer = false``) are not part of the answer at all.

    Args:
        stage: The stage spec.
        case: The case (menus come from it).

    Returns:
        A JSON Schema (draft 2020-12) object.
    """
    return {
        "title": f"{stage.stage.value} answer",
        "type": "object",
        "properties": {f.name: _field_schema(f, case) for f in stage.fields if f.in_answer},
        "required": [f.name for f in stage.fields if f.type != "calls"],
    }


_REPR = reprlib.Repr()
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 50
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = 200
_REPR.maxlevel = 10


def _short(value: Any, limit: int = 200) -> str:
    """``repr`` of an agent's value for a problem message, cut to ``limit`` characters."""
    text = _REPR.repr(value)
    return text if len(text) <= limit else f"{text[:limit]}..."


def _check_calls(field: FieldSpec, value: Any) -> tuple[list[dict[str, Any]], list[str]]:
    if not isinstance(value, list):
        return [], [f"{field.name}: expected a list of tool calls"]
    calls: list[dict[str, Any]] = []
    problems: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            problems.append(f"{field.name}[{i}]: expected an object")
            continue
        name = item.get("name", item.get("tool"))
        args = item.get("arguments", {})
        if not isinstance(name, str) or name not in field.tools:
            problems.append(
                f"{field.name}[{i}]: {_short(name)} is not one of {', '.join(field.tools)}"
            )
        elif not isinstance(args, dict):
            problems.append(f"{field.name}[{i}]: arguments must be an object")
        else:
            text = dumps_compact(args, repr)
            if len(text) > MAX_ARGUMENTS_CHARS:
                problems.append(
                    f"{field.name}[{i}]: arguments over {MAX_ARGUMENTS_CHARS:,} characters"
                )
            else:  # a copy: the answer as recorded shares nothing with the calls run
                calls.append({"name": name, "arguments": loads_compact(text)})
    return calls, problems


def validate_answer(
    stage: StageSpec, case: Case, answer: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Check an answer against the stage schema and normalise its values.

    Text over :data:`MAX_TEXT_ANSWER_CHARS` characters is a problem. Labels given as
    numbers become strings (``1`` -> ``"1"``); a per-case menu's option given by its
    whole text becomes its id; surrounding whitespace
    is stripped from labels and slot values. Keys outside the schema are ignored (models
    like to add a "reasoning" key).

    Args:
        stage: The stage spec.
        case: The case.
        answer: The answer object.

    Returns:
        ``(values, problems)``: normalised values of the fields present, and every problem
        found (an empty list means the answer is valid).
    """
    values: dict[str, Any] = {}
    problems: list[str] = []
    for f in stage.fields:
        if not f.in_answer:
            continue  # graded from the calls that ran; a declared list earns nothing
        if f.name not in answer:
            if f.type != "calls":
                problems.append(f"{f.name}: missing")
            continue
        v = answer[f.name]
        if f.type == "text":
            if isinstance(v, str) and len(v) > MAX_TEXT_ANSWER_CHARS:
                problems.append(
                    f"{f.name}: {len(v):,} characters; the limit is {MAX_TEXT_ANSWER_CHARS:,}"
                )
            elif isinstance(v, str):
                values[f.name] = v
            else:
                problems.append(f"{f.name}: expected a string, got {type(v).__name__}")
        elif f.type == "label":
            space = label_space(f, case)
            label = (
                str(v).strip() if isinstance(v, (str, int)) and not isinstance(v, bool) else None
            )
            if label is not None and label not in space:
                label = _menu_label(f, case, label)
            if label in space:
                values[f.name] = label
            else:
                problems.append(f"{f.name}: {_short(v)} is not one of {', '.join(space)}")
        elif f.type == "labels":
            space = label_space(f, case)
            items = v if isinstance(v, list) else None
            if items is None:
                problems.append(f"{f.name}: expected a list of labels from {', '.join(space)}")
                continue
            chosen = [
                _menu_label(f, case, str(x).strip()) for x in items if isinstance(x, (str, int))
            ]
            bad = [x[:200] for x in chosen if x not in space] + [
                _short(x) for x in items if not isinstance(x, (str, int))
            ]
            if bad:
                problems.append(f"{f.name}: {', '.join(map(str, bad))} not in {', '.join(space)}")
            else:
                values[f.name] = list(dict.fromkeys(chosen))
        elif f.type == "slots":
            if not isinstance(v, dict):
                problems.append(f"{f.name}: expected an object with {', '.join(f.slots)}")
                continue
            slots: dict[str, str | None] = {}
            for key, val in v.items():
                if key not in f.slots:
                    problems.append(
                        f"{f.name}.{str(key)[:200]}: unknown slot (slots: {', '.join(f.slots)})"
                    )
                elif val is not None and not isinstance(val, (str, int, float)):
                    problems.append(f"{f.name}.{key}: expected a string or null")
                else:
                    text = None if val is None else str(val).strip()
                    allowed = f.slot_labels.get(key)
                    if allowed and text is not None and text not in allowed:
                        problems.append(
                            f"{f.name}.{key}: {_short(text)} is not one of {', '.join(allowed)}"
                        )
                    else:
                        slots[key] = text
            values[f.name] = slots
        else:
            calls, bad = _check_calls(f, v)
            problems += bad
            values[f.name] = calls
    return values, problems
