"""Schemas of scenario data: annotated cases and the scenario spec.

A scenario folder holds ``spec.toml`` (a :class:`ScenarioSpec`), a world file (loaded by
the scenario's world class) and one or more JSONL case files (one :class:`Case` per
line). Every model here is frozen and forbids unknown keys, so a typo in a data file is
reported instead of silently ignored.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from ecomstage_env.stages import Orientation, Stage, ToolCall

__all__ = [
    "MODULE_NAME",
    "USER_ROLES",
    "Annotation",
    "Case",
    "DialogueTurn",
    "FieldSpec",
    "FieldType",
    "ModuleAttr",
    "ModuleName",
    "Option",
    "ScenarioSpec",
    "StageSpec",
    "WorldSetup",
    "folder_relative_path",
    "module_attr",
    "module_name",
]

MODULE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")
"""A dotted module name: ``world``, ``sub.mod`` (no relative dots, no path)."""


def folder_relative_path(value: str) -> str:
    r"""Check that a path named by a spec stays inside its folder, as written.

    Refuses empty paths, absolute paths (``/etc/passwd``, ``C:\x``, ``\\host``)
    and any ``..`` part. (Symlinks that leave the folder are refused when the folder is
    loaded, where the file system is at hand.)

    Raises:
        ValueError: The path is not a plain relative path inside the folder.
    """
    if not value.strip():
        raise ValueError("an empty path")
    if "\x00" in value:
        raise ValueError("a NUL character in the path")
    win = PureWindowsPath(value)
    if PurePosixPath(value).is_absolute() or win.drive or win.root or value.startswith("~"):
        raise ValueError(f"{value!r} is an absolute path; name a file inside the scenario folder")
    if ".." in win.parts or ".." in PurePosixPath(value).parts:
        raise ValueError(f"{value!r} leaves the scenario folder ('..'); name a file inside it")
    return value


def module_attr(value: str) -> str:
    """Check a ``"module:name"`` reference (``"world:ShopWorld"``).

    Raises:
        ValueError: Not ``module:name`` with a dotted module name and an identifier.
    """
    module, sep, attr = value.partition(":")
    if not sep or not MODULE_NAME.match(module) or not attr.isidentifier():
        raise ValueError(f"{value!r} is not 'module:name' (e.g. 'world:MyWorld')")
    return value


def module_name(value: str) -> str:
    """Check a dotted module name (``"scorers"`` for ``scorers.py``).

    Raises:
        ValueError: Not a dotted module name.
    """
    if not MODULE_NAME.match(value):
        raise ValueError(f"{value!r} is not a module name (e.g. 'scorers' for scorers.py)")
    return value


ModuleAttr = Annotated[str, AfterValidator(module_attr)]
"""A ``"module:name"`` reference (see :func:`module_attr`)."""
ModuleName = Annotated[str, AfterValidator(module_name)]
"""A dotted module name (see :func:`module_name`)."""

FieldType = Literal["text", "label", "labels", "slots", "calls"]
"""Kinds of answer field: free text, one label, a set of labels, named slots, or tool calls."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DialogueTurn(_Frozen):
    """One turn of the conversation that opens a case.

    Attributes:
        role: Who speaks, e.g. ``merchant``, ``customer`` or ``agent``.
        text: What was said.
    """

    role: str = Field(min_length=1)
    text: str = Field(min_length=1)


class Option(_Frozen):
    """One entry of a per-case answer menu (e.g. the decision options of the Action stage).

    Where the field has a catalogue (``FieldSpec.catalogue``), a case may list codes
    alone: the loader numbers the options in the order given and takes their text from
    the catalogue, so no case rewords an option.

    Attributes:
        id: Label the agent answers with (``"1"``, ``"2"``, ...); by default the
            option's position in the menu.
        text: What the option means, shown to the agent; by default the catalogue's text.
        code: Policy code of the option (hidden from the agent), checked against the
            world's policy rules.
    """

    id: str = Field(default="", description="Label the agent answers with.")
    text: str = Field(default="", description="Text shown to the agent.")
    code: str = Field(min_length=1)


class WorldSetup(_Frozen):
    """How one case sets up its own world, on top of the scenario's shared world file.

    Attributes:
        patch: A JSON merge patch (RFC 7386) of the world state: objects merge key by
            key, ``null`` deletes a key, anything else (lists included) replaces.
        calls: Tool calls (or ``@setup`` methods of the world) run after the patch, in
            order, before the episode starts.
    """

    patch: dict[str, Any] = Field(default_factory=dict)
    calls: list[ToolCall] = Field(default_factory=list)


class Annotation(_Frozen):
    """How a case's gold labels were made.

    Attributes:
        annotators: Who labelled the case (names or roles).
        agreement: Share of annotators that agreed before adjudication, in [0, 1]; None
            where the source does not publish it (the official release).
        adjudication: How disagreements were resolved.
        notes: Anything a reader of the labels should know.
    """

    annotators: list[str] = Field(min_length=1)
    agreement: float | None = Field(default=None, ge=0.0, le=1.0)
    adjudication: str = ""
    notes: str = ""


USER_ROLES = frozenset({"user", "customer", "merchant", "shopper", "buyer"})
"""Dialogue roles whose words are the user's (not the support side's)."""


class Case(_Frozen):
    """One annotated case = one episode.

    Attributes:
        case_id: Unique id within the scenario.
        scenario: Name of the scenario the case belongs to.
        orientation: Customer or merchant side.
        split: ``test`` for curated cases, ``train`` for generated ones.
        dialogue: The conversation so far; the last turn is the request to handle.
        world_refs: Ids of the world objects the case is about (e.g. ``merchant_id``).
        options: Per-field answer menus, keyed by field name.
        world: The case's own world setup (a patch of the shared world, setup calls).
        user: Data for the scenario's user simulator (e.g. scripted replies).
        gold: Gold answer per stage and field; the oracle replays it.
        grading: Grading parameters per ``"stage.field"``, checked against the field
            scorer's parameter model (reply points, accepted labels, needed facts...).
        annotation: How the labels were made.
    """

    case_id: str = Field(min_length=1)
    scenario: str = Field(min_length=1)
    orientation: Orientation
    split: Literal["test", "train", "dev"] = "test"
    dialogue: list[DialogueTurn] = Field(min_length=1)
    world_refs: dict[str, Any] = Field(default_factory=dict)
    options: dict[str, list[Option]] = Field(default_factory=dict)
    world: WorldSetup | None = None
    user: dict[str, Any] = Field(default_factory=dict)
    gold: dict[Stage, dict[str, Any]]
    grading: dict[str, dict[str, Any]] = Field(default_factory=dict)
    annotation: Annotation

    def user_turns(self) -> list[str]:
        """The texts of the user's turns (roles in :data:`USER_ROLES`), in order."""
        return [t.text for t in self.dialogue if t.role.lower() in USER_ROLES]


class FieldSpec(_Frozen):
    """One graded field of a stage answer.

    Attributes:
        name: Key of the field in the answer object.
        type: ``text``, ``label``, ``labels`` (a set), ``slots`` or ``calls``.
        description: Shown to the agent in the answer schema.
        scorer: Name of a registered scorer (see :func:`ecomstage_env.scoring.scorer`).
        params: Default grading parameters of the scorer; a case's ``grading`` entry for
            the field is merged over them.
        weight: Weight of the field inside its stage.
        labels: Label space of a ``label`` or ``labels`` field.
        labels_from: ``"options"`` to take the label space from the case's menu.
        catalogue: For menu fields: the fixed option texts by policy code. Every case's
            menu draws from it, word for word.
        guideline: For labels people judge: the written decision list (first match
            wins) that annotators applied; shown to the agent with the instruction.
        slots: Slot names (and descriptions) of a ``slots`` field.
        slot_labels: Closed label space of individual slots.
        required: Whether the answer must contain the field.
        tools: For ``calls`` fields, the tools the calls may name.
        execute: For ``calls`` fields, run the listed calls against the world when the
            answer is given (used for write actions stated in an answer).
        in_answer: For ``calls`` fields: False when the field is graded only from the
            calls that actually ran at the stage, and is not part of the answer.
        acts: For ``calls`` fields that carry out labels (the writes of a decision, the
            offers of a resolution): the name of that ``label`` (or ``labels``) field of
            the same stage or an earlier one, or a list of names where the calls carry
            several (a decision and its reason codes: ``["decision", "violations"]``).
            The shortcut audit then also plays guesses of the labels acted out (the
            policy folder's ``act`` hook) and gates this field at the labels' margin.
    """

    name: str = Field(pattern=r"^[a-z_][a-z0-9_]*$")
    type: FieldType
    description: str = Field(min_length=1)
    scorer: str
    params: dict[str, Any] = Field(default_factory=dict)
    weight: float = Field(default=1.0, gt=0)
    labels: list[str] = Field(default_factory=list)
    labels_from: Literal["options"] | None = None
    catalogue: dict[str, str] = Field(default_factory=dict)
    guideline: str = ""
    slots: dict[str, str] = Field(default_factory=dict)
    slot_labels: dict[str, list[str]] = Field(default_factory=dict)
    required: bool = True
    tools: list[str] = Field(default_factory=list)
    execute: bool = False
    in_answer: bool = True
    acts: Annotated[str, Field(min_length=1)] | list[Annotated[str, Field(min_length=1)]] | None = (
        None
    )

    @model_validator(mode="after")
    def _consistent(self) -> FieldSpec:
        if not self.in_answer and (self.type != "calls" or self.execute):
            raise ValueError("in_answer = false is for calls fields that are not executed")
        if self.acts is not None and self.type != "calls":
            raise ValueError(f"acts = {self.acts!r} is for calls fields, not {self.type}")
        if isinstance(self.acts, list) and (not self.acts or len(set(self.acts)) < len(self.acts)):
            raise ValueError(f"acts = {self.acts!r} must name one or more fields, each once")
        if self.catalogue and self.labels_from != "options":
            raise ValueError("a catalogue needs labels_from = 'options'")
        if self.type in ("label", "labels") and not (self.labels or self.labels_from):
            raise ValueError(f"a {self.type} field needs 'labels' or 'labels_from'")
        if self.type == "slots" and not self.slots:
            raise ValueError("a slots field needs 'slots'")
        unknown = set(self.slot_labels) - set(self.slots)
        if unknown:
            raise ValueError(f"slot_labels names unknown slots: {sorted(unknown)}")
        return self

    @property
    def acted(self) -> tuple[str, ...]:
        """The names ``acts`` gives, in order (none for a field that acts nothing out)."""
        if self.acts is None:
            return ()
        return (self.acts,) if isinstance(self.acts, str) else tuple(self.acts)


class StageSpec(_Frozen):
    """One checkpoint of a scenario.

    Attributes:
        stage: Which checkpoint.
        instruction: Task instruction shown to the agent at this stage.
        fields: The graded fields of the stage answer.
        tools: Tools the agent may call at this stage.
        tool_budget: Maximum tool calls at this stage; one more ends the stage.
        user_turns: Messages the agent may send the user at this stage (through the
            ``message_user`` tool); one more ends the stage. 0 means none.
        failed_calls_count: Whether a call that fails - a tool not available at the
            stage, arguments the tool rejects, an empty message - uses up the budget.
            False (the default): it gets an error observation and costs nothing, up to
            ``MAX_FAILED_CALLS`` failed calls per stage (then the stage ends as over
            budget). True: every call counts, as in a strict tool-use protocol.
        weight: Weight of the stage in the episode total.
    """

    stage: Stage
    instruction: str = Field(min_length=1)
    fields: list[FieldSpec] = Field(min_length=1)
    tools: list[str] = Field(default_factory=list)
    tool_budget: int = Field(default=0, ge=0)
    user_turns: int = Field(default=0, ge=0)
    failed_calls_count: bool = False
    weight: float = Field(default=1.0, gt=0)

    def field(self, name: str) -> FieldSpec:
        """Return the field called ``name``.

        Raises:
            KeyError: No such field.
        """
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


class ScenarioSpec(_Frozen):
    """The contract of a scenario, read from its ``spec.toml``.

    Attributes:
        name: Env name (``ecomstage.make(name)``).
        version: Env version; bump when scoring changes.
        title: One-line title.
        description: What the scenario is about.
        orientation: Customer or merchant side.
        system_prompt: Role description shown at every stage.
        world_class: ``"module:Class"`` of the world; ``module`` is a Python file of the
            scenario folder (``"world:ShopWorld"`` is ``world.py``), or else an importable
            module. None for scenarios without tools.
        world_file: Shared world data file, relative to the folder (a folder's spec may
            name only files inside it, see :func:`folder_relative_path`); optional when
            the cases set up their own worlds.
        policy: ``"module:function"`` of the policy check, ``(world, case) -> problems``:
            it compares a case's gold with the rules that decide it (run by ``validate``).
        generator: ``"module:function"`` of the train-split generator,
            ``(rng: random.Random, base: dict) -> case dict``: it makes one new case from
            the shared world data ``base``, gold decided by the policy (see
            :mod:`ecomstage_env.data.generate`). ``make(name, split="train")`` draws from it.
        scorer_modules: Python files of the folder (or importable modules) that register
            scorers, imported before the spec's scorer names are checked.
        user_simulator: ``"scripted"`` (the default), or ``"module:Class"`` of a
            :class:`~ecomstage_env.users.UserSimulator`; used by stages with user turns.
        visible_refs: Keys of a case's ``world_refs`` shown to the agent (e.g. the
            logged-in merchant); the others are for grading only.
        request_refs: Keys of a case's ``world_refs`` that carry the customer's request
            (what only reading them tells: ``issue``, ``wants``), for the shortcut audit's
            policy floor (:mod:`~ecomstage_env.checks.floor`); None (the default): every
            key but those naming a world object (``..._id``, ``sku``).
        case_files: Case files (JSONL), relative to the scenario folder.
        stages: The checkpoints, in order.
    """

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: int = Field(default=0, ge=0)
    title: str
    description: str
    orientation: Orientation
    system_prompt: str
    world_class: ModuleAttr | None = None
    world_file: str | None = None
    policy: ModuleAttr | None = None
    generator: ModuleAttr | None = None
    scorer_modules: list[ModuleName] = Field(default_factory=list)
    user_simulator: str = "scripted"
    visible_refs: list[str] = Field(default_factory=list)
    request_refs: list[str] | None = None
    case_files: list[str] = Field(min_length=1)
    stages: list[StageSpec] = Field(min_length=1)
    _field_keys: tuple[list[StageSpec], dict[str, tuple[StageSpec, FieldSpec]]] | None = (
        PrivateAttr(default=None)
    )

    @field_validator("user_simulator")
    @classmethod
    def _simulator(cls, v: str) -> str:
        return v if v == "scripted" else module_attr(v)

    @model_validator(mode="after")
    def _ordered(self) -> ScenarioSpec:
        order = list(Stage)
        seen = [s.stage for s in self.stages]
        if len(set(seen)) != len(seen) or seen != sorted(seen, key=order.index):
            raise ValueError(
                "stages must be distinct and in the order perception, planning, action"
            )
        return self

    def stage(self, stage: Stage) -> StageSpec:
        """Return the spec of ``stage``.

        Raises:
            KeyError: The scenario has no such stage.
        """
        for s in self.stages:
            if s.stage == stage:
                return s
        raise KeyError(stage)

    def field_keys(self) -> dict[str, tuple[StageSpec, FieldSpec]]:
        """Every field by its grading key ``"stage.field"`` (e.g. ``"action.reply"``)."""
        cached = self._field_keys  # built once per list of stages: the spec is frozen
        if cached is None or cached[0] is not self.stages:
            keys = {f"{st.stage.value}.{f.name}": (st, f) for st in self.stages for f in st.fields}
            self._field_keys = cached = (self.stages, keys)
        return dict(cached[1])

    def acted_fields(self, f: FieldSpec) -> list[tuple[StageSpec, FieldSpec]]:
        """The label fields a calls field acts out (its ``acts``), in the order it names them.

        A name is looked up in the calls field's own stage, then the stages before it
        (the nearest first).

        Args:
            f: A field of one of the stages.

        Returns:
            ``(stage, field)`` per name of ``f.acts``.

        Raises:
            KeyError: ``f`` is no field of the spec, or a name is no ``label`` or
                ``labels`` field of its stage or an earlier one (``load_spec`` reports
                that as a :class:`~ecomstage_env.errors.DataError`).
        """
        at = next((i for i, st in enumerate(self.stages) if any(g is f for g in st.fields)), None)
        if at is None:
            raise KeyError(f.name)
        out = []
        for name in f.acted:
            found = [
                (st, g)
                for st in reversed(self.stages[: at + 1])
                for g in st.fields
                if g.name == name and g.type in ("label", "labels")
            ]
            if not found:
                raise KeyError(name)
            out.append(found[0])
        return out
