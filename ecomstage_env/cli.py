"""The ``ecomstage`` command line.

Exit codes: 0 success; 1 the command ran and found problems (``validate``); 2 bad
usage, an unknown env/agent/scenario, or unreadable data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal, cast

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from ecomstage_env.agents import AGENT_SPECS, make_agent
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
        str, typer.Option(help=f"Agents, comma-separated: {', '.join(AGENT_SPECS)}.")
    ] = "keyword",
    env: Annotated[str, typer.Option(help="Envs, comma-separated, or 'all'.")] = "all",
    split: Annotated[str, typer.Option(help="Case split.")] = "test",
    limit: Annotated[int | None, typer.Option(help="At most this many cases per env.")] = None,
    context: Annotated[str, typer.Option(help="'agent' or 'gold' context.")] = "agent",
    out: Annotated[Path | None, typer.Option(help="Write episodes as JSON lines here.")] = None,
    base_url: Annotated[
        str | None,
        typer.Option(help="Endpoint of openai:/langchain:openai: agents ($OPENAI_BASE_URL)."),
    ] = None,
) -> None:
    """Play every case of the envs with each agent and print the per-stage score table.

    Model agents: openai:<model> and langchain:openai:<model> reach any OpenAI-compatible
    endpoint (--base-url or OPENAI_BASE_URL, key in OPENAI_API_KEY); local runs
    SmolLM2-135M-Instruct on the CPU, local:<folder or .gguf> another local model.
    """
    envs = list_envs() if env == "all" else [e.strip() for e in env.split(",") if e.strip()]
    try:
        agents = [
            make_agent(a.strip(), **_endpoint(a.strip(), base_url))
            for a in agent.split(",")
            if a.strip()
        ]
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


@app.command("score-predictions")
def score_predictions_command(
    folder: Annotated[
        Path, typer.Argument(help="A model's result folder, or a root with one folder per model.")
    ],
    mode: Annotated[
        str, typer.Option(help="'paper' (official substring rule) or 'strict' (one label).")
    ] = "paper",
    embedding_model: Annotated[
        str | None,
        typer.Option(help="Sentence-transformers folder or cached name for the free-text tasks."),
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores as JSON here.")
    ] = None,
) -> None:
    """Score prediction files in the paper's layout; print the per-task table with Avg.

    Each file holds JSON lines with task_type, pred_ans and gt_ans (as the official
    generation scripts write them). Scores are x100 in the paper's task order.
    """
    from ecomstage_env.data.official import PAPER_TASKS
    from ecomstage_env.scoring.predictions import (
        average,
        model_folders,
        read_predictions,
        score_predictions,
    )

    if mode not in ("paper", "strict"):
        raise _fail(f"--mode must be 'paper' or 'strict', not {mode!r}")
    try:
        folders = model_folders(folder)
        embedder = None
        if embedding_model is not None:
            from ecomstage_env.scoring.embedding import Embedder

            embedder = Embedder(embedding_model)
        scored = {
            name: score_predictions(
                read_predictions(path),
                mode=cast(Literal["paper", "strict"], mode),
                embedder=embedder,
            )
            for name, path in folders.items()
        }
    except EcomstageError as e:
        raise _fail(str(e)) from None
    present = [t for t in PAPER_TASKS if any(t in s for s in scored.values())]
    table = Table(title=f"EComStage paper tasks x100 ({mode} mode)")
    table.add_column("model")
    for t in present:
        table.add_column(PAPER_TASKS[t].title, justify="right")
    table.add_column("Avg", justify="right")
    notes: list[str] = []
    for name, scores in scored.items():
        avg = average(scores)
        table.add_row(
            name,
            *[f"{scores[t].value:.2f}" if t in scores else "-" for t in present],
            "-" if avg is None else f"{avg:.2f}",
        )
        for t, sc in scores.items():
            if sc.rejected:
                notes.append(
                    f"{name}/{t}: {sc.rejected} of {sc.count} outputs are not one label "
                    f"(e.g. {'; '.join(sc.examples)})"
                )
    console.print(table)
    counts = {t: next(s[t].count for s in scored.values() if t in s) for t in present}
    console.print("items: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    if len(present) < len(PAPER_TASKS):
        console.print(f"Avg is over the {len(present)} tasks present, not all seven.")
    if any(PAPER_TASKS[t].open_ended for t in present):
        model_name = embedding_model or "all-MiniLM-L6-v2"
        console.print(
            f"Free-text tasks: cosine with {model_name} (the paper used Qwen3-Embedding-8B)."
        )
    for n in notes:
        console.print(f"[yellow]strict:[/yellow] {n}")
    if json_out is not None:
        payload = {
            "mode": mode,
            "embedding_model": embedding_model or "all-MiniLM-L6-v2",
            "models": {
                name: {
                    "tasks": {t: vars(sc) for t, sc in scores.items()},
                    "avg": average(scores),
                }
                for name, scores in scored.items()
            },
        }
        json_out.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")


def _endpoint(spec: str, base_url: str | None) -> dict[str, str]:
    """``base_url`` for the agent kinds that talk to an endpoint."""
    if base_url and spec.startswith(("openai:", "langchain:openai:")):
        return {"base_url": base_url}
    return {}


def main() -> None:
    """Entry point of the ``ecomstage`` script."""
    app()
