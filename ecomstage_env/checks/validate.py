"""Check data the way its users rely on it: scenario folders, case files, release files.

``ecomstage validate PATH`` (or ``python -m ecomstage_env.checks.validate PATH``) prints
every problem as ``file:line: ...`` and exits 1 when there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import ValidationError

from ecomstage_env.agents.baselines import OracleAgent
from ecomstage_env.data.jsonl import LineError, iter_json_lines, open_text
from ecomstage_env.data.loader import PreparedCase, Scenario, read_scenario_source
from ecomstage_env.data.schema import Case
from ecomstage_env.env import StagedEnv
from ecomstage_env.errors import DataError
from ecomstage_env.paper.official import read_records
from ecomstage_env.runner.episode import play_episode
from ecomstage_env.scoring.points import PointsParams, echoed_points
from ecomstage_env.stages import Stage

__all__ = ["check_cases", "validate_path", "validate_scenario"]


def _echo_problems(scenario: Scenario, case: Case) -> list[str]:
    """Required points the user's own words already state (see ``PointsParams.echo_check``)."""
    turns = case.user_turns()
    problems = []
    for key, params in scenario.params[case.case_id].items():
        if not isinstance(params, PointsParams):
            continue
        stage, name = key.split(".", 1)
        reference = case.gold.get(Stage(stage), {}).get(name)
        echoed = echoed_points(params, turns, str(reference) if reference else None)
        if params.echo_check == "all":
            problems += [
                f"grading.{key}: point {p.label()!r} is met by the user's own words "
                "(echoing the user would earn it)"
                for p in echoed
            ]
        elif len(echoed) * 2 > len(params.points):
            problems.append(
                f"grading.{key}: the last user turn alone meets {len(echoed)} of "
                f"{len(params.points)} points (a rewrite must add what the context resolves)"
            )
    return problems


CHUNK_CASES = 256
"""Cases held in memory at once while a scenario folder is validated."""

MAX_PROBLEMS = 1000
"""Problems listed per file; beyond them, one line says how many more there are."""


def validate_scenario(folder: str | Path, *, oracle: bool = True) -> list[str]:
    """Return every problem found in a scenario folder (empty when it is sound).

    Checks: files and fields match their schemas, scorer names, grading keys and
    parameters fit; each case's gold agrees with the spec's policy check; no required
    point is met by echoing the user; and, with ``oracle``, replaying the gold scores
    1.0 on every stage. Cases are streamed, :data:`CHUNK_CASES` at a time, so a case
    file of any size is checked in bounded memory; a case that is wrong is reported and
    the others are still checked.

    Args:
        folder: Scenario folder.
        oracle: Also play every case with the oracle agent.

    Returns:
        Problems, one per line, each naming file and line.
    """
    try:
        source = read_scenario_source(folder)
    except DataError as e:
        return [str(e)]
    problems = _Problems()
    chunk: list[tuple[Path, int, PreparedCase]] = []
    cases = 0
    try:
        for file, line, item in source.iter_cases(tolerant=True):
            if isinstance(item, DataError):
                problems.add(str(item))
                continue
            cases += 1
            chunk.append((file, line, item))
            if len(chunk) == CHUNK_CASES:
                problems.extend(check_cases(source.with_cases(chunk), oracle=oracle))
                chunk = []
    except DataError as e:  # a case file that cannot be read at all
        problems.add(str(e))
    if chunk:
        problems.extend(check_cases(source.with_cases(chunk), oracle=oracle))
    if not cases and not problems.count:
        problems.add(str(DataError(source.folder / source.spec.case_files[0], "no cases")))
    return problems.lines()


class _Problems:
    """Problem lines, the first :data:`MAX_PROBLEMS` kept, the rest counted."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.count = 0

    def add(self, line: str) -> None:
        self.count += 1
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(line if len(line) <= 2000 else line[:2000] + " ...")

    def extend(self, lines: list[str]) -> None:
        for line in lines:
            self.add(line)

    def lines(self) -> list[str]:
        more = self.count - len(self.kept)
        return self.kept + ([f"... and {more} more problem(s) not listed"] if more else [])


def check_cases(scenario: Scenario, *, split: str | None = None, oracle: bool = True) -> list[str]:
    """Policy, echo and (with ``oracle``) oracle-replay problems of a loaded scenario's cases.

    What ``validate`` checks on every case, for cases already loaded (generated train
    cases: ``check_cases(with_train_split(scenario, n), split="train")``).

    Args:
        scenario: The loaded scenario.
        split: Check only this split's cases (None for all).
        oracle: Also replay every case's gold with the oracle agent (1.0 expected).

    Returns:
        Problems, one per line, each naming file, line and case.
    """
    problems: list[str] = []
    cases = scenario.split(split)
    for case in cases:
        file, line = scenario.case_lines[case.case_id]
        where = f"{file}:{line}: {case.case_id}"
        world = scenario.new_world(case)
        found = scenario.policy(world, case) if scenario.policy and world is not None else []
        problems += [f"{where}: {p}" for p in [*found, *_echo_problems(scenario, case)]]
    if oracle:
        env = StagedEnv(scenario=scenario, split=None)
        agent = OracleAgent()
        for case in cases:
            file, line = scenario.case_lines[case.case_id]
            result = play_episode(env, agent, case_id=case.case_id).result
            for stage, score in result.stage_scores.items():
                if score.value < 1.0:
                    problems.append(
                        f"{file}:{line}: {case.case_id}: oracle scores {score.value:.3f} "
                        f"at {stage}: {score.reason}; {score.explanation}"
                    )
        env.close()
    return problems


def _case_file_problems(path: Path) -> list[str]:
    """Every line of a case file that does not match the case schema (all, not the first).

    Streams the file: one line in memory at a time, whatever its size.

    Raises:
        DataError: The file cannot be read as UTF-8 text, or holds no record.
    """
    problems = _Problems()
    seen: dict[str, int] = {}
    records = 0
    for n, raw in iter_json_lines(path, what="case file", tolerant=True):
        records += 1
        if isinstance(raw, LineError):
            where = f"field '{raw.field}': " if raw.field else ""
            problems.add(f"{path}:{n}: {where}{raw.msg}")
            continue
        if not isinstance(raw, dict):
            problems.add(f"{path}:{n}: not a JSON object (a {type(raw).__name__})")
            continue
        try:
            case = Case.model_validate(raw)
        except ValidationError as e:
            problems.extend(
                [
                    f"{path}:{n}: field '{'.'.join(str(p) for p in err['loc'])}': {err['msg']}"
                    for err in e.errors(include_url=False, include_input=False)
                ]
            )
            continue
        if case.case_id in seen:
            problems.add(f"{path}:{n}: field 'case_id': duplicate of line {seen[case.case_id]}")
        seen.setdefault(case.case_id, n)
    if not records:
        raise DataError(path, "no records (the case file is empty)")
    return problems.lines()


def _is_release_file(path: Path) -> bool:
    """Whether a .json/.jsonl file holds release-format records (they have a task_type).

    Raises:
        DataError: The file cannot be read as UTF-8 text.
    """
    with open_text(path, "data file") as fh:
        head = fh.read(65536)
    return '"task_type"' in head


def validate_path(path: str | Path) -> list[str]:
    """Return every problem found in a scenario folder, a case file or a release file.

    - A folder with ``spec.toml``: :func:`validate_scenario`.
    - A release-format file (``filtered_data.json``, JSON array or JSONL), or a folder
      of them: every malformed record by file, line, id, field and reason.
    - A JSON Lines case file: every line that does not match the case schema.

    Args:
        path: What to check.

    Returns:
        Problems, one per line, each naming file and line.

    Raises:
        DataError: The path does not exist or is of no known kind.
    """
    path = Path(path)
    if path.is_dir() and (path / "spec.toml").is_file():
        return validate_scenario(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".json", ".jsonl"))
        if not files:
            raise DataError(
                path, "neither a scenario folder (spec.toml) nor a folder of data files"
            )
        return [p for f in files for p in validate_path(f)]
    if not path.exists():
        raise DataError(path, "no such file or folder")
    if not path.is_file():
        raise DataError(path, "not a regular file (a device, pipe or socket)")
    if _is_release_file(path):
        _, bad = read_records(path, on_malformed="skip")
        return [
            f"{b.path}:{b.line}: {b.id}: " + (f"field '{b.field}': " if b.field else "") + b.reason
            for b in bad
        ]
    if path.suffix == ".jsonl":
        return _case_file_problems(path)
    raise DataError(path, "not a scenario folder, a case file (.jsonl) or a release-format file")


def main(argv: list[str] | None = None) -> int:
    """Validate the paths named on the command line; return 1 if any has a problem."""
    args = sys.argv[1:] if argv is None else argv
    bad = 0
    for folder in args:
        problems = validate_path(folder)
        for p in problems:
            print(p)
        print(f"{folder}: {len(problems)} problem(s)")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
