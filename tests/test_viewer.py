"""``ecomstage view``: the page, checked in a real browser (headless Chromium).

The runs are made with ``ecomstage evaluate``: the oracle, random and keyword agents in
both contexts, the majority agent on one env only (so the overall must leave an env
out), and an OpenAI-compatible agent at a local test server whose every answer is
hostile HTML (``<script>``, an ``<img onerror>``), which must render as text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from ecomstage_env.cli import app
from ecomstage_env.report.aggregate import load_records, summarize_records
from ecomstage_env.report.viewer import build_view_data, error_kind, render_html, serve
from tests.servers import chat_server

ENVS = "merchant_promotion,intent_recognition"
HOSTILE = (
    "<script>document.body.setAttribute('data-pwned','1')</script>"
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">"
)


def _hostile(body: dict[str, Any]) -> dict[str, Any]:
    """A model that puts HTML with script into every answer it gives."""
    system = next((m.get("content") or "" for m in body["messages"] if m["role"] == "system"), "")
    if "Current stage: perception" in system and "rewritten_query" in system:
        answer = {"rewritten_query": HOSTILE, "entities": {"campaign_id": None, "metric": None}}
        return {"content": json.dumps(answer)}
    if "Current stage: planning" in system:
        return {"content": json.dumps({"route": "A"})}
    if "Current stage: action" in system and "decision" in system:
        return {"content": json.dumps({"decision": "1", "reply": HOSTILE})}
    return {"content": HOSTILE}


def _evaluate(*args: str) -> None:
    res = CliRunner().invoke(app, ["evaluate", *args])
    assert res.exit_code == 0, res.output


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("view")
    out = {"baselines": root / "baselines", "hostile": root / "hostile", "one": root / "one"}
    _evaluate(
        *("--agent", "oracle,random,keyword", "--env", ENVS, "--limit", "2"),
        *("--context", "both", "--out", str(out["baselines"])),
    )
    _evaluate(
        *("--agent", "majority", "--env", "intent_recognition", "--limit", "2"),
        *("--out", str(out["one"])),
    )
    with chat_server(_hostile) as server:
        _evaluate(
            *("--agent", "openai:hostile", "--env", ENVS, "--limit", "1", "--no-cache"),
            *("--base-url", server.base_url, "--out", str(out["hostile"])),
        )
    return out


@pytest.fixture(scope="module")
def page(runs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("page") / "view.html"
    res = CliRunner().invoke(
        app,
        [
            "view",
            str(runs["baselines"]),
            str(runs["one"]),
            str(runs["hostile"]),
            "--out",
            str(target),
        ],
    )
    assert res.exit_code == 0, res.output
    assert target.is_file()
    return target


@pytest.fixture(scope="module")
def data(runs: dict[str, Path]) -> dict[str, Any]:
    return build_view_data([runs["baselines"], runs["one"], runs["hostile"]])


def _find(data: dict[str, Any], **where: Any) -> dict[str, Any]:
    return next(e for e in data["episodes"] if all(e[k] == v for k, v in where.items()))


# -- the data -------------------------------------------------------------------------------


def test_overall_is_over_the_envs_every_agent_ran(data: dict[str, Any]) -> None:
    lb = data["leaderboard"]
    assert lb["envs"] == ["intent_recognition", "merchant_promotion"]
    assert lb["common"] == ["intent_recognition"]  # majority ran only that one
    assert set(lb["agents"]) == {"oracle", "random", "keyword", "majority", "openai:hostile"}
    assert lb["overall"]["oracle"]["envs"] == 1 and lb["overall"]["oracle"]["total"]["mean"] == 100
    # The same intervals as summary.json's, on the common envs and agent context.
    recs = [
        r
        for r in load_records(data["runs"][0]["path"])
        if r.env == "intent_recognition" and r.context == "agent"
    ]
    assert lb["overall"]["random"] == summarize_records(recs)["overall"]["random"]
    assert lb["cells"]["oracle\tmerchant_promotion"]["mean"] == 100


def test_episodes_keep_the_whole_trajectory_with_gold(
    data: dict[str, Any], runs: dict[str, Path]
) -> None:
    records = load_records(runs["baselines"])
    assert len([e for e in data["episodes"] if e["run"] == 0]) == len(records)
    for e, r in zip(data["episodes"], records, strict=False):
        assert sum(len(s["steps"]) for s in e["stages"]) == len(r.steps)
    oracle = _find(data, agent="oracle", env="merchant_promotion", context="agent")
    kinds = [st["kind"] for s in oracle["stages"] for st in s["steps"]]
    assert "tool_call" in kinds and kinds.count("answer") == 3
    calls = [st for s in oracle["stages"] for st in s["steps"] if st["kind"] == "tool_call"]
    assert all(data["pool"][st["result"]] for st in calls)  # every call has its result
    gold = data["gold"]["merchant_promotion"][oracle["case"]]
    assert set(gold) == {"perception", "planning", "action"}
    rnd = _find(data, agent="random", env="merchant_promotion", context="agent")
    assert rnd["failed"] and rnd["scores"]["perception"]["explanation"]
    # Agent vs gold context: only the env of several stages; in gold context the later
    # stage is shown the gold earlier answer, in agent context the agent's own.
    assert {(c["agent"], c["env"]) for c in data["contexts"]} == {
        (a, "merchant_promotion") for a in ("oracle", "random", "keyword")
    }
    rnd_gold = _find(
        data, agent="random", env="merchant_promotion", case=rnd["case"], context="gold"
    )
    told = {
        e["context"]: json.dumps([data["pool"][i] for i in e["stages"][1]["context"]])
        for e in (rnd, rnd_gold)
    }
    gold_query = json.dumps(
        data["gold"]["merchant_promotion"][rnd["case"]]["perception"]["rewritten_query"]
    )[1:-1]
    assert gold_query in told["gold"] and gold_query not in told["agent"]
    hostile = _find(data, agent="openai:hostile", env="intent_recognition")
    assert hostile["error_kinds"] == ["invalid answer"]
    assert hostile["usage"]["perception"]["prompt_tokens"] > 0


def test_error_kinds() -> None:
    assert error_kind("tool budget of 2 at planning exceeded") == "budget exceeded"
    assert error_kind("planning: tool error: unknown tool 'x'") == "tool error"
    assert error_kind("action: invalid answer: decision: '9' is not one of 1, 2") == (
        "invalid answer"
    )
    assert error_kind("perception: no JSON object found") == "unparsable output"


def test_embedded_data_cannot_close_the_script(data: dict[str, Any]) -> None:
    html = render_html(data)
    assert len(re.findall(r"<script", html)) == 2  # the page's own two, nothing from the data
    assert "<img src=x" not in html and "</script><img" not in html
    assert "\\u003cscript\\u003e" in html
    assert "http://" not in html.replace("http://127.0.0.1", "") and "https://" not in html


def test_cli_view_defaults_folder_out_and_errors(runs: dict[str, Path], tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["view", str(runs["one"])])
    assert res.exit_code == 0, res.output
    assert (runs["one"] / "view.html").is_file()
    res = CliRunner().invoke(app, ["view", str(runs["one"]), "--out", str(tmp_path / "site")])
    assert res.exit_code == 0 and (tmp_path / "site" / "index.html").is_file()
    res = CliRunner().invoke(app, ["view", str(tmp_path)])
    assert res.exit_code == 2 and "no episodes.jsonl" in res.output


def test_serve_on_loopback(page: Path) -> None:
    httpd, url = serve(page, port=0)
    assert url.startswith("http://127.0.0.1:") and url.endswith("/view.html")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert resp.read() == page.read_bytes()
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_cli_view_serve(runs: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    cmd = [sys.executable, "-c", "from ecomstage_env.cli import main; main()", "view"]
    cmd += [str(runs["one"]), "--out", str(target), "--serve", "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        url = ""
        for line in proc.stdout:
            found = re.search(r"serving (http://127\.0\.0\.1:\d+/page\.html)", line)
            if found:
                url = found.group(1)
                break
        assert url, "no URL printed"
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert resp.read() == target.read_bytes()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# -- in a real browser ---------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        "Chromium is not installed and could not be installed here "
        "(`make test` runs `make chromium`: apt-get install chromium, as root)"
    )


def _browse(
    page: Path, tmp_path: Path, *args: str, fragment: str = ""
) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [
        _chromium(),
        *("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"),
        *("--disable-background-networking", "--disable-component-update", "--disable-sync"),
        f"--user-data-dir={profile}",
        "--hide-scrollbars",
        "--virtual-time-budget=5000",
        *args,
        page.resolve().as_uri() + fragment,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def _dom(page: Path, tmp_path: Path, fragment: str) -> str:
    dom = _browse(page, tmp_path, "--dump-dom", fragment=fragment).stdout
    assert 'data-ready="1"' in dom, dom[-2000:]  # the script ran to its end
    return dom


def test_browser_renders_leaderboard_and_a_hostile_trajectory_as_text(
    page: Path, data: dict[str, Any], tmp_path: Path
) -> None:
    ep = _find(data, agent="openai:hostile", env="merchant_promotion")
    dom = _dom(page, tmp_path, f"#episode={ep['id']}")
    board = dom[dom.index('id="leaderboard-table"') : dom.index('id="leaderboard-note"')]
    for agent in ("oracle", "random", "keyword", "majority", "openai:hostile"):
        assert f'data-agent="{agent}"' in board
    assert "overall (1 common env)" in board
    assert "Not in the overall (not run by every agent): merchant_promotion" in dom
    assert 'class="env-table" data-env="merchant_promotion"' in dom
    assert 'id="contexts-table"' in dom
    view = dom[dom.index('id="episode-view"') :]
    assert ep["case"] in view and view.count('class="stage"') == 3
    # The hostile answer is there, as text: escaped in the DOM, and it never ran.
    assert "&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;" in view
    assert "&lt;img src=x onerror=" in view
    assert "data-pwned=" not in dom and "<img" not in dom
    # Score, reason, the grader's explanation and the gold beside the answer; usage.
    assert 'class="value stage-score"' in view and "reason: " in view
    assert 'class="explanation"' in view and 'class="gold-answer"' in view
    assert "11 in / 7 out tokens" in view


def test_browser_shows_tool_calls_and_results(
    page: Path, data: dict[str, Any], tmp_path: Path
) -> None:
    ep = _find(data, agent="oracle", env="merchant_promotion", context="agent")
    dom = _dom(page, tmp_path, f"#episode={ep['id']}")
    view = dom[dom.index('id="episode-view"') :]
    assert "get_campaign" in view and 'class="tool-result"' in view
    assert "C-" in view.split('class="tool-result"')[1][:400]


def test_browser_side_by_side_and_contexts(
    page: Path, data: dict[str, Any], tmp_path: Path
) -> None:
    a = _find(data, agent="oracle", env="merchant_promotion", context="agent")
    b = _find(data, agent="random", env="merchant_promotion", case=a["case"], context="agent")
    dom = _dom(page, tmp_path, f"#compare={a['id']},{b['id']}")
    view = dom[dom.index('id="compare-view"') :]
    assert "two agents on the same case" in view
    assert view.count('class="ep-head"') == 2 and view.count('class="stage"') == 6
    g = _find(data, agent="random", env="merchant_promotion", case=a["case"], context="gold")
    assert f'href="#compare={b["id"]},{g["id"]}"' in view  # the link to the other context
    dom = _dom(page, tmp_path, f"#compare={b['id']},{g['id']}")
    assert "one agent in both contexts" in dom and "gold context" in dom


def test_browser_filters(page: Path, data: dict[str, Any], tmp_path: Path) -> None:
    want = [e for e in data["episodes"] if e["agent"] == "random" and "perception" in e["failed"]]
    dom = _dom(page, tmp_path, "#agent=random&failed=perception")
    assert f'id="episode-count">{len(want)} of {len(data["episodes"])} episodes' in dom
    rows = re.findall(r'<tr data-id="(\d+)"', dom)
    assert sorted(map(int, rows)) == sorted(e["id"] for e in want)
    # An episode opened from the filtered list links to its neighbours in it.
    first, second = sorted(e["id"] for e in want)[:2]
    dom = _dom(page, tmp_path, f"#episode={first}&agent=random&failed=perception")
    assert f"episode 1 of {len(want)} in the list as filtered" in dom
    assert f'<a href="#episode={second}" class="next-episode">' in dom
    dom = _dom(page, tmp_path, "#error=invalid%20answer")
    rows = re.findall(r'<tr data-id="(\d+)"', dom)
    assert rows and all("invalid answer" in data["episodes"][int(i)]["error_kinds"] for i in rows)


def _shot(page: Path, tmp_path: Path, size: tuple[int, int], fragment: str = "") -> Any:
    image = pytest.importorskip("PIL.Image")
    shot = tmp_path / f"shot-{len(list(tmp_path.iterdir()))}.png"
    _browse(
        page,
        tmp_path,
        f"--window-size={size[0]},{size[1]}",
        f"--screenshot={shot}",
        fragment=fragment,
    )
    img = image.open(shot).convert("RGB")
    assert img.size == size
    return np.asarray(img).astype(int)


def _leaderboard_drawn(px: Any) -> None:
    assert len(np.unique(px.reshape(-1, 3), axis=0)) > 50  # not blank: text, tables, colours
    # The header band, then the leaderboard: cells coloured by score, green for the
    # oracle's 100 (hsl(120, 65%, 78%)) and red for the hostile agent's 0.
    assert tuple(px[12, 1240]) == (31, 42, 68)
    board = px[160:400]
    r, g, b = board[..., 0], board[..., 1], board[..., 2]
    assert int(((g > 200) & (r < 190) & (b < 190)).sum()) > 2000
    assert int(((r > 200) & (g < 190) & (b < 190)).sum()) > 500


def test_browser_screenshot_draws_the_leaderboard(page: Path, tmp_path: Path) -> None:
    _leaderboard_drawn(_shot(page, tmp_path, (1280, 900)))


def test_browser_screenshot_of_a_linked_episode(
    page: Path, data: dict[str, Any], tmp_path: Path
) -> None:
    ep = _find(data, agent="oracle", env="merchant_promotion", context="agent")
    px = _shot(page, tmp_path, (1280, 1400), f"#episode={ep['id']}")
    _leaderboard_drawn(px)
    # Under it, the trajectory: the stage title bands (#e9eefb) and the full green score
    # bar of the oracle's first stage (#3a8f5b).
    below = px[400:]
    band = (below == (233, 238, 251)).all(axis=-1).sum(axis=1)
    assert (band > 500).sum() >= 10  # rows of a wide title band
    assert int((below == (58, 143, 91)).all(axis=-1).sum()) > 500
