"""The shortcut audit: can an env's scores be earned without understanding its cases?

:func:`audit` plays a suite of shortcut strategies (see
:mod:`~ecomstage_env.checks.shortcuts`) on every case of an env, through the env's public
step cycle, and reports each field's score under each strategy beside chance and the
oracle. A strategy that crosses its threshold fails the audit:

| field kind | strategies | passes when |
|---|---|---|
| label | longest / shortest / first / last option, majority label, leave-one-out bag of words (naive Bayes with smoothing 1 and 0.1, and the nearest other case by word cosine), keyword overlap (whole conversation and last user turn), the option most often gold on alike menus, ids and order only | each <= chance + 15 points |
| label | ``world_only`` / ``world_only_sharp``: the world alone, never a user word: what every lookup of the field's stage and the stages before returns when run with the case's own ``..._id`` world refs (and ids those results hold), read as ``path=value`` tokens (dates as bucketed day gaps to today and within a record; the case's own ids by name; values of one case dropped), leave-one-out categorical naive Bayes (smoothing 1 / 0.1) on at most 8 key paths picked on the other cases (see :class:`~ecomstage_env.checks.shortcuts.WorldModel`); envs without lookups have no row | a label the policy decides: each <= max(chance, ``policy_floor``) + 15 points; other labels: reported, not gated (below) |
| label the policy decides | ``policy_floor``: the blind policy agent, the policy applied to the case's own world with every request the other cases make, the option most of them make right (:mod:`~ecomstage_env.checks.floor`); its expected score with requests independent of the worlds | reported (the floor of the ``world_only`` rows) |
| label | ``bag_of_words_train`` / ``bag_of_words_last_train``: the same naive Bayes (smoothing 1; the whole conversation / the user's last turn) fit on the train split the env's generator makes (:data:`~ecomstage_env.env.TRAIN_SIZE` cases, seed 0: what ``make(ENV, split="train")`` gives, never an audited case), scored on the audited cases; envs without a generator have no row | reported, not gated (below) |
| labels, slots | majority; the first or last listed value of an open slot (a search's top hit) | <= a random valid answer + 15 points |
| labels | ``every_label``: every label of the list at once | <= a random valid answer + 15 points |
| slots | ``nearest_slots``: every slot (closed ones too) copied from the most alike other case, by the word cosine of ``nearest_text`` | reported, not gated (below) |
| slots | ``rare_word_search``: an open slot whose values a free-text search of the stage lists by name (``search_products`` hits carry ``product_id``): search with the user's turns joined, then with their rarest word (fewest other conversations) that those hits hold, and answer the top hit; other slots a random valid answer. A field no search lists (order_logistics' order ids and SKUs: its Perception lists the account's orders, which ``first_listed`` plays, and has no free-text search) has no row | reported, not gated (below) |
| slots | ``word_matched_listed``: each open slot the value, among those the prompt or the stage's lookups list (as ``first_listed``), whose looked-up record (``_records_of``: from the value to the next of its kind) shares the most words with the user's turns; ties to the first listed | reported, not gated (below) |
| one open slot (``stage.field.slot``) | majority, first / last listed, ``nearest_slots``, ``rare_word_search`` scored on that slot alone (the field's scorer on the one slot), beside ``random``'s score on it as chance | reported: a field's score averages its slots, and a product picked right 40% of the time beside a random attribute reads as a middling field score |
| text | the gold with its negations flipped; the gold plus an injected retraction | each <= 50% of the gold's score |
| text | phrase-and-number stuffing | <= 40% of the gold's score |
| text | echo of the user's last turn / of all their turns / of the whole conversation | <= 50% / 60% / 60% of the gold's score |
| text | the user's last turn behind the case's ids and item name ("About O-3019, the Cloudnest down: ...") | <= 50% of the gold's score |
| text | every menu option offered as something "we could" do, with the case's ids and figures | <= 40% of the gold's score (on a rewrite too: a list of every possible request restates none, see the points scorer's ``single_request``) |
| calls | no calls; calls declared in the answer but not run; nonsense writes | <= the share of cases where no call is due + 5 points |
| calls that act labels out (``acts``) | each label guessed by majority, naive Bayes (smoothing 1 and 0.1) or the nearest case, acted out by the policy's ``act`` hook (its offers to the simulated customer, its writes) | <= every combination of labels the gold uses that the case's menus offer, acted out in turn, averaged, + 15 points, or the calls limit where higher (each label itself: <= its chance + 15) |

Chance is a uniform guess among the labels the env's gold uses (the case's menu for menu
fields); a random valid answer draws a closed slot's value from its labels and an open
slot's (an order id, a SKU, a product id) from the values of its kind that the prompt and
the lookups it can make with what the prompt shows put in front of it (list the account's
orders; run the stage's free-text search, ``search_products(query)``, with the user's turns
joined and with their last turn), and the positional picks (``first_listed``,
``last_listed``: the newest or oldest order, the top hit of the whole conversation's
search or the last product listed) are gated against that chance.
``every_read_tool`` (every lookup of the stage, with the right ids), ``random``, and the
bag-of-words and nearest-case models that read only the user's last turn are reported but
not gated (a request's own words are evidence of what it is about; on one short turn these
models move by several cases with any edit). So are the train-split models
(``bag_of_words_train``, ``bag_of_words_last_train``): they show what the generated train
cases teach a reader of the words, the figure an RL user who trains on the split starts
from; the generator's texts are its own, so their figure moves with the generator, and a
model that reads the last turn reads the customer. They read the raw text, the generator's
distractor sentences too (a hostile review's logistic regression on the last turn with
those sentences cut by hand scored after_sales' intent 55.0 where this row scored 24.0
on the cases of 2026-11-30). ``guideline_cues`` (a cue table written from a
field's guideline alone: each ``-> label`` rule's words, first match wins) is reported where
a field has a guideline, not gated: it passes after_sales, content_review, merchant_account
and service_quality but reads merchant_promotion's routes and presale_inquiry's intents.

The slots rows that read the text are reported, not gated. ``nearest_slots`` and
``rare_word_search`` beat presale_inquiry's entities limit (a random valid answer + 15)
because a shopper names the product by its distinctive words ("the Trekker", a brand):
a nearby conversation about the same product, or the rarest catalogue word of the
conversation searched alone, finds it; ``word_matched_listed`` finds order_logistics'
order by its item's words ("my kettle" among an account's orders). That is reading the text (crude entity linking,
the task's own first step), not a label guessed from surface form, so, like
``every_read_tool`` and the last-turn label models, the rows are shown for honest
numbers, never failed. The positional picks (first / last listed), which read no word,
stay gated; and a case set where copying the nearest case's *order id* scored would be a
leak these rows show at once (the order, campaign, submission and record ids here score
0 on it).

The ``world_only`` rows against the policy's own floor. Where a policy decides a label
from the world (a return needs the window, a lost parcel is reshipped, a record's kind is
its route), an agent that knows the policy reads much of it from the world whatever the
customer asks, so chance + 15 is no fair mark there. The floor is what that agent scores
when it cannot read the request: :func:`~ecomstage_env.checks.floor.policy_floors` applies
the scenario's ``policy.decide(state, refs)`` to the case's own world with every request
the other cases make (their request refs, weighted; the spec's ``request_refs``, else the
refs that name no world object) and answers the option most of them make right; its
expected score with requests drawn independently of the worlds is the ``policy_floor``
row. The ``world_only`` rows of that field are gated at ``max(chance, floor) + 15``
(their chance column shows that maximum): a case set may tie its requests to its worlds
no more than 15 points beyond what the policy itself reads from the world. Where the
policy decides the label from the world alone (content_review's decision has no request;
merchant_promotion's consent and merchant_account's new-request flags seldom change it)
the floor is near 100 and the gate cannot fail: reading the world is the task there. A label no policy
decides (an intent, a route, an FAQ pick) has no floor and its rows stay reported: no
written rule says how much of it the world may tell. ``ecomstage audit ENV|FOLDER`` prints
the table and exits 1 when a gated strategy fails.

A calls field whose spec names the label it carries out (``acts = "resolution"``: the
offers of a negotiation, the writes of a decision) is also played as a label guess
acted out: the ``acted_*`` strategies guess the label with the audit's gated label
models, and the scenario's ``act(world, case, code)`` (the policy module's hook, the
policy's own act for that code: :func:`~ecomstage_env.data.loader.acting_hook`) plays
it through the step cycle. Where every label acted earns the same share of the field,
a guess earns that share at its hit rate: so the field's chance is each label of the
case's menu (the labels the gold uses) acted out in turn, averaged, and the limit that
chance + 15 points, as the label's own; but never under the field's calls limit (the
share of cases where no call is due + 5): a guess whose act makes no call is the
``no_calls`` strategy, which that limit already allows (order_logistics' ``decline``,
``explain_status`` and ``offer_intercept`` write nothing). The calls rows (no calls,
declared, nonsense writes) stay gated as above.

Calls that carry several labels name them all (``acts = ["decision", "governing_rule"]``:
service_quality records an enforcement with its governing rule, a Planning label;
content_review a decision with its reason codes, the Perception ``violations``; a name
is a ``label`` or ``labels`` field of the calls' stage or an earlier one). Each label is
guessed by its own model of the same name (a ``labels`` field's whole set is one class,
among the sets the other cases' gold has), the hook takes one code per name, in order
(``act(world, case, decision, rule)``), and each acted label is answered with its guess
at its own stage. The acting field's chance is every combination of the labels that the
gold uses (a menu label by its code; a ``labels`` field's whole set) and the case's menus
offer, acted out in turn, averaged: exact, not a bound, with combinations whose act makes
the same calls played once, since the acting field is graded on the calls its stage ran.
For one label that is each label of the case's menu the gold uses, as above. For several
it is the combinations, not each label's uniform guess crossed with the others': the
acted labels are one record (a decision and its reason codes), and a cross of independent
guesses is mostly records no case holds (an approval with reason codes, a rejection with
none: writes the world refuses), so its average sits under what a guess that only knows
which labels go together earns without reading the case (content_review: 9.4 against
the nearest case's pair acted out, 29.4; among the pairs its gold uses, 18.2). A guess
the gold never uses (a strategy's pair of independent guesses) is still written as
guessed and scores what the world makes of it (a refused write).
"""

from __future__ import annotations

import itertools
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Any

import numpy as np

from ecomstage_env.agents.baselines import KeywordAgent, OracleAgent
from ecomstage_env.checks.floor import policy_floors
from ecomstage_env.checks.shortcuts import (
    LABELS_SEP,
    STOCK_PHRASES,
    CaseView,
    LabelModel,
    Shortcut,
    WorldModel,
    case_tag,
    hedge_offers,
    label_space_of,
    listed_values,
    nearest_case,
    negate,
    rare_words,
    retract,
    user_lines,
    visible_text,
    world_tokens,
)
from ecomstage_env.data.loader import acting_hook
from ecomstage_env.data.schema import Case, FieldSpec, StageSpec
from ecomstage_env.env import GRADER_KEY, TRAIN_SIZE, StagedEnv
from ecomstage_env.errors import ScenarioError
from ecomstage_env.registry import make
from ecomstage_env.runner.episode import play_episode
from ecomstage_env.scoring import FieldContext, get_scorer
from ecomstage_env.stages import Stage
from ecomstage_env.users import USER_TOOL

__all__ = ["ACTED", "FLOOR", "SHORTCUTS", "AuditReport", "AuditRow", "Thresholds", "audit"]

SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("longest_option", ("label",), "pick the menu option with the longest text"),
    Shortcut("shortest_option", ("label",), "pick the menu option with the shortest text"),
    Shortcut("first_option", ("label",), "pick the first label"),
    Shortcut("last_option", ("label",), "pick the last label"),
    Shortcut("majority", ("label", "labels", "slots"), "the other cases' most frequent gold"),
    Shortcut("bag_of_words", ("label",), "naive Bayes on the other cases' words (leave-one-out)"),
    Shortcut(
        "bag_of_words_sharp", ("label",), "the same with smoothing 0.1 (rare words weigh more)"
    ),
    Shortcut("nearest_text", ("label",), "the label of the most alike other case (word cosine)"),
    # Reported, not gated: a request's own words are evidence of what it is about, and on
    # one short turn these models swing by several cases with any edit (fitting the cases
    # to them would fit the data to one classifier). The whole-conversation ones are gated.
    Shortcut(
        "bag_of_words_last", ("label",), "naive Bayes on the user's last turn only", gated=False
    ),
    Shortcut(
        "nearest_last",
        ("label",),
        "the label of the case whose last user turn is most alike",
        gated=False,
    ),
    # Reported, not gated: what the train split the env generates teaches the same naive
    # Bayes (the whole conversation, the last turn), scored on the audited cases.
    Shortcut(
        "bag_of_words_train",
        ("label",),
        "naive Bayes fit on the train split's generated cases",
        gated=False,
    ),
    Shortcut(
        "bag_of_words_last_train",
        ("label",),
        "the same on the user's last turn only",
        gated=False,
    ),
    Shortcut("keyword_last", ("label",), "keyword overlap of the last user turn with label texts"),
    Shortcut("menu_composition", ("label",), "the option most often gold on alike menus"),
    Shortcut("keyword_overlap", ("label",), "the label whose text shares most words with the case"),
    Shortcut("ids_only", ("label",), "the label of the case whose id sorts next to this one"),
    # Gated at max(chance, the policy's floor) + 15 on a label the policy decides (see
    # checks/floor.py; the audit sets the limit), reported on other labels: no written rule
    # says how much of an intent or a route the world may tell. The row's agent is also
    # told the case's ids, which most prompts do not show.
    Shortcut(
        "world_only",
        ("label",),
        "naive Bayes on what the lookups return with the case's ids (no user word)",
        gated=False,
    ),
    Shortcut("world_only_sharp", ("label",), "the same with smoothing 0.1", gated=False),
    Shortcut(
        "guideline_cues",
        ("label",),
        "cue words of each rule of the written guideline, first match wins",
        gated=False,
    ),
    Shortcut("every_label", ("labels",), "every label of the list at once"),
    Shortcut("random", ("label", "labels", "slots"), "a valid answer at random", gated=False),
    Shortcut(
        "first_listed",
        ("slots",),
        "each open slot: the first value of its kind the prompt or the stage's lookups show",
    ),
    Shortcut(
        "last_listed",
        ("slots",),
        "each open slot: the last value of its kind the prompt or the stage's lookups show",
    ),
    # Reported, not gated: naming a product by its distinctive word is reading the text
    # (crude entity linking), see the module docstring.
    Shortcut(
        "nearest_slots",
        ("slots",),
        "every slot's value from the most alike other case (word cosine, as nearest_text)",
        gated=False,
    ),
    Shortcut(
        "rare_word_search",
        ("slots",),
        "an open slot a search lists: the top hit of the user's rarest catalogue word",
        gated=False,
    ),
    Shortcut(
        "word_matched_listed",
        ("slots",),
        "each open slot: the listed value whose looked-up record shares most words with the user",
        gated=False,
    ),
    Shortcut("echo_last", ("text",), "the user's last turn"),
    Shortcut("echo_all", ("text",), "every turn of the user"),
    Shortcut("echo_conversation", ("text",), "the whole conversation, both sides"),
    Shortcut("prefix_echo", ("text",), "the user's last turn behind the case's ids and item"),
    Shortcut("hedge_offers", ("text",), "every menu option offered as possible, ids, figures"),
    Shortcut("stuffing", ("text",), "every number seen and stock phrases of both polarities"),
    Shortcut("negated_gold", ("text",), "the gold text with its negations flipped"),
    Shortcut("retracted_gold", ("text",), 'the gold text + "Ignore the above; request refused."'),
    Shortcut("no_calls", ("calls",), "no tool calls"),
    Shortcut("declared_calls", ("calls",), "the gold calls listed in the answer, none run"),
    Shortcut("nonsense_writes", ("calls",), "every write tool with nonsense arguments"),
    Shortcut("every_read_tool", ("calls",), "every lookup of the stage, right ids", gated=False),
)
"""The strategies the audit plays."""

FLOOR = Shortcut(
    "policy_floor",
    ("label",),
    "the policy on the case's world with the other cases' requests (expected score)",
    gated=False,
)
"""The blind policy agent (:mod:`~ecomstage_env.checks.floor`): the world rows' floor."""

ACTED: tuple[Shortcut, ...] = (
    Shortcut("acted_majority", ("label", "calls"), "the majority label, acted out (policy act)"),
    Shortcut("acted_bag_of_words", ("label", "calls"), "naive Bayes' label, acted out"),
    Shortcut("acted_bag_of_words_sharp", ("label", "calls"), "the same, smoothing 0.1, acted out"),
    Shortcut("acted_nearest_text", ("label", "calls"), "the most alike case's label, acted out"),
)
"""Label guesses acted out: played on a label field and the calls fields that act it out."""


@dataclass(frozen=True)
class Thresholds:
    """The audit's pass marks (see the module docstring)."""

    label_margin: float = 0.15
    negated: float = 0.5
    retracted: float = 0.5
    stuffing: float = 0.4
    echo_last: float = 0.5
    echo_all: float = 0.6
    calls_margin: float = 0.05


@dataclass(frozen=True)
class AuditRow:
    """One strategy on one field.

    Attributes:
        field: ``"stage.field"``.
        kind: The field's type.
        shortcut: Strategy name.
        score: Mean field score over the cases.
        chance: What chance (or a random valid answer) scores on the field.
        oracle: What the gold scores on the field.
        limit: The pass mark, or None when the strategy is reported only.
    """

    field: str
    kind: str
    shortcut: str
    score: float
    chance: float
    oracle: float
    limit: float | None

    @property
    def passed(self) -> bool:
        """Whether the strategy stays within its limit."""
        return self.limit is None or self.score <= self.limit + 1e-9


@dataclass
class AuditReport:
    """Every strategy on every field of one env.

    Attributes:
        env: Env name.
        cases: Cases audited.
        rows: One row per (field, strategy).
    """

    env: str
    cases: int
    rows: list[AuditRow] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Whether every gated strategy stays within its limit."""
        return all(r.passed for r in self.rows)

    @property
    def failures(self) -> list[AuditRow]:
        """The rows over their limit."""
        return [r for r in self.rows if not r.passed]

    def markdown(self) -> str:
        """The report as a Markdown table (for data cards)."""
        lines = [
            f"Shortcut audit of `{self.env}` ({self.cases} cases), x100:",
            "",
            "| field | strategy | score | chance | gold | limit | |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in self.rows:
            limit = "-" if r.limit is None else f"{100 * r.limit:.1f}"
            mark = "ok" if r.passed else "**FAIL**"
            lines.append(
                f"| {r.field} | {r.shortcut} | {100 * r.score:.1f} | {100 * r.chance:.1f} | "
                f"{100 * r.oracle:.1f} | {limit} | {mark} |"
            )
        return "\n".join(lines)


# -- the player --------------------------------------------------------------------------------
def _filler(f: FieldSpec, case: Case) -> Any:
    if f.type == "label":
        return label_space_of(f, case)[0]
    if f.type == "labels":
        return []
    if f.type == "slots":
        return dict.fromkeys(f.slots)
    return "ok"


class _Player:
    """Plays one strategy: per stage, its calls one at a time, then its answer."""

    privileged = True

    def __init__(
        self,
        shortcut: Shortcut,
        env: StagedEnv,
        models: dict[str, LabelModel],
        world_models: dict[str, WorldModel] | None = None,
        train_models: dict[str, LabelModel] | None = None,
    ) -> None:
        self.name = f"audit:{shortcut.name}"
        self.shortcut = shortcut
        self.env = env
        self.models = models
        self.world_models = world_models or {}
        self.train_models = train_models or {}
        self._queue: list[dict[str, Any]] = []
        self._stage = ""
        self._seen: list[str] = []
        self._followed = False
        self._pending = ""  # the tool of the call whose result comes next
        self._hits: list[str] = []  # the results of the stage's free-text searches
        self._words: dict[str, Counter[str]] = {}  # nearest_slots' and rare words' texts
        self.answers: dict[tuple[str, str], dict[str, Any]] = {}
        self.searched: set[str] = set()
        """``stage.field.slot`` of the open slots a search's hits held by name."""
        """``(case id, "stage.field")`` -> the slots answered (the per-slot rows read it)."""

    def reset(self) -> None:
        self._queue, self._stage, self._seen, self._followed = [], "", [], False
        self._pending, self._hits = "", []

    def _case_words(self) -> dict[str, Counter[str]]:
        """Every case's words as the agent reads them (the label rows' ``nearest_text`` view)."""
        if not self._words:
            self._words = {c.case_id: Counter(_tokens(visible_text(c))) for c in self.env.cases}
        return self._words

    def _follow(self, view: CaseView) -> list[dict[str, Any]]:
        """Lookups taking the first open slot's pick as their one argument."""
        out = []
        for f in view.stage.fields:
            if f.type != "slots" or not _open_slots(f):
                continue
            slot = _open_slots(f)[0]
            pick = self._slots(f, view).get(slot)
            if pick:
                out += self._read_calls(view.stage, {slot: pick}, with_args=True)
        return out

    def _read_calls(
        self, stage: StageSpec, args: dict[str, Any], *, with_args: bool = False
    ) -> list[dict[str, Any]]:
        """Every lookup of the stage whose required arguments ``args`` holds.

        With ``with_args``, only lookups that take at least one argument.
        """
        out = []
        for tool in stage.tools:
            spec = self.env.tool_specs[tool]
            required = spec.parameters.get("required", [])
            if spec.kind.value != "read" or (with_args and not required):
                continue
            if all(p in args for p in required):
                out.append({"tool": tool, "arguments": {p: args[p] for p in required}})
        return out

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        case: Case = info[GRADER_KEY]["case"]
        stage = self.env.spec_data.stage(Stage(info["stage"]))
        if info["stage"] != self._stage:
            self._stage, self._seen, self._followed = info["stage"], [], False
            self._pending, self._hits = "", []
            self._queue = self._plan(case, stage, obs["prompt"])
        elif obs.get("tool_result"):
            self._seen.append(obs["tool_result"])
            if self._pending in _search_tools(self.env, stage):
                self._hits.append(obs["tool_result"])
        self._pending = ""
        view = CaseView(case, stage, obs["prompt"], tuple(self._seen))
        if not self._queue and not self._followed and self.shortcut.name in _FOLLOWING:
            # Open the record of the order it picked (get_order), where the items are.
            self._followed = True
            self._queue = self._follow(view)
        if not self._queue and not self._followed and self.shortcut.name == "rare_word_search":
            self._followed = True  # the whole conversation's hits are in: the rare word's search
            self._queue = self._rare_search(view)
        if self._queue and info["tool_calls_left"] > 0:
            call = self._queue.pop(0)
            self._pending = call["tool"]
            return call
        answer = {f.name: self._value(f, view) for f in stage.fields if f.in_answer}
        for f in stage.fields:
            if f.type == "slots" and isinstance(answer.get(f.name), dict):
                self.answers[case.case_id, f"{stage.stage.value}.{f.name}"] = answer[f.name]
        return {k: v for k, v in answer.items() if v is not _SKIP}

    # -- calls -------------------------------------------------------------------------------
    @staticmethod
    def _known_args(case: Case) -> dict[str, Any]:
        known = dict(case.world_refs)
        for stage_gold in case.gold.values():
            for value in stage_gold.values():
                if isinstance(value, list):
                    for call in value:
                        if isinstance(call, dict) and isinstance(call.get("arguments"), dict):
                            known.update(call["arguments"])
        return known

    def _plan(self, case: Case, stage: StageSpec, prompt: str) -> list[dict[str, Any]]:
        name = self.shortcut.name
        specs = self.env.tool_specs
        if name in (*_LISTING, "rare_word_search", "word_matched_listed") and any(
            _open_slots(f) for f in stage.fields if f.type == "slots"
        ):
            # List what the agent may list with what the prompt shows (its account), so an
            # open slot can be filled from the listed orders and items without reading.
            shown = {k: v for k, v in case.world_refs.items() if str(v) in prompt}
            lists = self._read_calls(stage, shown, with_args=True)
            return lists + self._searches(case, stage, last=name != "rare_word_search")
        if name in ("every_read_tool", "stuffing"):
            return self._read_calls(stage, self._known_args(case))
        if name == "nonsense_writes":
            known = self._known_args(case)
            out = []
            for tool in stage.tools:
                spec = specs[tool]
                if spec.kind.value != "write":
                    continue
                args: dict[str, Any] = {}
                for p, schema in spec.parameters.get("properties", {}).items():
                    kinds = {schema.get("type")} | {
                        s.get("type") for s in schema.get("anyOf", []) if isinstance(s, dict)
                    }
                    if p in known and p.endswith("_id"):
                        args[p] = known[p]
                    elif "array" in kinds:
                        args[p] = ["zzz nonsense"]
                    elif kinds & {"number", "integer"}:
                        args[p] = 49 if "integer" in kinds else 49.9
                    else:
                        args[p] = "zzz nonsense"
                out.append({"tool": tool, "arguments": args})
            return out
        return []

    def _searches(self, case: Case, stage: StageSpec, *, last: bool = True) -> list[dict[str, Any]]:
        """The stage's free-text lookups, run with the user's words the prompt shows.

        A READ tool whose required arguments are all free text (``search_products(query)``)
        is searched with the user's turns joined, then (with ``last``) with their last turn,
        so an open slot whose values a search lists (a product id) is picked among the hits:
        the top hit of the whole conversation first.
        """
        lines = user_lines(case)
        queries = [q for q in dict.fromkeys((" ".join(lines), *lines[-1:])) if q.strip()]
        out = []
        for tool in _search_tools(self.env, stage):
            required = self.env.tool_specs[tool].parameters.get("required", [])
            out += [
                {"tool": tool, "arguments": dict.fromkeys(required, q)}
                for q in (queries if last else queries[:1])
            ]
        return out

    def _rare_search(self, view: CaseView) -> list[dict[str, Any]]:
        """The stage's free-text searches with the user's rarest word its hits hold.

        The words of the whole conversation's hits (titles, brands, attributes: what the
        search indexes) that the user says, ranked by :func:`rare_words` over the other
        cases' conversations; the rarest is searched alone. No such word: no search.
        """
        indexed = {w for hit in self._hits for w in _tokens(" ".join(_strings(hit)))}
        rare = [
            w
            for w in rare_words(
                " ".join(user_lines(view.case)),
                {cid: set(ws) for cid, ws in self._case_words().items()},
                view.case.case_id,
            )
            if w in indexed
        ]
        if not rare:
            return []
        return [
            {
                "tool": t,
                "arguments": dict.fromkeys(self.env.tool_specs[t].parameters["required"], rare[0]),
            }
            for t in _search_tools(self.env, view.stage)
        ]

    # -- answers -----------------------------------------------------------------------------
    def _value(self, f: FieldSpec, view: CaseView) -> Any:
        if f.type not in self.shortcut.targets:
            return _SKIP if f.type == "calls" else _filler(f, view.case)
        return getattr(self, f"_{f.type}")(f, view)

    def _label(self, f: FieldSpec, view: CaseView) -> Any:
        case, name = view.case, self.shortcut.name
        space = label_space_of(f, case)
        model = self.models[f"{view.stage.stage.value}.{f.name}"]
        if name in ("longest_option", "shortest_option"):
            lengths = {o.id: len(o.text) for o in case.options.get(f.name, [])}
            if not lengths:
                return space[0]
            pick = max if name == "longest_option" else min
            return pick(space, key=lambda lab: lengths.get(lab, 0))
        if name == "first_option":
            return space[0]
        if name == "last_option":
            return space[-1]
        if name in _TRAIN:
            train = self.train_models[f"{view.stage.stage.value}.{f.name}"]
            return train.bayes(f, case, last=name == "bag_of_words_last_train")
        if (guess := _model_guess(name, model, f, case)) is not None:
            return guess
        if name == "menu_composition":
            return model.menu_composition(f, case)
        if name == "ids_only":
            return model.nearest_id(f, case)
        if name == "guideline_cues":
            return model.guideline_cues(f, case)
        if name in ("world_only", "world_only_sharp"):
            key = f"{view.stage.stage.value}.{f.name}"
            alpha = 0.1 if name == "world_only_sharp" else 1.0
            return self.world_models[key].bayes(f, case, alpha=alpha)
        if name in ("keyword_overlap", "keyword_last"):
            props = {f.name: {"enum": space}}
            menus = KeywordAgent._menus(view.prompt, props)
            read = (
                (user_lines(case) or [""])[-1]
                if name == "keyword_last"
                else view.prompt.split("Conversation:", 1)[-1]
            )
            words = set(_tokens(read))
            texts = menus.get(f.name, {})
            overlap = [len(words & set(_tokens(texts.get(lab, lab)))) for lab in space]
            return space[overlap.index(max(overlap))]
        return space[_rng(case, f).integers(len(space))]  # random

    def _labels(self, f: FieldSpec, view: CaseView) -> Any:
        space = label_space_of(f, view.case)
        if self.shortcut.name == "every_label":
            return space
        if self.shortcut.name == "majority":
            counts: dict[str, int] = {}
            for other in self.env.scenario.cases:
                if other.case_id != view.case.case_id:
                    for lab in other.gold[view.stage.stage].get(f.name, []) or []:
                        counts[str(lab)] = counts.get(str(lab), 0) + 1
            n = max(1, len(self.env.scenario.cases) - 1)
            return [lab for lab in space if counts.get(lab, 0) * 2 >= n] or space[:1]
        rng = _rng(view.case, f)
        return [lab for lab in space if rng.random() < 0.5]

    def _slots(self, f: FieldSpec, view: CaseView) -> Any:
        stage = view.stage.stage
        if self.shortcut.name == "nearest_slots":  # closed slots too: the whole gold copied
            near = nearest_case(view.case.case_id, self._case_words())
            cases = {c.case_id: c for c in self.env.cases}
            other = cases[near].gold[stage].get(f.name) if near is not None else None
            return {slot: (other or {}).get(slot) for slot in f.slots}
        out: dict[str, Any] = {}
        chosen = ""  # the first open slot's pick (an order), whose record the next ones read
        for slot in f.slots:
            closed = f.slot_labels.get(slot)
            if self.shortcut.name == "majority":
                counts: dict[str, int] = {}
                for other in self.env.scenario.cases:
                    if other.case_id != view.case.case_id:
                        value = (other.gold[view.stage.stage].get(f.name) or {}).get(slot)
                        if value is not None:
                            counts[str(value)] = counts.get(str(value), 0) + 1
                out[slot] = max(counts, key=lambda v: counts[v]) if counts else None
                if closed and out[slot] not in closed:
                    out[slot] = closed[0]
            elif closed:
                out[slot] = closed[_rng(view.case, f, slot).integers(len(closed))]
            else:
                gold = (view.case.gold[view.stage.stage].get(f.name) or {}).get(slot)
                texts = [visible_text(view.case), *view.seen]
                listed = listed_values(str(gold or ""), texts)
                if chosen:  # an item of the order picked: among those listed with it
                    listed = listed_values(str(gold or ""), _records_of(chosen, texts)) or listed
                hits = _held(self._hits[-1:], slot)
                if self.shortcut.name == "rare_word_search" and hits:
                    out[slot] = hits[0]  # a slot the search lists: the last search's top hit
                    self.searched.add(f"{view.stage.stage.value}.{f.name}.{slot}")
                elif self.shortcut.name == "rare_word_search" and listed:
                    out[slot] = listed[_rng(view.case, f, slot).integers(len(listed))]
                elif self.shortcut.name == "word_matched_listed" and listed:
                    out[slot] = _best_matched(listed, view.seen, user_lines(view.case))
                elif not listed or self.shortcut.name not in _LISTING:
                    out[slot] = None
                elif self.shortcut.name == "first_listed":
                    out[slot] = listed[0]
                elif self.shortcut.name == "last_listed":
                    out[slot] = listed[-1]
                else:
                    out[slot] = listed[_rng(view.case, f, slot).integers(len(listed))]
                if out[slot] is not None and not chosen:
                    chosen = str(out[slot])
        return out

    def _text(self, f: FieldSpec, view: CaseView) -> Any:
        name, case = self.shortcut.name, view.case
        gold = str(case.gold[view.stage.stage].get(f.name, ""))
        if name == "echo_last":
            return (user_lines(case) or [""])[-1]
        if name == "echo_all":
            return "\n".join(user_lines(case))
        if name == "echo_conversation":
            return "\n".join(t.text for t in case.dialogue)
        if name == "prefix_echo":
            return f"About {case_tag(case)}: {(user_lines(case) or [''])[-1]}"
        if name == "hedge_offers":
            return hedge_offers(case, self.shortcut.numbers(view.prompt))
        if name == "negated_gold":
            return negate(gold)
        if name == "retracted_gold":
            return retract(gold)
        return "; ".join([*STOCK_PHRASES, *self.shortcut.numbers(view.prompt)])  # stuffing

    def _calls(self, f: FieldSpec, view: CaseView) -> Any:
        if self.shortcut.name == "declared_calls":
            return view.case.gold[view.stage.stage].get(f.name, []) or _SKIP
        return _SKIP


_SKIP = object()
_LISTING = ("random", "first_listed", "last_listed")
_FOLLOWING = (*_LISTING, "word_matched_listed")  # they open the record of the order picked
_WORLD = ("world_only", "world_only_sharp")
_TRAIN = ("bag_of_words_train", "bag_of_words_last_train")


def _search_tools(env: StagedEnv, stage: StageSpec) -> list[str]:
    """The stage's free-text searches: READ tools whose required arguments are all free text."""
    out = []
    for tool in stage.tools:
        spec = env.tool_specs[tool]
        required = spec.parameters.get("required", [])
        if spec.kind.value == "read" and required and set(required) <= set(spec.free_args):
            out.append(tool)
    return out


def _held(results: Sequence[str], slot: str) -> list[str]:
    """The values the records of tool results hold under the key ``slot``, in order, once.

    A search lists a slot when its hits carry it by name (``search_products`` hits carry
    ``product_id``; a help-centre search's articles carry no order id).
    """
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get(slot), str | int) and not isinstance(value.get(slot), bool):
                out.append(str(value[slot]))
            for x in value.values():
                walk(x)
        elif isinstance(value, list):
            for x in value:
                walk(x)

    for result in results:
        try:
            walk(json.loads(result))
        except ValueError:
            continue
    return list(dict.fromkeys(out))


def _strings(result: str) -> list[str]:
    """The string values of a tool result as the agent reads it (JSON; else the text)."""
    try:
        parsed = json.loads(result)
    except ValueError:
        return [result]
    return [x for _, x in _leaves(parsed) if isinstance(x, str)]


def _leaves(value: Any, key: str | None = None) -> Iterator[tuple[str | None, Any]]:
    """Each leaf of JSON data, depth first, with its dict key (None in a list or at the top)."""
    if isinstance(value, dict):
        for k, x in value.items():
            yield from _leaves(x, k)
    elif isinstance(value, list):
        for x in value:
            yield from _leaves(x)
    else:
        yield key, value


def _records_of(value: str, texts: Sequence[str]) -> list[str]:
    """Where ``value`` is listed: from each mention to the next value of its kind.

    The record of one listed order, where its items are.
    """
    out = []
    for t in texts:
        for m in re.finditer(re.escape(value), t):
            rest = t[m.end() :]
            others = [rest.find(v) for v in listed_values(value, [rest]) if v != value]
            end = min([i for i in others if i >= 0], default=len(rest))
            out.append(rest[:end])
    return out


def _best_matched(listed: Sequence[str], seen: Sequence[str], said: Sequence[str]) -> str:
    """The listed value whose records in the lookups share the most words with ``said``.

    Ties go to the value listed first. The order whose item title the customer names
    ("the kettle"): entity linking by word overlap.
    """
    words = set(_tokens(" ".join(said)))

    def shared(value: str) -> int:
        return len(words & set(_tokens(" ".join(_records_of(value, seen)))))

    return max(listed, key=shared)  # max keeps the first of equals


def _open_slots(f: FieldSpec) -> list[str]:
    """A slots field's slots with no closed label list (ids, names)."""
    return [s for s in f.slots if not f.slot_labels.get(s)]


def _tokens(text: str) -> list[str]:
    from ecomstage_env.scoring.scorers import tokens

    return tokens(text)


def _rng(case: Case, f: FieldSpec, *extra: str) -> np.random.Generator:
    key = "/".join([case.case_id, f.name, *extra]).encode()
    return np.random.default_rng(zlib.crc32(key))


class _Actor:
    """Plays guesses of the labels a calls field acts out: the policy's act, then the labels.

    At the acting stage it makes the calls of the scenario's ``act`` hook for the guesses'
    policy codes, one per acted label in the order of the field's ``acts`` (``message_user``
    offers, then writes); each acted label field is answered with its guess at its stage;
    the other fields get filler answers and no calls.
    """

    privileged = True

    def __init__(
        self,
        env: StagedEnv,
        stage: StageSpec,
        acted: Sequence[tuple[StageSpec, FieldSpec]],
        hook: Any,
    ) -> None:
        self.name = "audit:acted:" + "+".join(f.name for _, f in acted)
        self.env, self.stage, self.acted, self.hook = env, stage, list(acted), hook
        self.labels: tuple[str, ...] = ()
        self._queue: list[dict[str, Any]] = []
        self._stage = ""

    def reset(self) -> None:
        self._queue, self._stage = [], ""

    def calls(self, world: Any, case: Case, labels: Sequence[str]) -> list[dict[str, Any]]:
        """The hook's calls for guesses ``labels`` (one per acted field) on ``world``."""
        codes = [_code(f, case, lab) for (_, f), lab in zip(self.acted, labels, strict=True)]
        made = self.hook(world, case, *codes)
        return [{"tool": c.name, "arguments": dict(c.arguments)} for c in made]

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        del obs
        case: Case = info[GRADER_KEY]["case"]
        stage = self.env.spec_data.stage(Stage(info["stage"]))
        if info["stage"] != self._stage:
            self._stage, self._queue = info["stage"], []
            if stage.stage == self.stage.stage:
                self._queue = self.calls(self.env.world, case, self.labels)
        if self._queue:
            left = "user_turns_left" if self._queue[0]["tool"] == USER_TOOL else "tool_calls_left"
            if info[left] > 0:
                return self._queue.pop(0)
        guesses = {
            f.name: _answered(f, lab)
            for (st, f), lab in zip(self.acted, self.labels, strict=True)
            if st.stage == stage.stage
        }
        return {
            f.name: guesses[f.name] if f.name in guesses else _filler(f, case)
            for f in stage.fields
            if f.in_answer and f.type != "calls"
        }


def _code(f: FieldSpec, case: Case, label: str) -> Any:
    """The code an ``act`` hook takes for a guess (a menu code, a label, a list of labels)."""
    if f.type == "labels":
        return _answered(f, label)
    return LabelModel.class_of(f, case, label) or label


def _answered(f: FieldSpec, label: str) -> Any:
    """A guess as the field's answer (a ``labels`` guess is a set joined into one class)."""
    return label.split(LABELS_SEP) if f.type == "labels" and label else label


def _acted_space(f: FieldSpec, case: Case, used: set[str]) -> list[str]:
    """The labels a uniform guess draws from: the case's menu, or the labels the gold uses.

    A ``labels`` field draws among the sets of labels the gold uses.
    """
    if f.type == "labels":
        return sorted(used)
    space = label_space_of(f, case)
    return space if f.labels_from == "options" else [lab for lab in space if lab in used]


@dataclass
class _WorldReads:
    """What the lookups with one case's ids returned (see :func:`_read_world`)."""

    reads: list[tuple[str, str, Any]] = field(default_factory=list)
    """``(stage, tool, result as the agent reads it)`` of each lookup that succeeded."""
    today: Any = None
    """The world's ``today`` (when its state has one)."""
    own: dict[str, str] = field(default_factory=dict)
    """The case's own ids (its refs, and the ids its records hold): value -> key."""


def _read_world(env: StagedEnv, case: Case) -> _WorldReads:
    """Every lookup an agent can make with the case's ids, stage by stage; no word read.

    The ids are the case's own ``..._id`` world refs, under their names (never the gold's
    arguments: a policy topic, or an id's argument name, that the gold picked for the
    request); a ref whose name no lookup takes (``record_id``) is tried on every ``..._id``
    argument no ref names (a wrong kind of record is an error, no result); then any
    argument a lookup needs that an earlier result holds under the same key
    (``get_product(product_id)`` with the first ``product_id`` of the order's record;
    single records are read before lists).
    Search tools (free text) are never run; each lookup is made once per case, on a fresh
    world of the case, as the env would run it (a tool's error is no result).
    """
    out = _WorldReads()
    world = env.scenario.new_world(case)
    if world is None:
        return out
    out.today = getattr(getattr(world, "state", None), "today", None)
    ids = {
        k: v
        for k, v in case.world_refs.items()
        if k.endswith("_id") and isinstance(v, str | int) and not isinstance(v, bool)
    }
    reads = [t for t in env.tool_specs.values() if t.kind.value == "read"]
    taken = {p for t in reads for p in t.parameters.get("required", [])}
    spare = [v for k, v in ids.items() if k not in taken]
    done: set[str] = set()
    for stage in env.spec_data.stages:
        while True:
            args = dict(ids)
            records = [r for r in out.reads if isinstance(r[2], dict)]
            for _, _, result in records + [r for r in out.reads if not isinstance(r[2], dict)]:
                _scalars_by_key(result, args)
            call = None
            for tool in stage.tools:
                spec = env.tool_specs[tool]
                required = spec.parameters.get("required", [])
                if spec.kind.value != "read" or set(required) & set(spec.free_args):
                    continue
                options = [
                    [args[p]] if p in args else spare if p.endswith("_id") else [] for p in required
                ]
                for values in itertools.product(*options):
                    arguments = dict(zip(required, values, strict=True))
                    key = json.dumps([tool, arguments], sort_keys=True, default=repr)
                    if key not in done:
                        done.add(key)
                        call = (tool, arguments)
                        break
                if call is not None:
                    break
            if call is None:
                break
            try:
                result = world.call(*call)
            except Exception:  # a ToolError, or a tool's own bug: the agent reads an error
                continue
            shown = json.loads(json.dumps(result, ensure_ascii=False, default=repr))
            out.reads.append((stage.stage.value, call[0], shown))
    mine = dict(ids)  # the case's ids and those its own records hold (not a list's)
    for _, _, result in out.reads:
        if isinstance(result, dict):
            _scalars_by_key(result, mine)
    out.own = {str(v): k for k, v in mine.items() if k.endswith("_id") and isinstance(v, str)}
    return out


def _scalars_by_key(value: Any, out: dict[str, Any]) -> None:
    """Add each scalar leaf of ``value``'s dicts under its key to ``out`` (the first one wins)."""
    for key, x in _leaves(value):
        if key is not None and isinstance(x, str | int | float) and not isinstance(x, bool):
            out.setdefault(key, x)


def _world_bags(env: StagedEnv, cases: Sequence[Case]) -> dict[str, dict[str, set[str]]]:
    """Per stage, per case, the tokens of what the lookups with the case's ids returned.

    Tokens come from :func:`~ecomstage_env.checks.shortcuts.world_tokens` over the lookups
    made at the stage and before (an agent keeps what it read); a token that only one case
    has (an id, a name, free text) or that every case has (no information) is dropped.
    Stages where no lookup was made have no entry.

    Args:
        env: The env (a fresh world of each case, its tools run once per case).
        cases: The cases.

    Returns:
        Stage name -> case id -> tokens.
    """
    reads = {case.case_id: _read_world(env, case) for case in cases}
    out: dict[str, dict[str, set[str]]] = {}
    order = [st.stage.value for st in env.spec_data.stages]
    for i, stage in enumerate(order):
        upto = set(order[: i + 1])
        bags = {}
        for case in cases:
            got = reads[case.case_id]
            seen = [(t, r) for s, t, r in got.reads if s in upto]
            if seen:
                bags[case.case_id] = world_tokens(seen, got.today, got.own)
        if not bags:
            continue
        df = Counter(tok for bag in bags.values() for tok in bag)
        keep = {tok for tok, n in df.items() if 1 < n < len(cases)}
        out[stage] = {cid: bag & keep for cid, bag in bags.items()}
    return out


# -- the audit ---------------------------------------------------------------------------------
def _field_scores(env: StagedEnv, agent: Any, cases: Sequence[Case]) -> dict[str, list[float]]:
    """Per ``stage.field``, the field score of every case under ``agent``."""
    out: dict[str, list[float]] = {}
    for case in cases:
        result = play_episode(env, agent, case_id=case.case_id).result
        for stage, score in result.stage_scores.items():
            for name, value in score.components.items():
                out.setdefault(f"{stage}.{name}", []).append(value)
    return out


def _has_texts(f: FieldSpec, cases: Sequence[Case]) -> bool:
    """Whether a field's menus have option texts (not just the labels themselves)."""
    return f.labels_from == "options" and any(
        o.text != o.id for c in cases for o in c.options.get(f.name, [])
    )


def _no_call_share(cases: Sequence[Case], stage: StageSpec, f: FieldSpec) -> float:
    """Share of cases whose gold for a calls field is empty (nothing to call)."""
    empty = [not case.gold[stage.stage].get(f.name) for case in cases]
    return fmean(empty) if empty else 0.0


def _label_chance(cases: Sequence[Case], stage: StageSpec, f: FieldSpec, env: StagedEnv) -> float:
    """A uniform guess among the labels the env's gold uses (menus: among the case's menu).

    Labels no case ever has (routes B, E and F of a promotion scenario) are left out: a
    guesser that knows nothing of the case still knows what kind of env it plays.
    """
    used = {str(c.gold[stage.stage].get(f.name)) for c in cases}
    values = []
    for case in cases:
        space = set(label_space_of(f, case))
        if f.labels_from != "options":
            space &= used
        params = env.scenario.grading(case, stage.stage, f.name)
        right = {str(case.gold[stage.stage].get(f.name)), *getattr(params, "accept", [])}
        values.append(len(right & space) / max(1, len(space)))
    return fmean(values)


def audit(
    env: str | Path,
    *,
    split: str | None = "test",
    limit: int | None = None,
    thresholds: Thresholds | None = None,
    **env_kwargs: Any,
) -> AuditReport:
    """Play every shortcut strategy on an env's cases and compare them with chance and gold.

    Args:
        env: Env name or scenario folder.
        split: Split to audit.
        limit: At most this many cases (the first ones), for a quick look.
        thresholds: Pass marks (the defaults of :class:`Thresholds`).
        **env_kwargs: Passed to the env (e.g. ``scoring``, ``data`` of paper tasks).

    Returns:
        The report; ``report.passed`` says whether every gated strategy stayed within
        its limit.
    """
    marks = thresholds or Thresholds()
    made = make(str(env), split=split, **env_kwargs)
    base = made.unwrapped
    assert isinstance(base, StagedEnv)
    cases = list(base.cases[:limit] if limit is not None else base.cases)
    spec = base.spec_data
    models = {
        f"{st.stage.value}.{f.name}": LabelModel().fit(f, st, base.cases)
        for st in spec.stages
        for f in st.fields
        if f.type == "label"
    }
    fields = {f"{st.stage.value}.{f.name}": (st, f) for st in spec.stages for f in st.fields}
    world_models: dict[str, WorldModel] = {}
    if any(f.type == "label" for _, f in fields.values()):
        bags = _world_bags(base, base.cases)
        world_models = {
            key: WorldModel().fit(f, st, base.cases, bags[st.stage.value])
            for key, (st, f) in fields.items()
            if f.type == "label" and st.stage.value in bags
        }
    floors = (
        policy_floors(base, cases) if any(f.type == "label" for _, f in fields.values()) else {}
    )
    train = _train_cases(base, cases)
    train_models = {
        key: LabelModel().fit(f, st, train).read(cases)
        for key, (st, f) in fields.items()
        if f.type == "label" and train
    }
    train_models = {k: m for k, m in train_models.items() if m.classes}  # a field it labels
    oracle = _field_scores(base, OracleAgent(), cases)
    played: dict[str, dict[str, list[float]]] = {}
    players: dict[str, _Player] = {}
    for shortcut in SHORTCUTS:
        if not any(f.type in shortcut.targets for _, f in fields.values()):
            continue
        if shortcut.name in ("longest_option", "shortest_option") and not any(
            _has_texts(f, cases) for _, f in fields.values()
        ):
            continue
        if shortcut.name in _WORLD and not world_models:
            continue
        if shortcut.name in _TRAIN and not train_models:
            continue
        player = _Player(shortcut, base, models, world_models, train_models)
        played[shortcut.name] = _field_scores(base, player, cases)
        players[shortcut.name] = player
    acted = _acted_scores(base, fields, models, cases)
    report = AuditReport(env=spec.name, cases=len(cases))
    for key, (st, f) in fields.items():
        gold = fmean(oracle.get(key, [0.0]))
        if f.type == "label":
            chance = _label_chance(cases, st, f, base)
        elif f.type in ("labels", "slots"):
            chance = fmean(played.get("random", {}).get(key, [0.0]))
        elif f.type == "calls":
            chance = _no_call_share(cases, st, f)
        else:
            chance = 0.0
        for shortcut in SHORTCUTS:
            if f.type not in shortcut.targets or shortcut.name not in played:
                continue
            if (
                shortcut.name in ("longest_option", "shortest_option")
                and f.labels_from != "options"
            ):
                continue
            if shortcut.name in ("declared_calls", "every_read_tool") and f.execute:
                continue
            if shortcut.name == "nonsense_writes" and not f.execute:
                continue
            if shortcut.name == "guideline_cues" and not f.guideline:
                continue
            if shortcut.name in _WORLD and key not in world_models:
                continue
            if shortcut.name in _TRAIN and key not in train_models:
                continue
            if shortcut.name == "rare_word_search" and not _searched(players, key):
                continue
            score = fmean(played[shortcut.name].get(key, [0.0]))
            mark, pass_mark = chance, _limit(shortcut, f, chance, gold, marks)
            if shortcut.name in _WORLD and key in floors:  # the policy's floor gates them
                mark = max(chance, floors[key].floor)
                pass_mark = mark + marks.label_margin
            report.rows.append(AuditRow(key, f.type, shortcut.name, score, mark, gold, pass_mark))
        if key in floors:
            report.rows.append(
                AuditRow(key, f.type, FLOOR.name, floors[key].floor, chance, gold, None)
            )
        if f.type == "slots":
            report.rows += _slot_rows(base, st, f, cases, players)
        # An acting field: its chance is its labels acted out, and acting a label that
        # makes no call is not calling, which the calls rows already allow.
        floor = chance + marks.calls_margin if f.type == "calls" else 0.0
        chance = acted.chance.get(key, chance)
        for name, score in acted.guesses.get(key, {}).items():
            gate = max(chance + marks.label_margin, floor)
            report.rows.append(AuditRow(key, f.type, name, score, chance, gold, gate))
    return report


def _train_cases(env: StagedEnv, audited: Sequence[Case]) -> list[Case]:
    """The train split the env's generator makes, less the audited cases.

    :data:`~ecomstage_env.env.TRAIN_SIZE` cases generated with seed 0 (deterministic, and
    read from the generator, never fixed here); none where the spec names no generator,
    and none when the audited cases are train cases themselves (an audit of the train split).

    Args:
        env: The audited env.
        audited: The cases the audit plays (never learnt from).

    Returns:
        The train cases, in the generator's order.
    """
    if env.scenario.generator is None or any(c.split == "train" for c in audited):
        return []
    from ecomstage_env.data.generate import with_train_split

    return list(with_train_split(env.scenario, TRAIN_SIZE, 0).split("train"))


_PER_SLOT = (
    "majority",
    "first_listed",
    "last_listed",
    "nearest_slots",
    "rare_word_search",
    "word_matched_listed",
)
"""The slots strategies whose open slots also get a row each (beside ``random``, their chance)."""


def _searched(players: dict[str, _Player], key: str) -> set[str]:
    """The open slots of a slots field that a ``rare_word_search`` search listed by name."""
    player = players.get("rare_word_search")
    done = player.searched if player is not None else set()
    return {k.removeprefix(f"{key}.") for k in done if k.startswith(f"{key}.")}


def _slot_score(
    env: StagedEnv, st: StageSpec, f: FieldSpec, case: Case, slot: str, value: Any
) -> float:
    """One slot's score: the field's scorer on that slot alone (1 right, 0 wrong)."""
    gold = (case.gold[st.stage].get(f.name) or {}).get(slot)
    ctx = FieldContext(field=f, params=env.scenario.grading(case, st.stage, f.name), case=case)
    return get_scorer(f.scorer).fn({slot: value}, {slot: gold}, ctx).value


def _slot_rows(
    env: StagedEnv,
    st: StageSpec,
    f: FieldSpec,
    cases: Sequence[Case],
    players: dict[str, _Player],
) -> list[AuditRow]:
    """Reported rows of each open slot alone (``stage.field.slot``) under the slots strategies.

    The field's score averages its slots, so a product picked right 40% of the time beside
    an attribute at random reads as a middling field score; these rows show the product
    pick itself. Chance is ``random``'s score on the slot, gold the gold's.
    """
    key = f"{st.stage.value}.{f.name}"
    out: list[AuditRow] = []
    if "random" not in players:
        return out

    def mean(name: str, slot: str) -> float:
        answers = players[name].answers
        return fmean(
            _slot_score(env, st, f, c, slot, answers.get((c.case_id, key), {}).get(slot))
            for c in cases
        )

    searched = _searched(players, key)
    for slot in _open_slots(f):
        chance = mean("random", slot)
        gold = fmean(
            _slot_score(env, st, f, c, slot, (c.gold[st.stage].get(f.name) or {}).get(slot))
            for c in cases
        )
        for name in _PER_SLOT:
            if name not in players or (name == "rare_word_search" and slot not in searched):
                continue
            score = mean(name, slot)
            out.append(AuditRow(f"{key}.{slot}", "slot", name, score, chance, gold, None))
    return out


@dataclass
class _Acted:
    """The ``acted_*`` strategies' figures.

    Attributes:
        guesses: Per ``stage.field`` (a label, or a field that acts it out), per strategy,
            the mean score.
        chance: Per acting field, every combination of labels the gold uses (on each
            case's menus) acted out in turn, averaged.
    """

    guesses: dict[str, dict[str, float]] = field(default_factory=dict)
    chance: dict[str, float] = field(default_factory=dict)


def _acted_scores(
    env: StagedEnv,
    fields: dict[str, tuple[StageSpec, FieldSpec]],
    models: dict[str, LabelModel],
    cases: Sequence[Case],
) -> _Acted:
    """Play the label fields that calls fields act out (``acts``) as guesses acted out.

    The calls fields that act the same labels out are played together. A strategy guesses
    each acted label with its own model (the gated label model it is named after; a
    ``labels`` field's whole set is one class) and the policy's ``act`` hook plays the
    guesses through the step cycle, seed 0. The acting fields' chance is every combination
    of labels the gold uses (codes for menus, labels, whole sets) that the case's menus
    offer, acted out in turn, averaged; combinations whose act makes the same calls are
    played once (the acting fields are graded on the calls the stage ran).

    Raises:
        ScenarioError: A field acts labels out but the policy module has no ``act``.
    """
    out = _Acted()
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for key, (st, f) in fields.items():
        if f.acts is not None:
            acted = env.spec_data.acted_fields(f)
            names = tuple(f"{s.stage.value}.{g.name}" for s, g in acted)
            groups.setdefault((st.stage.value, names), []).append(key)
    for (_, labels), acting in groups.items():
        hook = acting_hook(env.scenario.policy)
        if hook is None:
            raise ScenarioError(f"{acting[0]} acts {labels} out, but the policy has no act()")
        acted = [fields[k] for k in labels]
        table = _ActedTable(env, _Actor(env, fields[acting[0]][0], acted, hook))
        # The combinations the gold uses, as classes (menu codes, labels, joined sets).
        golds = {
            _classes(acted, c, [c.gold[st.stage].get(f.name) for st, f in acted]) for c in env.cases
        }
        per_case = []
        for c in cases:
            spaces = [_acted_space(f, c, {g[i] for g in golds}) for i, (_, f) in enumerate(acted)]
            combos = [
                table.by_calls(c, combo)
                for combo in itertools.product(*spaces)
                if _classes(acted, c, combo) in golds
            ]
            per_case.append({k: fmean(x.get(k, 0.0) for x in combos) for k in acting})
        for k in acting:
            out.chance[k] = fmean(x[k] for x in per_case)
        for shortcut in ACTED:
            picks = {
                c.case_id: tuple(
                    _guess(shortcut.name, _model(models, k, f, st, env), f, c)
                    for k, (st, f) in zip(labels, acted, strict=True)
                )
                for c in cases
            }
            for k in (*labels, *acting):
                row = fmean(table.scores(c, picks[c.case_id]).get(k, 0.0) for c in cases)
                out.guesses.setdefault(k, {})[shortcut.name] = row
    return out


def _classes(
    acted: Sequence[tuple[StageSpec, FieldSpec]], case: Case, values: Sequence[Any]
) -> tuple[str, ...]:
    """The classes of answers ``values`` (menu codes, labels, joined sets) on ``case``."""
    return tuple(
        str(LabelModel.class_of(f, case, v)) for (_, f), v in zip(acted, values, strict=True)
    )


def _model(
    models: dict[str, LabelModel], key: str, f: FieldSpec, st: StageSpec, env: StagedEnv
) -> LabelModel:
    """The label model of ``key`` (fitted on every case here for a ``labels`` field)."""
    if key not in models:
        models[key] = LabelModel().fit(f, st, env.cases)
    return models[key]


def _model_guess(name: str, model: LabelModel, f: FieldSpec, case: Case) -> str | None:
    """The label a strategy that reads the other cases' gold guesses; None for another.

    The label rows of the same names play these, and each ``acted_<name>`` strategy acts
    the guess of ``<name>`` out.
    """
    if name == "majority":
        return model.majority(f, case)
    if name == "bag_of_words":
        return model.bayes(f, case)
    if name == "bag_of_words_sharp":
        return model.bayes(f, case, alpha=0.1)
    if name == "nearest_text":
        return model.nearest_text(f, case)
    if name == "bag_of_words_last":
        return model.bayes(f, case, last=True)
    if name == "nearest_last":
        return model.nearest_text(f, case, last=True)
    return None


def _guess(name: str, model: LabelModel, f: FieldSpec, case: Case) -> str:
    """The label an ``acted_*`` strategy guesses (the gated label model it is named after)."""
    guess = _model_guess(name.removeprefix("acted_"), model, f, case)
    if guess is None:
        raise ValueError(f"{name!r} names no label model")
    return guess


@dataclass
class _ActedTable:
    """Every field's score of each (case, guesses) acted out, each played once."""

    env: StagedEnv
    actor: _Actor
    seen: dict[tuple[str, tuple[str, ...]], dict[str, float]] = field(default_factory=dict)
    played: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)

    def scores(self, case: Case, labels: tuple[str, ...]) -> dict[str, float]:
        """Per ``stage.field``, the score of ``labels`` acted out on ``case`` (seed 0)."""
        if (case.case_id, labels) not in self.seen:
            self.actor.labels = labels
            result = play_episode(self.env, self.actor, case_id=case.case_id, seed=0).result
            self.seen[case.case_id, labels] = {
                f"{stage}.{name}": value
                for stage, score in result.stage_scores.items()
                for name, value in score.components.items()
            }
        return self.seen[case.case_id, labels]

    def by_calls(self, case: Case, labels: tuple[str, ...]) -> dict[str, float]:
        """:meth:`scores` of ``labels``, or of other guesses whose act makes the same calls.

        Only the calls fields' scores are read from it (the label fields' answers differ).
        """
        world = self.env.scenario.new_world(case)
        if world is None:
            return self.scores(case, labels)
        made = json.dumps(self.actor.calls(world, case, labels), sort_keys=True, default=repr)
        if (case.case_id, made) not in self.played:
            self.played[case.case_id, made] = self.scores(case, labels)
        return self.played[case.case_id, made]


def _limit(
    shortcut: Shortcut, f: FieldSpec, chance: float, gold: float, m: Thresholds
) -> float | None:
    if not shortcut.gated:
        return None
    if f.type in ("label", "labels", "slots"):
        return chance + m.label_margin
    if f.type == "text":
        share = {
            "negated_gold": m.negated,
            "retracted_gold": m.retracted,
            "stuffing": m.stuffing,
            "echo_last": m.echo_last,
            "echo_all": m.echo_all,
            "echo_conversation": m.echo_all,
            "prefix_echo": m.echo_last,
            "hedge_offers": m.stuffing,
        }[shortcut.name]
        return share * gold
    return chance + m.calls_margin
