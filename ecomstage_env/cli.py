"""The ``ecomstage`` command line.

Exit codes: 0 success; 1 the command ran and found problems (``validate``); 2 bad
usage or an unknown env/agent/scenario.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, cast

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from ecomstage_env.agents import AGENTS, make_agent
from ecomstage_env.env import StagedEnv
from ecomstage_env.errors import EcomstageError
from ecomstage_env.registry import list_envs, make
from ecomstage_env.report import stage_table
from ecomstage_env.runner import evaluate
from ecomstage_env.stages import EpisodeResult

__all__ = ["app", "main"]

app = typer.Typer(
    help="EComStage environments: evaluate agents stage by stage.", no_args_is_help=True
)
# Piped output (CI logs, `make demo | tee`) still gets a table wide enough to read.
console = Console(width=None if sys.stdout.isatty() else 110)


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}")
    return typer.Exit(2)


@app.command("list")
def list_command() -> None:
    """List the registered envs with orientation, stages and case counts."""
    table = Table(title="ecomstage envs")
    for col in ("env", "orientation", "stages", "test cases", "all cases"):
        table.add_column(col)
    for name in list_envs():
        env = make(name, split=None).unwrapped
        spec = env.spec_data  # type: ignore[attr-defined]
        cases = env.scenario.cases  # type: ignore[attr-defined]
        table.add_row(
            name,
            spec.orientation.value,
            " > ".join(s.stage.value for s in spec.stages),
            str(sum(c.split == "test" for c in cases)),
            str(len(cases)),
        )
    console.print(table)


@app.command("evaluate")
def evaluate_command(
    agent: Annotated[
        str, typer.Option(help=f"Agents, comma-separated: {', '.join(AGENTS)}.")
    ] = "keyword",
    env: Annotated[str, typer.Option(help="Envs, comma-separated, or 'all'.")] = "all",
    split: Annotated[str, typer.Option(help="Case split.")] = "test",
    limit: Annotated[int | None, typer.Option(help="At most this many cases per env.")] = None,
    context: Annotated[str, typer.Option(help="'agent' or 'gold' context.")] = "agent",
    out: Annotated[Path | None, typer.Option(help="Write episodes as JSON lines here.")] = None,
) -> None:
    """Play every case of the envs with each agent and print the per-stage score table."""
    envs = list_envs() if env == "all" else [e.strip() for e in env.split(",") if e.strip()]
    try:
        agents = [make_agent(a.strip()) for a in agent.split(",") if a.strip()]
        made = {name: make(name, split=split, context=context) for name in envs}
    except EcomstageError as e:
        raise _fail(str(e)) from None
    cases: list[int] = [len(cast(StagedEnv, e.unwrapped).cases[:limit]) for e in made.values()]
    total = len(agents) * sum(cases)
    results: list[tuple[str, EpisodeResult]] = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("episodes", total=total)
        for a in agents:
            for r in evaluate(
                a,
                envs,
                split=split,
                limit=limit,
                context=context,
                on_episode=lambda _: progress.advance(task),
            ):
                results.append((a.name, r))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for name, r in results:
                fh.write(
                    json.dumps({"agent": name, **r.model_dump(mode="json")}, ensure_ascii=False)
                    + "\n"
                )
    console.print(
        stage_table(results, title=f"Stage scores x100 ({split} split, {context} context)")
    )


def main() -> None:
    """Entry point of the ``ecomstage`` script."""
    app()
