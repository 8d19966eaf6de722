"""Read records in the official EComStage release format, and find the malformed ones.

The release (``filtered_data.json``) is one JSON array of records::

    {"id": "5_scenario_route_73", "task_type": "scenario_route",
     "system": "<task prompt>",
     "conversations": [{"from": "human", "value": "..."}, {"from": "gpt", "value": "C"}],
     "gt_answer": "C"}

Files may also be JSON Lines (one record per line); the bundled sample data is. Arrays
are decoded one element at a time from a buffered stream, so a large file is never
parsed as a whole and every record keeps its line number for error messages.

The ``gpt`` turn repeats the gold answer; nothing here ever shows it to an agent.

Some records of the real release are malformed (see :func:`record_problems`): the
loader reports each by id with the reason and, per ``on_malformed``, skips it, keeps
it, or raises :class:`MalformedRecordError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ecomstage_env.data.jsonl import (
    MAX_DEPTH,
    MAX_LINE_CHARS,
    LineError,
    check_value,
    iter_json_lines,
    needs_check,
    open_text,
    text_problem,
)
from ecomstage_env.errors import DataError
from ecomstage_env.stages import Orientation, Stage

__all__ = [
    "PAPER_TASKS",
    "Malformed",
    "MalformedRecordError",
    "OfficialRecord",
    "OnMalformed",
    "PaperRecord",
    "PaperTask",
    "iter_raw_records",
    "parse_options",
    "read_records",
    "record_problems",
    "task_by_type",
]

OnMalformed = Literal["skip", "keep", "error"]
"""What to do with a malformed record: leave it out, keep it, or raise."""


@dataclass(frozen=True)
class PaperTask:
    """One of the seven tasks of the EComStage paper.

    Attributes:
        name: Env name (``ecomstage.make(name)``), lower case.
        task_type: The ``task_type`` string of the release (``RAG_QA`` is upper case).
        stage: The checkpoint the task grades.
        orientation: Whose side the agent serves (``rag_qa`` serves both).
        metric: ``accuracy`` for label tasks, ``cosine`` for free-text ones.
        labels: Fixed label space, or empty when it comes from the record's options.
        options: ``letters`` or ``ids`` when the label space is the record's menu.
        title: Name as printed in the paper's tables.
    """

    name: str
    task_type: str
    stage: Stage
    orientation: Orientation
    metric: Literal["accuracy", "cosine"]
    labels: tuple[str, ...] = ()
    options: Literal["letters", "ids"] | None = None
    title: str = ""

    @property
    def open_ended(self) -> bool:
        """Whether answers are free text (graded by similarity, not by label)."""
        return self.metric == "cosine"


_P, _PL, _A = Stage.PERCEPTION, Stage.PLANNING, Stage.ACTION
_C, _M, _B = Orientation.CUSTOMER, Orientation.MERCHANT, Orientation.BOTH

PAPER_TASKS: dict[str, PaperTask] = {
    t.name: t
    for t in (
        PaperTask("query_rewrite", "query_rewrite", _P, _C, "cosine", title="Query Rewrite"),
        PaperTask("attitude_cls", "attitude_cls", _P, _M, "accuracy", ("0", "1"), title="Attitude"),
        PaperTask(
            "query_match", "query_match", _P, _C, "accuracy", options="letters", title="Query Match"
        ),
        PaperTask(
            "intent_recognition",
            "intent_recognition",
            _P,
            _C,
            "accuracy",
            tuple("1234567"),
            title="Intent",
        ),
        PaperTask(
            "scenario_route", "scenario_route", _PL, _M, "accuracy", tuple("ABCDEF"), title="Route"
        ),
        PaperTask(
            "solution_decision",
            "solution_decision",
            _A,
            _C,
            "accuracy",
            options="ids",
            title="Solution",
        ),
        PaperTask("rag_qa", "RAG_QA", _A, _B, "cosine", title="RAG QA"),
    )
}
"""The seven paper tasks by env name, in the order of the paper's tables."""


def task_by_type(task_type: str) -> PaperTask | None:
    """Return the task of a release ``task_type`` (case-insensitive), or None."""
    return PAPER_TASKS.get(task_type.strip().lower())


class _Turn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    speaker: str = Field(alias="from")
    value: str


class OfficialRecord(BaseModel):
    """One record of the release, as stored.

    Attributes:
        id: Record id, e.g. ``"5_scenario_route_73"``.
        task_type: Task name as in the release.
        system: Task prompt (label definitions, output format).
        conversations: ``human`` turn (the input) and ``gpt`` turn (the gold, leaked).
        gt_answer: Gold answer.
    """

    model_config = ConfigDict(frozen=True, extra="ignore", coerce_numbers_to_str=True)

    id: str = Field(min_length=1)
    task_type: str = Field(min_length=1)
    system: str
    conversations: list[_Turn] = Field(min_length=1)
    gt_answer: str

    @property
    def human(self) -> str:
        """The input shown to the model: every ``human`` turn, joined."""
        return "\n\n".join(t.value for t in self.conversations if t.speaker == "human")


@dataclass(frozen=True)
class Malformed:
    """A record that was reported.

    Attributes:
        path: File it came from.
        line: Line where the record starts.
        id: Record id (``"line N"`` when the record has none).
        reason: What is wrong.
        field: The field at fault.
    """

    path: Path
    line: int
    id: str
    reason: str
    field: str = ""

    def __str__(self) -> str:
        return f"{self.id} ({self.path.name}:{self.line}): {self.reason}"


class MalformedRecordError(DataError):
    """A malformed record met with ``on_malformed="error"``.

    Attributes:
        record_id: Id of the record.
    """

    def __init__(self, bad: Malformed) -> None:
        self.record_id = bad.id
        super().__init__(
            bad.path, f"record {bad.id!r}: {bad.reason}", line=bad.line, field=bad.field or None
        )


@dataclass(frozen=True)
class PaperRecord:
    """A record ready to be played: the record, its task and its label space.

    Attributes:
        record: The record as stored.
        task: Its task.
        labels: Label space (empty for free-text tasks).
        options: Menu entries by label, for tasks whose labels come from the record.
        path: File it came from.
        line: Line where it starts.
        problems: Why it is malformed (empty for a sound record; only kept ones have any).
    """

    record: OfficialRecord
    task: PaperTask
    labels: tuple[str, ...]
    options: dict[str, str]
    path: Path
    line: int
    problems: tuple[str, ...] = ()


# -- reading ---------------------------------------------------------------------------------
_CHUNK = 1 << 20
_WS_ARGS: tuple[Any, ...] = (r"[ \t\r\n]*",)


class _ArrayReader:
    """Strict, streaming reader of one JSON array: one element at a time, with lines."""

    def __init__(self, fh: IO[str], path: Path, head: str, check: bool = True) -> None:
        self.fh, self.path, self.check = fh, path, check
        self.buf, self.pos, self.line, self.eof = head, 0, 1, False
        self.decoder = json.JSONDecoder()

    def fill(self) -> bool:
        more = self.fh.read(_CHUNK)
        self.eof = not more
        self.buf, self.pos = self.buf[self.pos :] + more, 0
        return bool(more)

    def next_char(self) -> str:
        """The next character that is not whitespace ("" at the end of the file)."""
        while True:
            m = _re("_WS").match(self.buf, self.pos)
            assert m is not None  # the pattern matches the empty string
            self.line += self.buf.count("\n", self.pos, m.end())
            self.pos = m.end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if self.eof or not self.fill():
                return ""

    def fail(self, problem: str, line: int | None = None) -> DataError:
        return DataError(self.path, problem, line=self.line if line is None else line)

    def element(self) -> tuple[Any, LineError | None]:
        """Decode the element at ``pos`` (the buffer grows until it holds it whole)."""
        start = self.line
        while True:
            try:
                obj, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                if self.eof:
                    bad = text_problem(self.buf, self.pos, e.pos + 1)
                    at = start + self.buf.count("\n", self.pos, e.pos)
                    raise self.fail(
                        bad or f"not valid JSON: {e.msg} (column {e.colno})", at
                    ) from None
                obj, end = None, -1
            except RecursionError:
                raise self.fail(f"a record nested deeper than {MAX_DEPTH} levels", start) from None
            if end >= 0 and (end < len(self.buf) or self.eof):
                break  # an element that ends the buffer may be cut (a number): read on
            if len(self.buf) - self.pos > MAX_LINE_CHARS:
                raise self.fail(f"a record longer than {MAX_LINE_CHARS:,} characters", start)
            self.fill()
        problem = None
        if (
            self.check
            and isinstance(obj, (dict, list, str))
            and needs_check(self.buf, obj, self.pos, end)
        ):
            found = check_value(obj)
            if found is not None:
                problem = LineError(found[1], found[0])
        self.line += self.buf.count("\n", self.pos, end)
        self.pos = end
        return obj, problem

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        if self.next_char() != "[":
            raise self.fail("expected a JSON array")
        self.pos += 1
        c = self.next_char()
        while c != "]":
            if c == "":
                raise self.fail("the JSON array is not closed with ']'")
            start = self.line
            obj, problem = self.element()
            yield start, (obj if problem is None else problem)
            c = self.next_char()
            if c == ",":
                self.pos += 1
                c = self.next_char()
                if c == "]":
                    raise self.fail("a ',' right before the closing ']' (a record missing?)")
            elif c not in ("]", ""):
                raise self.fail(
                    f"expected ',' or ']' after the record that starts at line {start} "
                    f"(a missing comma?), found {c!r}"
                )
        self.pos += 1
        if self.next_char() != "":
            raise self.fail("unexpected text after the closing ']' of the JSON array")


def iter_raw_records(path: str | Path, *, check: bool = True) -> Iterator[tuple[int, Any]]:
    """Yield ``(line, value)`` for each record of a JSON-array or JSON Lines file.

    A record that cannot be used (a line that is not JSON, a string that is not valid
    UTF-8 text, nesting past :data:`~ecomstage_env.data.jsonl.MAX_DEPTH`) is yielded as
    a :class:`~ecomstage_env.data.jsonl.LineError` instead of a value, so the caller
    can report that record alone. A JSON array is read strictly (commas between
    records, nothing after the closing bracket); a broken one cannot be
    resynchronised and raises.

    Args:
        path: The file.
        check: Check the strings and nesting of each array element (the caller may
            check only the records it keeps, with
            :func:`~ecomstage_env.data.jsonl.check_value`); JSON Lines are always checked.

    Raises:
        DataError: The file is missing, not a regular file, not UTF-8 text, empty, or
            a JSON array is broken (names file and line).
    """
    path = Path(path)
    with open_text(path, "data file") as fh:
        head = fh.read(4096)
        while head.strip() == "" and head:
            more = fh.read(4096)
            if not more:
                break
            head += more
        first = head.lstrip(" \t\r\n")[:1]
        if not first:
            raise DataError(path, "empty data file: no records")
        if first == "[":
            yield from _ArrayReader(fh, path, head, check)
            return
    yield from iter_json_lines(path, what="data file", tolerant=True)


# -- checking --------------------------------------------------------------------------------
_LETTER_ITEM_ARGS: tuple[Any, ...] = (r"(?:^|\s)([A-H])\.\s+",)
_ID_ITEM_ARGS: tuple[Any, ...] = (r"(?:^|\n)[ \t]*(\d{1,2})\.\s+",)
_ID_ANCHOR_ARGS: tuple[Any, ...] = (r"(?:response\s+(?:choices|options)|options)\s*:\s*", re.I)
_LEAK_ARGS: tuple[Any, ...] = (
    r"^\s*(?:the\s+)?(?:correct\s+)?(?:answer|output|label)\s*[:：]\s*\S",
    re.I,
)
_PLACEHOLDER_ARGS: tuple[Any, ...] = (
    r"^(?:(?:test)+\d*|todo|tbd|placeholder|x+|n/?a|none|null|\.+|-+|\?+|option\s*[a-h0-9]?)$",
    re.I,
)
_USER_ROLES = ("User", "Customer", "Buyer", "Shopper", "用户", "买家")
_STAFF_ROLES = (
    "Customer Service",
    "Agent",
    "Merchant",
    "Seller",
    "Staff",
    "Assistant",
    "客服",
    "商家",
)
_TURN_ARGS: tuple[Any, ...] = (
    r"^\s*("
    + "|".join(sorted(_USER_ROLES + _STAFF_ROLES, key=len, reverse=True))
    + r")\s*[:：]\s?(.*)$",
)
# Words that cannot end an English sentence: a turn ending on one was cut off.
_DANGLING = {
    "a", "an", "the", "and", "or", "but", "because", "my", "your", "our", "their", "its",
    "if", "than", "whether", "whose", "i", "i'm", "we're", "of",
}  # fmt: skip
_QUESTION_SECTION_ARGS: tuple[Any, ...] = (r"(?:user\s+(?:question|issue|query))\s*[:：]\s*", re.I)


def parse_options(task: PaperTask, human: str) -> dict[str, str]:
    """Return the menu of a record (label -> text), read from its prompt.

    ``query_match`` menus are lettered (``A. ...``; items on separate lines or on one
    line); ``solution_decision`` menus are numbered after "response choices:" (the
    release) or "Response options:" (the bundled data). Letters are accepted only in
    order, so a stray "C. " inside an option's text is not taken for an item.

    Args:
        task: The record's task.
        human: The record's input text.

    Returns:
        The options in prompt order; empty for tasks without a menu or when none is found.
    """
    if task.options == "letters":
        start = human.find("A. ")
        while start > 0 and not human[start - 1].isspace():
            start = human.find("A. ", start + 1)
        if start < 0:
            return {}
        block = human[start:]
        items: list[tuple[str, int, int]] = []
        expected = "A"
        for m in _re("_LETTER_ITEM").finditer(block):
            if m.group(1) == expected:
                items.append((expected, m.start(), m.end()))
                expected = chr(ord(expected) + 1)
        return {
            label: block[end : (items[i + 1][1] if i + 1 < len(items) else len(block))].strip()
            for i, (label, _, end) in enumerate(items)
        }
    if task.options == "ids":
        anchors = list(_re("_ID_ANCHOR").finditer(human))
        if not anchors:
            return {}
        block = human[anchors[-1].end() :]
        found = list(_re("_ID_ITEM").finditer(block))
        return {
            m.group(1): block[m.end() : (found[i + 1].start() if i + 1 < len(found) else None)]
            .strip()
            .rstrip(";")
            for i, m in enumerate(found)
        }
    return {}


def _history_turns(human: str) -> list[tuple[str, str]]:
    """``(role, text)`` of each chat turn; a turn runs on until a blank line or the next."""
    turns: list[tuple[str, str]] = []
    open_turn = False
    for ln in human.splitlines():
        m = _re("_TURN").match(ln)
        if m:
            turns.append((m.group(1), m.group(2)))
            open_turn = True
        elif not ln.strip():
            open_turn = False
        elif open_turn:
            turns[-1] = (turns[-1][0], turns[-1][1] + "\n" + ln)
    return turns


def _question(human: str) -> str | None:
    """Text after "User question:" up to the next blank line (None when absent)."""
    m = _re("_QUESTION_SECTION").search(human)
    if m is None:
        return None
    rest = human[m.end() :]
    return rest.split("\n\n", 1)[0].strip()


def _cut_off(text: str) -> bool:
    """Whether a turn ends mid-sentence (on a comma, an open bracket, an article...)."""
    text = text.strip().rstrip(";").rstrip()
    if not text:
        return False
    if text[-1] in ",:-–(/[{“" or text.count("[") > text.count("]"):
        return True
    if text.count("“") > text.count("”"):  # straight quotes double as inch marks
        return True
    return text.split()[-1].lower() in _DANGLING


def _ends_in_history(task: PaperTask, human: str) -> bool:
    """Whether the input stops inside the chat history (its closing question is gone)."""
    if task.name not in ("query_rewrite", "attitude_cls", "intent_recognition", "scenario_route"):
        return False
    blocks = [b for b in re.split(r"\n\s*\n", human.strip()) if b.strip()]
    return len(blocks) == 1 or _re("_TURN").match(blocks[-1].strip().splitlines()[0]) is not None


def record_problems(record: OfficialRecord, task: PaperTask) -> tuple[list[str], dict[str, str]]:
    """Check one record for the defects known in the real release.

    Detected: missing options (``query_match`` with fewer than five, a menu task with
    none), placeholder options (``Testtest``), a gold label outside the label space or
    the menu, the label leaked at the end of the prompt (``Answer: A``), an empty user
    question, a chat history cut off mid-sentence, and an ``attitude_cls`` history that
    ends on a user turn (no merchant message to judge).

    Args:
        record: The record.
        task: Its task.

    Returns:
        ``(problems, options)``: the reasons (empty when sound) and the parsed menu.
    """
    human = record.human
    problems: list[str] = []
    gold = record.gt_answer.strip()
    if not human.strip():
        return ["empty prompt: no human turn"], {}
    if not gold:
        problems.append("empty gt_answer")
    options = parse_options(task, human)
    if task.options is not None:
        if not options:
            problems.append("missing options: no answer menu found in the prompt")
        elif task.options == "letters" and len(options) < 5:
            problems.append(
                f"missing options: {len(options)} of 5 standard questions ({', '.join(options)})"
            )
        for label, text in options.items():
            if _re("_PLACEHOLDER").match(text.strip()) or len(text.strip()) < 2:
                problems.append(f"placeholder option {label}: {text.strip()!r}")
        if options and gold and gold not in options:
            problems.append(f"gold {gold!r} is not among the options ({', '.join(options)})")
    elif task.labels and gold and gold not in task.labels:
        problems.append(f"gold {gold!r} is outside the label space ({', '.join(task.labels)})")
    lines = [ln for ln in human.splitlines() if ln.strip()]
    if lines and _re("_LEAK").match(lines[-1]):
        problems.append(f"label leaked in the prompt: {lines[-1].strip()[:40]!r}")
    question = _question(human)
    if question is not None and not question:
        problems.append("empty user question")
    turns = _history_turns(human)
    if task.name == "attitude_cls" and turns and turns[-1][0] in _USER_ROLES:
        problems.append("history ends on a user turn: no merchant message to judge")
    if turns and (_cut_off(turns[-1][1]) or _ends_in_history(task, human)):
        problems.append(f"chat history cut off mid-sentence: ...{turns[-1][1].strip()[-40:]!r}")
    return problems, options


def _label_space(task: PaperTask, options: dict[str, str]) -> tuple[str, ...]:
    if task.open_ended:
        return ()
    if task.options == "letters":
        return tuple(options) or tuple("ABCDE")
    if task.options == "ids":
        return tuple(options) or tuple(str(i) for i in range(1, 9))
    return task.labels


def read_records(
    path: str | Path,
    *,
    tasks: set[str] | None = None,
    on_malformed: OnMalformed = "skip",
) -> tuple[list[PaperRecord], list[Malformed]]:
    """Read and check every record of a release-format file.

    Args:
        path: A JSON-array or JSON Lines file.
        tasks: Env names of the tasks to keep (None for all seven); records of other
            tasks are passed over without being checked.
        on_malformed: ``skip`` leaves malformed records out, ``keep`` keeps those that
            can still be played (a record without an input or an id is always left
            out), ``error`` raises on the first one.

    Returns:
        ``(records, malformed)``: records in file order, and every record reported.

    Raises:
        DataError: Missing or unreadable file.
        MalformedRecordError: A malformed record with ``on_malformed="error"``.
    """
    if on_malformed not in ("skip", "keep", "error"):
        raise ValueError(f"on_malformed must be 'skip', 'keep' or 'error', not {on_malformed!r}")
    path = Path(path)
    records: list[PaperRecord] = []
    malformed: list[Malformed] = []
    seen: dict[str, int] = {}

    def report(bad: Malformed) -> None:
        if on_malformed == "error":
            raise MalformedRecordError(bad)
        malformed.append(bad)

    shared: dict[str, str] = {}  # task prompts repeat: one copy of each, not one per record
    for line, raw in iter_raw_records(path, check=False):
        if isinstance(raw, json.JSONDecodeError):
            field = getattr(raw, "field", None) or ""
            report(Malformed(path, line, f"line {line}", raw.msg, field))
            continue
        rid = str(raw.get("id", "")) if isinstance(raw, dict) else ""
        rid = rid or f"line {line}"
        kind = raw.get("task_type") if isinstance(raw, dict) else None
        task = task_by_type(kind) if isinstance(kind, str) else None
        if task is not None and tasks is not None and task.name not in tasks:
            continue
        found = check_value(raw)
        if found is not None:
            report(Malformed(path, line, f"line {line}", found[1], found[0] or ""))
            continue
        if isinstance(raw, dict):
            for key in ("system", "task_type"):
                value = raw.get(key)
                if isinstance(value, str):
                    raw[key] = shared.setdefault(value, value)
        try:
            record = OfficialRecord.model_validate(raw)
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            report(Malformed(path, line, rid, f"{where}: {err['msg']}", where))
            continue
        if task is None:
            report(Malformed(path, line, rid, f"unknown task_type {kind!r}", "task_type"))
            continue
        if record.id in seen:
            report(
                Malformed(path, line, rid, f"duplicate id (first at line {seen[record.id]})", "id")
            )
            continue
        seen[record.id] = line
        problems, options = record_problems(record, task)
        if problems:
            report(Malformed(path, line, rid, "; ".join(problems), "conversations"))
            if on_malformed == "skip" or not record.human.strip():
                continue
        labels = _label_space(task, options)
        records.append(
            PaperRecord(record, task, labels, options, path, line, problems=tuple(problems))
        )
    return records, malformed


_LAZY_PATTERNS = {
    "_WS": _WS_ARGS,
    "_LETTER_ITEM": _LETTER_ITEM_ARGS,
    "_ID_ITEM": _ID_ITEM_ARGS,
    "_ID_ANCHOR": _ID_ANCHOR_ARGS,
    "_LEAK": _LEAK_ARGS,
    "_PLACEHOLDER": _PLACEHOLDER_ARGS,
    "_TURN": _TURN_ARGS,
    "_QUESTION_SECTION": _QUESTION_SECTION_ARGS,
}
"""Patterns compiled on first use (``import`` stays light): name -> ``re.compile``
arguments."""


@cache
def _re(name: str) -> re.Pattern[str]:
    """The pattern ``name`` of :data:`_LAZY_PATTERNS`, compiled once."""
    return re.compile(*_LAZY_PATTERNS[name])
