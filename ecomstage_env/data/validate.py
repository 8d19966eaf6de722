"""Check a scenario folder the way its users rely on it: schema, policy rules, oracle.

``python -m ecomstage_env.data.validate FOLDER`` prints every problem as
``file:line: case_id: problem`` and exits 1 when there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ecomstage_env.data.loader import load_scenario
from ecomstage_env.errors import DataError

__all__ = ["validate_scenario"]


def validate_scenario(folder: str | Path, *, oracle: bool = True) -> list[str]:
    """Return every problem found in a scenario folder (empty when it is sound).

    Checks: files and fields match their schemas; each case's gold agrees with the
    world's policy rules; and, with ``oracle``, that replaying the gold scores 1.0 on
    every stage.

    Args:
        folder: Scenario folder.
        oracle: Also play every case with the oracle agent.

    Returns:
        Problems, one per line, each naming file and line.
    """
    try:
        scenario = load_scenario(folder)
    except DataError as e:
        return [str(e)]
    problems: list[str] = []
    for case in scenario.cases:
        file, line = scenario.case_lines[case.case_id]
        where = f"{file}:{line}: {case.case_id}"
        world = scenario.new_world(case)
        if world is not None:
            problems += [f"{where}: {p}" for p in world.check_case(case)]
    if oracle:
        from ecomstage_env.agents.baselines import OracleAgent
        from ecomstage_env.env import StagedEnv
        from ecomstage_env.runner import run_episode

        env = StagedEnv(scenario=scenario.folder, split=None)
        agent = OracleAgent()
        for case in scenario.cases:
            file, line = scenario.case_lines[case.case_id]
            result = run_episode(env, agent, case_id=case.case_id)
            for stage, score in result.stage_scores.items():
                if score.value < 1.0:
                    problems.append(
                        f"{file}:{line}: {case.case_id}: oracle scores {score.value:.3f} "
                        f"at {stage}: {score.reason}"
                    )
    return problems


def main(argv: list[str] | None = None) -> int:
    """Validate the folders named on the command line; return 1 if any has a problem."""
    args = sys.argv[1:] if argv is None else argv
    bad = 0
    for folder in args:
        problems = validate_scenario(folder)
        for p in problems:
            print(p)
        print(f"{folder}: {len(problems)} problem(s)")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
