"""The seven tasks of the EComStage paper as single-checkpoint envs.

``ecomstage.make("intent_recognition")`` plays the project's bundled records;
``data="filtered_data.json"`` (or the ``ECOMSTAGE_DATA`` environment variable) plays
the official release instead. One record is one episode with one checkpoint at the
task's stage. The observation's prompt is the record's system prompt and its human
turn, exactly as the paper's models saw them; the ``gpt`` turn, which repeats the gold,
is never shown.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from ecomstage_env.answers import MAX_TEXT_ANSWER_CHARS
from ecomstage_env.data.jsonl import iter_json_lines
from ecomstage_env.data.loader import Scenario, builtin_scenarios_root
from ecomstage_env.data.schema import (
    Annotation,
    Case,
    DialogueTurn,
    FieldSpec,
    Option,
    ScenarioSpec,
    StageSpec,
)
from ecomstage_env.env import TRAIN_SIZE, ContextMode, StagedEnv, TotalMode
from ecomstage_env.errors import DataError, EcomstageError, did_you_mean
from ecomstage_env.paper.official import (
    PAPER_TASKS,
    Malformed,
    OnMalformed,
    PaperRecord,
    PaperTask,
    read_records,
)
from ecomstage_env.parsing import Answer, ParseError, object_in_text, parse_normalized
from ecomstage_env.scoring.labels import strict_label
from ecomstage_env.scoring.points import Point
from ecomstage_env.stages import ToolCall

GENERATOR_FILE = Path(__file__).with_name("generate.py")
"""The file generated train records name (``ecomstage_env.paper.generate``)."""

if TYPE_CHECKING:
    from ecomstage_env.scoring.embedding import Embedder
    from ecomstage_env.scoring.judge import LLMJudge

__all__ = [
    "DATA_ENV_VAR",
    "PaperData",
    "PaperTaskEnv",
    "ScoringMode",
    "bundled_paper_data",
    "load_paper_task",
    "resolve_paper_data",
    "with_train_split",
]

ScoringMode = Literal["strict", "paper"]
"""``strict``: the output must be one label. ``paper``: the official substring rule."""

DATA_ENV_VAR = "ECOMSTAGE_DATA"
"""Environment variable naming the official data file used when ``data`` is not given."""

ANSWER = "answer"
"""Name of the single answer field of every paper task."""

_OFFICIAL_ANNOTATORS = ["EComStage release (arXiv 2601.02752)"]


def bundled_paper_data() -> Path:
    """Return the folder of the project's own records (one ``<task>.jsonl`` per task)."""
    return builtin_scenarios_root() / "paper_tasks"


def resolve_paper_data(data: str | Path | None) -> Path:
    """Return the data file or folder to read: ``data``, else ``$ECOMSTAGE_DATA``, else bundled.

    Raises:
        DataError: The path does not exist.
    """
    chosen = data if data is not None else os.environ.get(DATA_ENV_VAR) or bundled_paper_data()
    path = Path(chosen).expanduser().resolve()
    if not path.exists():
        source = "data" if data is not None else DATA_ENV_VAR
        raise DataError(path, f"paper-task data not found (from {source})")
    return path


def _files(path: Path, task: str | None = None) -> list[Path]:
    """The files to read: the file itself; in a folder ``<task>.jsonl``, else every one."""
    if path.is_file():
        return [path]
    if task is not None and (path / f"{task}.jsonl").is_file():
        return [path / f"{task}.jsonl"]
    files = sorted(p for p in path.iterdir() if p.suffix in (".json", ".jsonl") and p.is_file())
    if not files:
        raise DataError(path, "no .json or .jsonl files in this folder")
    return files


@dataclass(frozen=True)
class PaperData:
    """The records of one task read from one source.

    Attributes:
        task: The task.
        source: File or folder read.
        records: Playable records, in file order.
        malformed: Every record reported as malformed (skipped or kept).
        points: Required points of free-text records by id, read from
            ``points/<task>.jsonl`` beside the records (the bundled data has them; the
            official release does not).
    """

    task: PaperTask
    source: Path
    records: tuple[PaperRecord, ...]
    malformed: tuple[Malformed, ...]
    points: dict[str, tuple[Point, ...]]

    def record(self, record_id: str) -> PaperRecord:
        """Return a record by id.

        Raises:
            KeyError: No such record.
        """
        for r in self.records:
            if r.record.id == record_id:
                return r
        raise KeyError(record_id)


def _option_code(task: PaperTask, label: str, text: str) -> str:
    # Letters of a query_match menu mean nothing across records; the standard question
    # they stand for does (shortcut audits learn per question, not per letter).
    return " ".join(text.lower().split()) if task.options == "letters" and text else label


def _case(rec: PaperRecord, bundled: bool, grading: dict[str, Any], split: str = "test") -> Case:
    task, record = rec.task, rec.record
    options = {
        ANSWER: [
            Option(
                id=lab,
                text=rec.options.get(lab, lab),
                code=_option_code(task, lab, rec.options.get(lab, "")),
            )
            for lab in rec.labels
        ]
    }
    if split == "train":
        annotation = Annotation(
            annotators=["ecomstage_env.paper.generate (labels by construction)"],
            agreement=None,
            notes="generated train record; see scenarios/paper_tasks/DATA_CARD.md",
        )
    elif bundled:
        annotation = Annotation(
            annotators=["ecomstage project"],
            agreement=None,
            notes="see scenarios/paper_tasks/DATA_CARD.md",
        )
    else:
        annotation = Annotation(annotators=_OFFICIAL_ANNOTATORS, notes="; ".join(rec.problems))
    return Case(
        case_id=record.id,
        scenario=task.name,
        orientation=task.orientation,
        dialogue=[DialogueTurn(role="user", text=record.human)],
        options=options if rec.labels else {},
        gold={task.stage: {ANSWER: record.gt_answer.strip()}},
        grading={f"{task.stage.value}.{ANSWER}": grading} if grading else {},
        annotation=annotation,
        split="train" if split == "train" else "test",
    )


def _read_points(source: Path, task: str) -> dict[str, tuple[Point, ...]]:
    """Required points of a task's records: ``points/<task>.jsonl`` in the data folder."""
    path = (source if source.is_dir() else source.parent) / "points" / f"{task}.jsonl"
    if not path.is_file():
        return {}
    out: dict[str, tuple[Point, ...]] = {}
    for n, raw in iter_json_lines(path, what="points file"):
        try:
            out[str(raw["id"])] = tuple(Point.model_validate(p) for p in raw["points"])
        except (KeyError, TypeError, ValidationError) as e:
            raise DataError(path, f"not a points line: {e}", line=n) from None
    return out


@cache
def _load(task: str, source: Path, stamp: tuple[int, ...], on_malformed: OnMalformed) -> PaperData:
    del stamp  # part of the cache key only: a changed file is read again
    records: list[PaperRecord] = []
    malformed: list[Malformed] = []
    for file in _files(source, task):
        got, bad = read_records(file, tasks={task}, on_malformed=on_malformed)
        records += got
        malformed += bad
    points = _read_points(source, task) if PAPER_TASKS[task].open_ended else {}
    return PaperData(PAPER_TASKS[task], source, tuple(records), tuple(malformed), points)


def load_paper_task(
    task: str, data: str | Path | None = None, on_malformed: OnMalformed = "skip"
) -> PaperData:
    """Read the records of one paper task (cached per file version).

    Args:
        task: Env name of the task, e.g. ``"intent_recognition"``.
        data: Release-format file or folder; ``$ECOMSTAGE_DATA`` or the bundled records
            when None.
        on_malformed: ``skip``, ``keep`` or ``error`` (see
            :func:`~ecomstage_env.paper.official.read_records`).

    Returns:
        The task's records.

    Raises:
        EcomstageError: Unknown task.
        DataError: Missing or unreadable data, or no record of the task.
        MalformedRecordError: A malformed record with ``on_malformed="error"``.
    """
    if task not in PAPER_TASKS:
        raise EcomstageError(f"no paper task {task!r}.{did_you_mean(task, PAPER_TASKS)}")
    source = resolve_paper_data(data)
    stamp = tuple(f.stat().st_mtime_ns for f in _files(source, task))
    loaded = _load(task, source, stamp, on_malformed)
    if not loaded.records:
        raise DataError(
            source,
            f"no {task} records"
            + (f" ({len(loaded.malformed)} malformed ones left out)" if loaded.malformed else ""),
        )
    return loaded


def with_train_split(data: PaperData, n: int = TRAIN_SIZE, seed: int = 0) -> PaperData:
    """The task's train split: generated records kept apart from ``data``'s test records.

    Args:
        data: The task's test records (bundled or official); generated records that are
            near-duplicates of them, or of the bundled ones, are drawn again.
        n: Train records (``train_size``).
        seed: The split's seed (``train_seed``).

    Returns:
        Data holding only the train records (and their required points).

    Raises:
        EcomstageError: ``n`` < 1 or ``seed`` < 0.
        DataError: A generated record fails the release checks (a generator bug).
    """
    from ecomstage_env.paper.generate import train_records

    tests = [r.record.human for r in data.records]
    if data.source != bundled_paper_data().resolve():
        tests += [r.record.human for r in load_paper_task(data.task.name).records]
    records, points = train_records(data.task.name, n, seed, tests=tests)
    return replace(data, records=records, malformed=(), points=points)


_SCENARIOS: dict[tuple[int, bool, str], tuple[PaperData, Scenario]] = {}
"""Each task's scenario by (its data's id, judged, scoring), with the data it was built
from (held, so that the id is not reused): the data are :func:`load_paper_task`'s,
cached per file version themselves."""

_INSTRUCTIONS = {
    "accuracy": "Answer with the label only.",
    "cosine": "Answer with the text only.",
}


class PaperTaskEnv(StagedEnv):
    """One task of the EComStage paper: one record per episode, one checkpoint.

    ## Description
    The seven tasks of the paper - ``query_rewrite``, ``attitude_cls``, ``query_match``,
    ``intent_recognition`` (Perception), ``scenario_route`` (Planning),
    ``solution_decision`` and ``rag_qa`` (Action) - on the project's bundled records or
    on the official release. The episode has the single checkpoint of the task's stage.

    ## Observation
    As :class:`~ecomstage_env.env.StagedEnv`; ``prompt`` is the record's system prompt
    and human turn, verbatim. ``answer_schema`` asks for ``{"answer": ...}`` with the
    record's label space as ``enum`` (intent 1-7, attitude 0/1, route A-F, the
    query_match letters and solution ids present in the record). There are no tools.

    ## Action
    The model's raw output (``"4"``), or ``{"answer": ...}`` as a dict, as JSON text, or
    as a pydantic model.

    ## Rewards
    The task score in [0, 1]. Label tasks: ``scoring="strict"`` parses the output as
    exactly one label (anything else scores 0 and ``info["error"]`` says why);
    ``scoring="paper"`` applies the official rule (gold is a substring of the output),
    which ``"1234567"`` passes on every intent record: to train under it, wrap the env
    with :class:`ecomstage_env.rl.wrappers.NoMultiLabelCredit` (part of
    :func:`~ecomstage_env.rl.wrappers.wrap_rewards`).
    Free-text tasks: cosine similarity of sentence embeddings (clipped at 0), or an LLM
    judge's 0/1/2 verdict halved when ``judge`` is given.

    ## Episode End
    After the one answer. ``info["episode"]`` as in every env.

    ## Arguments
    - ``task``: one of the seven task names.
    - ``data``: release-format file or folder (default ``$ECOMSTAGE_DATA``, else bundled).
    - ``on_malformed``: ``"skip"`` (default; a warning lists what was left out),
      ``"keep"`` (score them as the paper did) or ``"error"``.
    - ``scoring``: ``"strict"`` (default) or ``"paper"``.
    - ``split``: ``"test"`` plays the records of ``data``; ``"train"`` plays records
      generated apart from them (:mod:`ecomstage_env.paper.generate`: template text with
      labels by construction, never a near-duplicate of a test record).
    - ``train_size``, ``train_seed``: how many train records (default 256) and from which
      seed (default 0); the same seed gives the same records.
    - ``context``, ``embedder``, ``judge``, ``render_mode``, ``reward_weights``,
      ``total``: as :class:`~ecomstage_env.env.StagedEnv` (with one checkpoint, both
      contexts play the same).

    ## Version History
    - v0: initial release.
    """

    answer_format = "text"

    def __init__(
        self,
        task: str = "intent_recognition",
        *,
        data: str | Path | None = None,
        on_malformed: OnMalformed = "skip",
        scoring: ScoringMode = "strict",
        split: str | None = "test",
        train_size: int = TRAIN_SIZE,
        train_seed: int = 0,
        context: ContextMode = "agent",
        embedder: Embedder | None = None,
        judge: LLMJudge | None = None,
        render_mode: str | None = None,
        reward_weights: dict[str, float] | None = None,
        total: TotalMode = "mean",
    ) -> None:
        if scoring not in ("strict", "paper"):
            raise EcomstageError(f"scoring must be 'strict' or 'paper', not {scoring!r}")
        self.paper_data = load_paper_task(task, data, on_malformed)
        self.task = self.paper_data.task
        self.scoring: ScoringMode = scoring
        self.on_malformed: OnMalformed = on_malformed
        self.malformed = self.paper_data.malformed
        if self.malformed and on_malformed == "skip":
            shown = "; ".join(str(m) for m in self.malformed[:3])
            more = f" and {len(self.malformed) - 3} more" if len(self.malformed) > 3 else ""
            warnings.warn(
                f"{task}: left out {len(self.malformed)} malformed record(s): {shown}{more} "
                "(env.unwrapped.malformed lists them; on_malformed='keep' scores them)",
                stacklevel=2,
            )
        if split == "train":
            self.paper_data = with_train_split(self.paper_data, train_size, train_seed)
        self._by_record = {r.record.id: r for r in self.paper_data.records}
        super().__init__(
            self._shared_scenario(judged=judge is not None, cached=split != "train"),
            split=split,
            context=context,
            reward_weights=reward_weights,
            total=total,
            render_mode=render_mode,
            embedder=embedder,
            judge=judge,
        )

    def _text_scoring(self, judged: bool) -> tuple[str, dict[str, Any]]:
        """Scorer and per-task parameters of a free-text task."""
        if judged:
            return "judge", {
                "judge_prompt": "rewrite" if self.task.name == "query_rewrite" else "reply"
            }
        data = self.paper_data
        if (
            self.scoring == "strict"
            and data.points
            and all(r.record.id in data.points for r in data.records)
        ):
            if self.task.name == "query_rewrite":
                return "points", {"max_length_ratio": 2.0}
            return "points", {"max_words": 200, "max_figures": 6}
        return "cosine", {}

    def _shared_scenario(self, *, judged: bool, cached: bool) -> Scenario:
        """:meth:`_scenario`, built once per data, scoring and judging (when ``cached``).

        Every env of a task on the same data plays the same cases: a run that makes an
        env per episode in flight (64 at ``concurrency=64``) checks them once, not once
        per env. A scenario env's :class:`Scenario` is shared the same way (see
        :func:`~ecomstage_env.data.loader.load_scenario`); a train split's generated
        data is made per env, and so is its scenario.
        """
        if not cached:
            return self._scenario(judged=judged)
        data = self.paper_data
        key = (id(data), judged, self.scoring)
        kept = _SCENARIOS.get(key)
        if kept is None or kept[0] is not data:
            kept = _SCENARIOS[key] = (data, self._scenario(judged=judged))
        return kept[1]

    def _scenario(self, *, judged: bool) -> Scenario:
        task = self.task
        grading: dict[str, dict[str, Any]] = {}
        if task.open_ended:
            scorer, params = self._text_scoring(judged)
            field = FieldSpec(
                name=ANSWER,
                type="text",
                description="Your answer text.",
                scorer=scorer,
                params=params,
            )
            if scorer == "points":
                grading = {
                    rid: {
                        "points": [p.model_dump(by_alias=True, exclude_defaults=True) for p in pts]
                    }
                    for rid, pts in self.paper_data.points.items()
                }
        elif self.scoring == "paper":
            field = FieldSpec(
                name=ANSWER,
                type="text",
                description="The label, as the task prompt asks.",
                scorer="paper_match",
            )
        else:
            field = FieldSpec(
                name=ANSWER,
                type="label",
                description="Exactly one label, as the task prompt asks.",
                scorer="label",
                labels_from="options",
            )
        source = self.paper_data.source
        spec = ScenarioSpec(
            name=task.name,
            title=f"EComStage paper task: {task.title}",
            description=f"{task.title} ({task.stage.value}, {task.orientation.value})",
            orientation=task.orientation,
            system_prompt="",
            case_files=[str(source)],
            stages=[
                StageSpec(stage=task.stage, instruction=_INSTRUCTIONS[task.metric], fields=[field])
            ],
        )
        bundled = source == bundled_paper_data().resolve()
        cases = tuple(
            _case(
                r,
                bundled,
                grading.get(r.record.id, {}),
                "train" if r.path == GENERATOR_FILE else "test",
            )
            for r in self.paper_data.records
        )
        return Scenario.from_cases(source, spec, cases)

    # -- prompt: the record, verbatim ---------------------------------------------------------
    def _record(self) -> PaperRecord:
        return self._by_record[self.case.case_id]

    def _system_text(self, stage: StageSpec, schema: dict[str, Any]) -> str:
        return self._record().record.system

    def _user_text(self, stage: StageSpec) -> str:
        return self._record().record.human

    def _base_info(self) -> dict[str, Any]:
        info = super()._base_info()
        info.update(task_type=self.task.task_type, scoring=self.scoring)
        return info

    # -- answers: raw text is the answer ------------------------------------------------------
    def _parse(self, action: Any, stage: StageSpec) -> ToolCall | Answer | ParseError:
        """Raw text is the answer; ``{"answer": ...}`` (dict, JSON text, model) too.

        In paper mode a label answer given as text is kept whole, as the official
        script saw it; otherwise a JSON object with an ``answer`` key is unwrapped.
        """
        strict = self.scoring == "strict" and not self.task.open_ended
        if isinstance(action, str):
            stripped = action.strip()
            opens = stripped.startswith(("{", "```"))
            obj = object_in_text(stripped, self._read_repairs) if opens else None
            if isinstance(obj, dict) and ANSWER in obj and (strict or self.task.open_ended):
                parsed: ToolCall | Answer | ParseError = Answer(obj)
            else:
                parsed = Answer(
                    {ANSWER: action if not strict and not self.task.open_ended else stripped}
                )
        else:
            parsed = parse_normalized(action, self._read_repairs)
        given = parsed.fields.get(ANSWER) if isinstance(parsed, Answer) else None
        short = isinstance(given, str) and len(given) <= MAX_TEXT_ANSWER_CHARS
        if strict and isinstance(parsed, Answer) and isinstance(given, str) and short:
            rec = self._record()
            label = strict_label(given, rec.labels, rec.options)
            if label is not None:
                parsed = Answer({**parsed.fields, ANSWER: label})
        return parsed
