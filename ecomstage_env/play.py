"""``ecomstage play``: an episode played by a person at the terminal.

Each stage opens with its instruction, what the customer or merchant said, the answer's
fields (option menus with the text of every option, label spaces, slots, guidelines),
the tools with their arguments, and the budget. Commands:

- ``/tool NAME {json}``: call a tool (arguments as a JSON object; ``{}`` when omitted);
- ``/answer {json}``: submit the stage answer (``/answer TEXT`` at text-answer stages,
  where a label must be one of the menu's);
- ``/say TEXT``: write to the user, at stages with user turns (``message_user``);
- ``/help``: the commands and budget rules again; ``/quit``: stop.

A bare JSON object is taken as the answer, or as a tool call when it has a ``tool`` key.

A line that is not one of these, JSON that does not parse, or an answer that does not fit
the stage's schema is refused and asked again: only a well-formed answer is graded. The
stage's score, its components and the grader's reason are shown when it is graded.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape

from ecomstage_env.answers import label_space, validate_answer
from ecomstage_env.data.schema import FieldSpec, StageSpec
from ecomstage_env.env import EPISODE_KEY
from ecomstage_env.users import USER_TOOL

__all__ = ["HELP", "play"]

HELP = """\
commands:
  /tool NAME {json}   call a tool, e.g. /tool get_campaign {"campaign_id": "C-9001"}
  /answer {json}      submit this stage's answer, e.g. /answer {"route": "C"}
                      (at text-answer stages: /answer followed by the text)
  /say TEXT           write to the customer or merchant (stages with user turns)
  /help               this help; /quit stops
budget: each stage allows a number of tool calls (shown as "calls left"). A call that
fails (unknown tool, arguments the tool rejects) shows the error and costs nothing,
unless the scenario counts failed calls; after 10 failed calls the stage ends. A call
past the budget is not run: it ends the stage, graded on what it has so far (the
lookups and changes already made; the fields not answered score 0).
A line that is none of the above, or an answer that does not fit the fields, is not
sent: you are asked again."""


class Refused(Exception):
    """A line that is not sent to the env; the message says why."""


def _stage_spec(game: Any, name: str) -> StageSpec | None:
    spec = getattr(game.unwrapped, "spec_data", None)
    for st in getattr(spec, "stages", []):
        if st.stage.value == name:
            return st  # type: ignore[no-any-return]
    return None


def _field_lines(f: FieldSpec, case: Any) -> list[str]:
    kind = {"label": "one label", "labels": "a list of labels", "slots": "an object"}
    head = f"  {f.name} ({kind.get(f.type, f.type)}): {f.description}"
    if f.type == "calls" and not f.in_answer:
        return [f"  {f.name}: graded from the tool calls you run here (not part of the answer)"]
    lines = [head]
    if f.type in ("label", "labels"):
        options = case.options.get(f.name) if f.labels_from == "options" else None
        if options:
            lines += [f"      {o.id}. {o.text}" for o in options]
        else:
            lines.append(f"      labels: {', '.join(label_space(f, case))}")
    if f.type == "slots":
        for slot, what in f.slots.items():
            allowed = f.slot_labels.get(slot)
            more = f" (one of: {', '.join(allowed)})" if allowed else ""
            lines.append(f"      {slot}: {what}{more}")
    if f.guideline.strip():
        lines.append("      guideline:")
        lines += [f"        {g}" for g in f.guideline.strip().splitlines()]
    return lines


def _tool_lines(tools: list[dict[str, Any]]) -> list[str]:
    lines = []
    for t in tools:
        fn = t.get("function", t)
        params = fn.get("parameters") or {}
        required = set(params.get("required", []))
        args = []
        for arg, schema in (params.get("properties") or {}).items():
            typ = schema.get("type") or "/".join(
                str(s.get("type", "?")) for s in schema.get("anyOf", [])
            )
            if "enum" in schema:
                typ = "|".join(map(str, schema["enum"]))
            args.append(f"{arg}{'' if arg in required else '?'}: {typ or 'any'}")
        desc = " ".join(str(fn.get("description", "")).split())
        lines.append(f"  {fn['name']}({', '.join(args)})" + (f" - {desc}" if desc else ""))
    return lines


def _intro(out: Console, game: Any, obs: dict[str, str], info: dict[str, Any]) -> None:
    """Print what a stage asks: instruction, context, fields with menus, tools, budget."""
    name = obs["stage"]
    spec = _stage_spec(game, name)
    out.rule(f"[bold]{name}")
    if spec is not None:
        out.print("[bold]Instruction[/bold]")
        out.print(spec.instruction.strip(), markup=False, highlight=False)
    user = next((m["content"] for m in info["messages"] if m["role"] == "user"), "")
    out.print("[bold]Context[/bold]")
    out.print(user, markup=False, highlight=False)
    if spec is not None:
        out.print("[bold]Answer fields[/bold]")
        case = game.unwrapped.case
        out.print(
            "\n".join(line for f in spec.fields for line in _field_lines(f, case)),
            markup=False,
            highlight=False,
        )
    else:
        out.print(
            "answer schema: " + json.dumps(info["answer_schema"].get("properties", {})),
            markup=False,
            highlight=False,
        )
    tools = [t for t in info["tools"] if t.get("function", t).get("name") != USER_TOOL]
    if tools:
        out.print(f"[bold]Tools[/bold] ({info['tool_calls_left']} calls at this stage)")
        out.print("\n".join(_tool_lines(tools)), markup=False, highlight=False)
    else:
        out.print("[bold]Tools[/bold]: none at this stage")
    if info.get("user_turns_left"):
        out.print(f"You may write to the user ({info['user_turns_left']} messages): /say TEXT")
    how = "/answer TEXT" if info.get("answer_format") == "text" else "/answer {json}"
    out.print(f"Answer with {how}; /help for the commands and budget rules.", highlight=False)


def parse_line(line: str, game: Any, obs: dict[str, str], info: dict[str, Any]) -> Any:
    """The env action a line stands for.

    Returns:
        A tool call dict, an answer (dict or text), or a command string (``"help"``,
        ``"quit"``).

    Raises:
        Refused: The line is malformed; the message says how to write it.
    """
    text = line.strip()
    is_text = info.get("answer_format") == "text"
    if text in ("/help", "/h", "?"):
        return "help"
    if text in ("/quit", "/q", ":q"):
        return "quit"
    if text.startswith("/tool"):
        rest = text[len("/tool") :].strip()
        if not rest:
            raise Refused("which tool? /tool NAME {json arguments}")
        name, _, raw = rest.partition(" ")
        raw = raw.strip() or "{}"
        try:
            args = json.loads(raw)
        except json.JSONDecodeError as e:
            raise Refused(f"the arguments are not JSON ({e.msg} at column {e.colno})") from None
        if not isinstance(args, dict):
            raise Refused('the arguments must be a JSON object, e.g. {"order_id": "O-1"}')
        return {"tool": name, "arguments": args}
    if text.startswith("/say"):
        said = text[len("/say") :].strip()
        if not said:
            raise Refused("say what? /say TEXT")
        return {"tool": USER_TOOL, "arguments": {"text": said}}
    if text.startswith("/answer"):
        raw = text[len("/answer") :].strip()
    elif text.startswith("{") and not is_text:
        raw = text  # a bare JSON object is taken as the answer
    else:
        raise Refused(f"not understood: {text[:60]!r}. /help lists the commands")
    if not raw:
        raise Refused("an empty answer; /answer {json}")
    if is_text:
        spec = _stage_spec(game, obs["stage"])
        labels = [f for f in spec.fields if f.type == "label"] if spec else []
        if spec is not None and len(spec.fields) == 1 and labels:
            space = label_space(labels[0], game.unwrapped.case)
            if raw not in space:
                raise Refused(f"answer with one of: {', '.join(space)}")
        return raw
    try:
        answer = json.loads(raw)
    except json.JSONDecodeError as e:
        raise Refused(f"the answer is not JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(answer, dict):
        raise Refused("the answer must be a JSON object with the stage's fields")
    if not text.startswith("/") and isinstance(answer.get("tool"), str):
        return {"tool": answer["tool"], "arguments": answer.get("arguments") or {}}
    spec = _stage_spec(game, obs["stage"])
    if spec is not None:
        _, problems = validate_answer(spec, game.unwrapped.case, answer)
        if problems:
            raise Refused("the answer does not fit the fields: " + "; ".join(problems))
    return answer


def play(
    game: Any,
    obs: dict[str, str],
    info: dict[str, Any],
    out: Console,
    ask: Any,
) -> Any | None:
    """Play ``game`` (reset already) with lines from ``ask(prompt)``.

    Returns:
        The finished episode's result, or None when the player quit.
    """
    out.print(HELP, markup=False, highlight=False)
    shown = ""
    while True:
        if obs["stage"] != shown:
            shown = obs["stage"]
            _intro(out, game, obs, info)
        left = [f"{info['tool_calls_left']} calls left"] if info["tools"] else []
        if info.get("user_turns_left"):
            left.append(f"{info['user_turns_left']} messages")
        where = f" ({', '.join(left)})" if left else ""
        try:
            line = ask(f"[bold cyan]{escape(shown)}[/bold cyan]{where}> ")
        except EOFError:
            line = "/quit"
        if not line.strip():
            continue
        try:
            action = parse_line(line, game, obs, info)
        except Refused as e:
            out.print(f"[yellow]not sent:[/yellow] {escape(str(e))}; try again", highlight=False)
            continue
        if action == "help":
            out.print(HELP, markup=False, highlight=False)
            continue
        if action == "quit":
            out.print("quit")
            return None
        obs, reward, terminated, _, info = game.step(action)
        if obs["tool_result"]:
            out.print("tool result: " + obs["tool_result"], markup=False, highlight=False)
        error = str(info.get("error", ""))
        if error and error not in obs["tool_result"]:
            out.print(f"[yellow]{escape(error)}[/yellow]", highlight=False)
        if "stage_score" in info:
            sc = info["stage_score"]
            parts = ", ".join(f"{k} {v:.2f}" for k, v in sc.components.items())
            out.print(
                f"[bold]{info['graded_stage']} score {sc.value:.2f}[/bold] ({parts}; reward "
                f"{reward:.3f})",
                highlight=False,
            )
            out.print("reason: " + sc.reason, markup=False, highlight=False)
        if terminated:
            ep = info[EPISODE_KEY]
            out.rule(f"total {ep.total:.3f} ({ep.termination_reason.value})")
            return ep
