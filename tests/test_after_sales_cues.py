"""after_sales: a cue-word table written from the spec's guidelines must not read the labels.

The hostile review of issue 12 wrote one table of cue words per label from after_sales'
own guidelines (``spec.toml``: "a manager, someone senior" -> 7 / CM2, "refund" -> 4,
"late, courier" -> 3 / RF4 / coupon, ...) and applied it first match wins, the way the
guidelines are ordered: intent from the customer's last turn, FAQ and resolution from all
their turns (coupon turned to cash for gold and platinum members, as the policy does). On
the shipped data it scored intent 49.4, FAQ 48.2 and resolution 35.3 (x100), over the
audit's limits (chance + 15 points). The cases now carry contrasts (each cue word also
said under other labels: negated, about another order, said in passing) and labels said
without their cue words, and this agent must stay under the limits.

The agent is scored here without playing episodes: its intent and FAQ answers are
functions of the dialogue, and its resolution is the kind it offers and names (it offers
only that kind, so the label it chooses is that kind whatever the customer answers).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from ecomstage_env.checks.audit import Thresholds

FOLDER = Path(__file__).resolve().parents[1] / "scenarios" / "after_sales"
CASES = [json.loads(x) for x in (FOLDER / "cases.jsonl").read_text(encoding="utf-8").splitlines()]


def _rx(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(words), re.I)


# The reviewer's table (build/review12/attack.py, strategy cue_table), unchanged.
INTENT = [
    ("7", _rx("manager", "human", "real person", "supervisor", "platform", "phone number",
              "complain to", "contact", "someone senior", "电话", "人工")),
    ("6", _rx("price", "cheaper", "coupon", "discount", "difference", "降价", "差价")),
    ("4", _rx("return", "refund", "exchange", "replace", "compensat", "money back",
              "send it back", "repair", "退", "换")),
    ("5", _rx("broke", "faulty", "damaged", "doesn't fit", "too small", "too big", "defect",
              "stopped working", "missing", "wrong", "坏")),
    ("3", _rx("where is", "tracking", "courier", "late", "deliver", "arriv", "stuck", "快递")),
    ("2", _rx("address", "cancel", "change my order")),
]  # fmt: skip
FAQ = [
    ("CM2", _rx("manager", "human", "real person", "supervisor", "platform", "someone senior",
                "contact", "again", "last time", "already compensated")),
    ("PP1", _rx("price", "cheaper", "dropped", "降价", "差价")),
    ("RF4", _rx("late", "courier", "rude", "deliver", "keep it", "partial", "compensat")),
    ("RT6", _rx("size", "exchange", "colour", "color", "replace", "fit", "换")),
    ("RT7", _rx("window", "month", "weeks ago", "expired", "too late")),
]  # fmt: skip
RESOLUTION = [
    ("escalate", _rx("again", "last time", "already compensated", "second time", "manager")),
    ("exchange", _rx("size", "exchange", "colour", "color", "swap", "fit", "换")),
    ("appease", _rx("price", "cheaper", "dropped", "降价")),
    ("coupon", _rx("late", "courier", "rude", "deliver", "slow", "days")),
    ("return", _rx("return", "refund", "broke", "faulty", "defect", "damaged", "money back", "退")),
]  # fmt: skip


def _first(table: Sequence[tuple[str, re.Pattern[str]]], text: str, default: str) -> str:
    return next((label for label, cue in table if cue.search(text)), default)


def cue_answers(case: dict[str, Any]) -> dict[str, str]:
    """The cue-table agent's intent, FAQ code and resolution code for one case."""
    turns = [t["text"] for t in case["dialogue"] if t["role"] == "customer"]
    faq = _first(FAQ, " ".join(turns), "RT1")
    resolution = _first(RESOLUTION, " ".join(turns), "appease")
    tiers = {c.get("tier") for c in case["world"]["patch"].get("customers", [])}
    if resolution == "coupon" and tiers & {"gold", "platinum"}:
        resolution = "cash"
    menus = {k: [o["code"] for o in v] for k, v in case["options"].items()}
    return {
        "intent": _first(INTENT, turns[-1], "1"),
        "faq": faq if faq in menus["faq"] else menus["faq"][0],
        "resolution": resolution if resolution in menus["resolution"] else menus["resolution"][0],
    }


def _right(case: dict[str, Any], field: str) -> set[str]:
    stage = {"intent": "perception", "faq": "planning", "resolution": "action"}[field]
    accept = case.get("grading", {}).get(f"{stage}.{field}", {}).get("accept", [])
    return {str(case["gold"][stage][field]), *map(str, accept)}


def cue_scores(cases: Sequence[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Per field: the cue table's accuracy and the audit's limit (chance + label margin).

    Chance is the audit's: a uniform guess among the labels the gold uses (intent) or
    among the case's menu (FAQ, resolution), counting accepted second readings.
    """
    used = {str(c["gold"]["perception"]["intent"]) for c in cases}
    out = {}
    for field in ("intent", "faq", "resolution"):
        hits, chance = [], []
        for c in cases:
            right = _right(c, field)
            hits.append(cue_answers(c)[field] in right)
            if field == "intent":
                chance.append(len(right & used) / len(used))
            else:
                menu = {o["code"] for o in c["options"][field]}
                chance.append(len(right & menu) / len(menu))
        limit = sum(chance) / len(chance) + Thresholds().label_margin
        out[field] = (sum(hits) / len(hits), limit)
    return out


def test_the_cue_table_reads_the_cues_it_was_written_for() -> None:
    # the review's examples: the cue words alone give these labels
    case: dict[str, Any] = {
        "dialogue": [
            {"role": "customer", "text": "I want someone senior to look at this."},
        ],
        "world": {"patch": {"customers": [{"tier": "regular"}]}},
        "options": {
            "faq": [{"code": c} for c in ("RT1", "RT6", "RF4", "PP1", "CM2")],
            "resolution": [
                {"code": c} for c in ("appease", "coupon", "cash", "return", "escalate")
            ],
        },
    }
    assert cue_answers(case) == {"intent": "7", "faq": "CM2", "resolution": "appease"}
    case["dialogue"] = [{"role": "customer", "text": "It came 8 days late. Full refund, now."}]
    case["world"]["patch"]["customers"] = [{"tier": "gold"}]
    assert cue_answers(case) == {"intent": "4", "faq": "RF4", "resolution": "cash"}


@pytest.mark.parametrize("field", ["intent", "faq", "resolution"])
def test_guideline_cue_table_stays_under_the_audit_limit(field: str) -> None:
    score, limit = cue_scores(CASES)[field]
    assert score <= limit, f"{field}: cue table {100 * score:.1f} > limit {100 * limit:.1f}"


@pytest.mark.parametrize("name", ["intent", "faq", "resolution"])
def test_audit_guideline_cue_strategy_stays_under_the_limit(name: str) -> None:
    """The audit's own cue table, derived from the spec's guideline text (not hand-written)."""
    import ecomstage
    from ecomstage_env.checks.audit import _label_chance
    from ecomstage_env.checks.shortcuts import LabelModel
    from ecomstage_env.env import StagedEnv

    env = ecomstage.make("after_sales").unwrapped
    assert isinstance(env, StagedEnv)
    st, f = next((s, f) for s in env.spec_data.stages for f in s.fields if f.name == name)
    model = LabelModel().fit(f, st, env.cases)
    hits = []
    for case in env.cases:
        params = env.scenario.grading(case, st.stage, f.name)
        right = {str(case.gold[st.stage][f.name]), *map(str, getattr(params, "accept", []))}
        hits.append(model.guideline_cues(f, case) in right)
    limit = _label_chance(env.cases, st, f, env) + Thresholds().label_margin
    assert sum(hits) / len(hits) <= limit
