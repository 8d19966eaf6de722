"""A Gymnasium vector env that steps its sub-envs in a few processes, a slice each.

Gymnasium's :class:`~gymnasium.vector.AsyncVectorEnv` runs one process per sub-env and
sends one pipe message each way per sub-env per step. An ecomstage step costs a fraction
of a millisecond, about what that round trip (pickling, a wake-up, a context switch)
costs, so with more sub-envs than free cores the async env spends as much on messages as
on the envs. :class:`BatchedAsyncVectorEnv` splits the sub-envs into contiguous slices:
the main process steps the first slice itself while ``workers`` processes step one slice
each, one message each way per worker per vector step. Everything else is
:class:`~gymnasium.vector.SyncVectorEnv`'s: the same spaces, autoreset modes, info
stacking (``_key`` masks), ``reset_mask``, ``call``/``get_attr``/``set_attr``, and the same
observations, rewards and infos for the same seeds and actions.

The main process's own share of a vector step is also lighter than the sync env's, with
or without workers: the infos are stacked in one pass per key (:func:`stack_infos`, the
same dict as Gymnasium's per-sub-env ``_add_info``, in about half its time), and the
observations are copied without walking their immutable strings (:func:`copy_observations`
instead of ``deepcopy``). With no worker (every sub-env in the main process, the default
on a busy machine) that is all the difference from a sync vector env. With workers, the
main process records its own slice's results and collects their infos before it reads
the workers' replies, while they may still be stepping.

``gymnasium.make_vec("ecomstage/<name>-v1", num_envs=8,
vectorization_mode="vector_entry_point", workers=1)`` builds one; so does ``make_vec``
without a ``vectorization_mode``. ``workers`` defaults to one per idle core besides the
main process's (none on one core or a busy machine: all in process), ``main_envs``
(sub-envs the main process steps) to an equal share. Gymnasium refuses ``wrappers=``
with a vector entry point: wrapped sub-envs need ``vectorization_mode="sync"`` or
``"async"``.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from copy import deepcopy
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import Env, logger
from gymnasium.error import ClosedEnvironmentError
from gymnasium.vector.utils import (
    CloudpickleWrapper,
    batch_space,
    concatenate,
    create_empty_array,
    iterate,
)
from gymnasium.vector.vector_env import AutoresetMode, VectorEnv

__all__ = [
    "BatchedAsyncVectorEnv",
    "copy_observations",
    "default_main_envs",
    "default_workers",
    "make_vector_env",
    "stack_infos",
]

_STEP, _RESET, _STEP_RESET = 0, 1, 2
"""Per-sub-env operations a worker runs: step; reset; step and reset if it ended."""


def default_workers(num_envs: int) -> int:
    """Worker processes by default: one per idle core besides the main process's.

    Idle cores are the usable cores less the 1-minute load average, not counting this
    process (up to 1 of the load): the main process steps a slice too, so ``c`` idle
    cores take ``c - 1`` workers. A worker is only worth its messages on a core of its
    own: on a busy machine every vector step waits for the workers to be scheduled, and
    the pool steps slower than a sync vector env; there the default is no worker
    (everything in process, as a sync vector env).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    try:
        others = max(0.0, os.getloadavg()[0] - 1.0)
    except OSError:  # pragma: no cover - no load average
        others = 0.0
    idle = max(1, round(cores - others))
    return max(0, min(idle, num_envs) - 1)


def default_main_envs(num_envs: int, workers: int) -> int:
    """Sub-envs the main process steps by default: an equal share (rounded down).

    The slices step in parallel; the main process's other work per vector step
    (unpickling the replies, stacking the infos, the caller's loop) comes after every
    slice is done, when the workers idle anyway, so equal slices finish together. With no
    workers it steps every sub-env.
    """
    return num_envs // (workers + 1)


class _Irregular(Exception):
    """An info that :func:`stack_infos` leaves to Gymnasium's own stacking."""


_LEAF, _NESTED, _FINAL = 0, 1, 2
"""Kinds of an info key's column: plain values; a dict (stacked key by key); ``final_obs``."""


def _collect(columns: dict[str, list[Any]], info: Any, index: int) -> None:
    """Add one sub-env's info to per-key columns: ``key -> [kind, indices, values]``."""
    for key, value in info.items():
        column = columns.get(key)
        nested = isinstance(value, dict)
        if column is None:
            if type(key) is not str or key.startswith("_"):
                raise _Irregular  # a key that could meet a ``_key`` mask: Gymnasium's own way
            kind = _FINAL if key == "final_obs" else _NESTED if nested else _LEAF
            column = columns[key] = [kind, [index], {} if kind == _NESTED else [value]]
            if kind == _NESTED:
                _collect(column[2], value, index)
            continue
        if column[0] == _NESTED:
            if not nested:
                raise _Irregular  # a dict in one sub-env and a value in another
            column[1].append(index)
            _collect(column[2], value, index)
        elif nested and column[0] == _LEAF:
            raise _Irregular
        else:
            column[1].append(index)
            column[2].append(value)


def _stack_columns(
    columns: dict[str, list[Any]], num_envs: int, order: list[int], every: Any
) -> dict[str, Any]:
    """The stacked infos of per-key columns, as ``VectorEnv._add_info`` builds them.

    ``order`` is ``[0, ..., num_envs - 1]`` and ``every`` ``np.ones(num_envs, bool)``: the
    indices and mask of a key that every sub-env has, once each, in order (the usual case).
    """
    out: dict[str, Any] = {}
    for key, (kind, indices, values) in columns.items():
        if kind == _NESTED:
            array: Any = _stack_columns(values, num_envs, order, every)
        else:
            first = values[0]
            if kind == _FINAL:
                array = np.empty(num_envs, dtype=object)  # filled with None
            elif type(first) in (int, float, bool) or issubclass(type(first), np.number):
                array = np.zeros(num_envs, dtype=type(first))
            elif isinstance(first, np.ndarray):
                array = np.zeros((num_envs, *first.shape), dtype=first.dtype)
            else:
                array = np.empty(num_envs, dtype=object)
            for index, value in zip(indices, values, strict=True):
                array[index] = value  # one by one, in order: the same casts and overwrites
        if indices == order:
            mask = every.copy()
        else:
            mask = np.zeros(num_envs, dtype=np.bool_)
            for index in indices:
                mask[index] = True
        out[key] = array
        out[f"_{key}"] = mask
    return out


class _InfoStacker:
    """Infos added one sub-env at a time (collected by key as they come), stacked at the end."""

    def __init__(self, num_envs: int) -> None:
        self.num_envs = num_envs
        self.pairs: list[tuple[int, Any]] = []
        self.columns: dict[str, list[Any]] | None = {}

    def add(self, index: int, info: Any) -> None:
        self.pairs.append((index, info))
        if self.columns is not None:
            try:
                _collect(self.columns, info, index)
            except Exception:  # irregular: Gymnasium's own way at the end
                self.columns = None

    def stack(self) -> dict[str, Any]:
        n = self.num_envs
        if self.columns is not None:
            try:
                return _stack_columns(self.columns, n, list(range(n)), np.ones(n, dtype=np.bool_))
            except Exception:  # values that do not fit: Gymnasium's own way, and its error
                pass
        stacker = VectorEnv()
        stacker.num_envs = n
        stacked: dict[str, Any] = {}
        for index, info in self.pairs:
            stacked = stacker._add_info(stacked, info, index)
        return stacked


def stack_infos(infos: Sequence[tuple[int, dict[str, Any]]], num_envs: int) -> dict[str, Any]:
    """Stack sub-envs' infos as Gymnasium's vector envs do, in one pass per key.

    The result is what calling ``VectorEnv._add_info(infos, info, index)`` on each pair in
    order gives (same keys and key order, ``_key`` masks, dtypes, values, ``final_obs`` as
    an object array), without that method's per-sub-env, per-key dict updates and mask
    arrays. Infos it does not stack the same way for sure (a key starting with ``_`` or not
    a string, a key holding a dict in one sub-env and a value in another) and infos it
    cannot stack (values that do not fit the array) go through ``_add_info`` itself, which
    raises its own error for the latter.

    Args:
        infos: ``(sub-env index, info)`` pairs, in the order Gymnasium would add them.
        num_envs: Sub-envs of the vector env.

    Returns:
        The stacked infos.
    """
    stacker = _InfoStacker(num_envs)
    for index, info in infos:
        stacker.add(index, info)
    return stacker.stack()


def copy_observations(observations: Any) -> Any:
    """A copy of batched observations that shares only what cannot change (strings).

    Gymnasium's vector envs return ``deepcopy(observations)``; a batched ``Text`` space is
    a tuple of strings, which a deep copy walks to return as is. Dicts and tuples are
    rebuilt, arrays copied, anything else deep-copied: the caller can change what it gets
    without changing the env's buffer, as with a deep copy.
    """
    if type(observations) is dict:
        return {k: copy_observations(v) for k, v in observations.items()}
    if type(observations) is tuple:
        if all(type(v) is str for v in observations):
            return observations
        return tuple(copy_observations(v) for v in observations)
    if isinstance(observations, np.ndarray) and observations.dtype != object:
        return observations.copy()
    return deepcopy(observations)


def _run(envs: list[Env], ops: list[tuple[int, int, Any]]) -> list[Any]:
    """Run per-sub-env operations in order; return each one's result."""
    out: list[Any] = []
    for local, op, arg in ops:
        env = envs[local]
        if op == _STEP:
            out.append(env.step(arg))
        elif op == _RESET:
            out.append(env.reset(**arg))
        else:
            result = env.step(arg)
            out.append((result, env.reset() if result[2] or result[3] else None))
    return out


def _call(envs: list[Env], name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
    out = []
    for env in envs:
        attr = env.get_wrapper_attr(name)
        out.append(attr(*args, **kwargs) if callable(attr) else attr)
    return out


def _build(env_fns: list[Callable[[], Env]]) -> list[Env]:
    return [fn() for fn in env_fns]


def _worker(build: Any, pipe: Connection, parent_pipe: Connection) -> None:
    """A worker process: build its slice's envs, then serve commands until ``close``."""
    parent_pipe.close()
    envs: list[Env] = []
    try:
        envs = build()
        pipe.send((True, None))
    except Exception as e:
        pipe.send((False, _error(e)))
        return
    try:
        while True:
            command, data = pipe.recv()
            try:
                if command == "run":
                    reply: Any = _run(envs, data)
                elif command == "call":
                    reply = _call(envs, *data)
                elif command == "set":
                    name, values = data
                    for env, value in zip(envs, values, strict=True):
                        env.set_wrapper_attr(name, value)
                    reply = None
                elif command == "close":
                    pipe.send((True, None))
                    break
                else:
                    raise RuntimeError(f"unknown command {command!r}")
            except Exception as e:
                pipe.send((False, _error(e)))
            else:
                pipe.send((True, reply))
    except (EOFError, KeyboardInterrupt, BrokenPipeError):
        pass  # the main process went away or was interrupted: just close the envs
    finally:
        for env in envs:
            env.close()


def _error(e: BaseException) -> tuple[Any, str]:
    """An exception as it crosses the pipe: itself when it pickles, else its type and text."""
    trace = traceback.format_exc()
    try:
        pickle.loads(pickle.dumps(e))  # some exceptions pickle but do not unpickle
        return e, trace
    except Exception:
        return RuntimeError(f"{type(e).__name__}: {e}"), trace


class BatchedAsyncVectorEnv(VectorEnv):
    """Sub-envs stepped in slices: the first in the main process, one per worker process.

    Behaves as :class:`~gymnasium.vector.SyncVectorEnv` does (same results for the
    same seeds and actions), but the slices step in parallel: one pipe message each way
    per worker per vector step instead of one per sub-env.

    Args:
        env_fns: Functions that create the sub-envs.
        workers: Worker processes (``None``: :func:`default_workers`). With ``0`` every
            sub-env steps in the main process.
        main_envs: Sub-envs the main process steps itself, the first ones (``None``:
            :func:`default_main_envs`); the workers split the others evenly.
        copy: Return a copy of the observations (as the sync env does).
        autoreset_mode: Gymnasium's autoreset mode.
        context: ``multiprocessing`` start method (``None``: the default).
        daemon: Workers are daemons (they die with the main process).

    Raises:
        ValueError: No sub-env, ``workers`` negative, or ``main_envs`` out of range.
        RuntimeError: The sub-envs' spaces differ.
    """

    def __init__(
        self,
        env_fns: Sequence[Callable[[], Env]],
        *,
        workers: int | None = None,
        main_envs: int | None = None,
        copy: bool = True,
        autoreset_mode: str | AutoresetMode = AutoresetMode.NEXT_STEP,
        context: str | None = None,
        daemon: bool = True,
    ) -> None:
        super().__init__()
        self.env_fns = list(env_fns)
        self.num_envs = len(self.env_fns)
        if self.num_envs == 0:
            raise ValueError("a vector env needs at least one sub-env")
        workers = default_workers(self.num_envs) if workers is None else workers
        if workers < 0:
            raise ValueError(f"workers must be 0 or more, got {workers}")
        workers = min(workers, self.num_envs)
        if main_envs is None:
            main_envs = default_main_envs(self.num_envs, workers)
        if not 0 <= main_envs <= self.num_envs or (workers == 0 and main_envs != self.num_envs):
            raise ValueError(
                f"main_envs must be from 0 to {self.num_envs} (all of them without workers), "
                f"got {main_envs}"
            )
        self.copy = copy
        self.autoreset_mode = (
            autoreset_mode
            if isinstance(autoreset_mode, AutoresetMode)
            else AutoresetMode(autoreset_mode)
        )
        # Contiguous slices: the main process's first, then the rest split evenly.
        rest = np.linspace(main_envs, self.num_envs, workers + 1).round().astype(int)
        bounds = [0, *(int(b) for b in rest)] if workers else [0, self.num_envs]
        self._slices = [range(a, b) for a, b in itertools.pairwise(bounds)]
        self._slices[1:] = [lane for lane in self._slices[1:] if len(lane)]
        self._where = [
            (lane, local) for lane, s in enumerate(self._slices) for local in range(len(s))
        ]
        self._local_envs: list[Env] = [self.env_fns[i]() for i in self._slices[0]]  # main slice
        self.parent_pipes: list[Connection] = []
        self.processes: list[Any] = []
        ctx = mp.get_context(context)
        try:
            for lane in self._slices[1:]:
                parent, child = ctx.Pipe()
                build = CloudpickleWrapper(partial(_build, [self.env_fns[i] for i in lane]))  # type: ignore[type-var]
                process = ctx.Process(  # type: ignore[attr-defined]
                    target=_worker,
                    name=f"Worker<{type(self).__name__}>-{lane.start}:{lane.stop}",
                    args=(build, child, parent),
                    daemon=daemon,
                )
                process.start()
                child.close()
                self.parent_pipes.append(parent)
                self.processes.append(process)
            self._gather([True] * len(self.parent_pipes))  # every worker built its envs
            spaces = self._call_all("observation_space", (), {})
            actions = self._call_all("action_space", (), {})
            metadata, render_mode = self.call("metadata")[0], self.call("render_mode")[0]
        except BaseException:
            self.close_extras(terminate=True)
            raise
        self.metadata = dict(metadata)
        self.metadata["autoreset_mode"] = self.autoreset_mode
        self.render_mode = render_mode
        self.single_action_space = actions[0]
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        self.single_observation_space = spaces[0]
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        if any(s != spaces[0] for s in spaces) or any(a != actions[0] for a in actions):
            self.close_extras()
            raise RuntimeError("the sub-envs' observation or action spaces differ")

        self._env_obs: list[Any] = [None] * self.num_envs
        self._observations: Any = create_empty_array(
            self.single_observation_space, n=self.num_envs, fn=np.zeros
        )
        self._rewards = np.zeros((self.num_envs,), dtype=np.float64)
        self._terminations = np.zeros((self.num_envs,), dtype=np.bool_)
        self._truncations = np.zeros((self.num_envs,), dtype=np.bool_)
        self._autoreset_envs = np.zeros((self.num_envs,), dtype=np.bool_)

    @property
    def workers(self) -> int:
        """Worker processes (the main process steps the first slice besides)."""
        return len(self.processes)

    @property
    def np_random_seed(self) -> tuple[int, ...]:  # type: ignore[override]
        """Each sub-env's ``np_random_seed``."""
        return self.get_attr("np_random_seed")

    @property  # type: ignore[misc]
    def np_random(self) -> tuple[np.random.Generator, ...]:  # type: ignore[override]
        """Each sub-env's random generator (a copy, for those in workers)."""
        return self.get_attr("np_random")

    # -- transport ---------------------------------------------------------------

    def _check_open(self) -> None:
        if self.closed:
            raise ClosedEnvironmentError(
                f"Trying to operate on `{type(self).__name__}`, after a call to `close()`."
            )

    def _call_all(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
        """Call (or read) ``name`` on every sub-env, the slices in parallel; in sub-env order."""
        sent = self._send([("call", (name, args, kwargs))] * len(self.parent_pipes))
        mine: list[Any] = []
        try:
            mine = _call(self._local_envs, name, args, kwargs)
        finally:
            replies = self._gather(sent)
        out = list(mine)
        for reply in replies:
            out.extend(reply)
        return out

    def _dispatch(
        self,
        ops: list[tuple[int, int, Any]],
        early: Callable[[list[Any]], None] | None = None,
    ) -> list[Any]:
        """Run ``(env index, op, arg)`` operations, the slices in parallel; results in order.

        ``early`` is given the main process's own results (those of the first operations:
        ``ops`` go in sub-env order) while the workers may still be stepping theirs.
        """
        if not self.parent_pipes:  # every sub-env in this process: its index is its own
            return _run(self._local_envs, ops)
        per_lane: list[list[tuple[int, int, Any]]] = [[] for _ in self._slices]
        for i, op, arg in ops:
            lane, local = self._where[i]
            per_lane[lane].append((local, op, arg))
        sent = self._send([("run", o) if o else None for o in per_lane[1:]])
        mine: list[Any] = []
        try:
            mine = _run(self._local_envs, per_lane[0])
            if early is not None:
                early(mine)
        finally:
            replies = self._gather(sent)
        results_by_lane = [mine, *replies]
        position = [0] * len(self._slices)
        out = []
        for i, _, _ in ops:
            lane = self._where[i][0]
            out.append(results_by_lane[lane][position[lane]])
            position[lane] += 1
        return out

    def _send(self, commands: list[Any]) -> list[bool | BaseException]:
        """Send each worker its command (``None``: none); per worker, sent or the error.

        A worker that cannot be reached (it died) gets its error in place, raised by
        :meth:`_gather` once the other workers' replies are read.
        """
        sent: list[bool | BaseException] = []
        for pipe, command in zip(self.parent_pipes, commands, strict=True):
            if command is None:
                sent.append(False)
                continue
            try:
                pipe.send(command)
                sent.append(True)
            except OSError as e:  # BrokenPipeError, ConnectionResetError: the worker died
                sent.append(e)
        return sent

    def _gather(self, sent: list[bool | BaseException]) -> list[Any]:
        """Each worker's reply (``[]`` for those not sent a command).

        Every reply is read before an error is raised, so that the pipes stay in step; the
        first worker's error is raised, with the worker's traceback as a note.
        """
        replies: list[Any] = [[] for _ in sent]
        error: tuple[int, Any, str] | None = None
        for k, pipe in enumerate(self.parent_pipes):
            if isinstance(sent[k], BaseException):
                error = error or (k + 1, sent[k], "")
                continue
            if not sent[k]:
                continue
            try:
                ok, value = pipe.recv()
            except EOFError:
                ok, value = False, (EOFError(f"worker {k + 1} exited"), "")
            if ok:
                replies[k] = value
            elif error is None:
                error = (k + 1, *value)
        if error is not None:
            lane, exc, trace = error
            logger.error(f"Received the following error from worker {lane}:\n{trace or exc!r}")
            if trace:
                exc.add_note(f"in worker process {lane} of {type(self).__name__}:\n{trace}")
            raise exc
        return replies

    # -- the vector env API (SyncVectorEnv's semantics) ----------------------------

    def reset(
        self,
        *,
        seed: int | list[int | None] | None = None,
        options: dict[str, Any] | None = None,
    ) -> tuple[Any, dict[str, Any]]:
        """Reset the sub-envs (all, or those ``options["reset_mask"]`` selects).

        Args:
            seed: ``None``, an int (sub-env ``i`` gets ``seed + i``) or one per sub-env.
            options: Passed to each sub-env's reset; ``reset_mask`` picks sub-envs.

        Returns:
            The batched observations and the stacked infos.
        """
        self._check_open()
        if seed is None:
            seed = [None for _ in range(self.num_envs)]
        elif isinstance(seed, int):
            seed = [seed + i for i in range(self.num_envs)]
        if len(seed) != self.num_envs:
            raise ValueError(
                f"If seeds are passed as a list the length must match num_envs={self.num_envs} "
                f"but got length={len(seed)}."
            )
        mask = np.ones((self.num_envs,), dtype=np.bool_)
        if options is not None and "reset_mask" in options:
            options = dict(options)
            reset_mask = options.pop("reset_mask")
            if not isinstance(reset_mask, np.ndarray):
                raise TypeError(
                    f"`options['reset_mask']` must be a numpy array, got {type(reset_mask)}"
                )
            if reset_mask.shape != (self.num_envs,):
                raise ValueError(
                    f"`options['reset_mask']` must have shape `({self.num_envs},)`, "
                    f"got {reset_mask.shape}"
                )
            if reset_mask.dtype != np.bool_:
                raise TypeError(
                    f"`options['reset_mask']` must have `dtype=np.bool_`, got {reset_mask.dtype}"
                )
            if not np.any(reset_mask):
                raise ValueError(
                    "`options['reset_mask']` must contain a boolean array with at least one "
                    f"True value, got reset_mask={reset_mask}"
                )
            mask = reset_mask
        self._terminations[mask] = False
        self._truncations[mask] = False
        self._autoreset_envs[mask] = False
        chosen = [i for i in range(self.num_envs) if mask[i]]
        results = self._dispatch(
            [(i, _RESET, {"seed": seed[i], "options": options}) for i in chosen]
        )
        added: list[tuple[int, dict[str, Any]]] = []
        for i, (obs, info) in zip(chosen, results, strict=True):
            self._env_obs[i] = obs
            added.append((i, info))
        self._observations = concatenate(
            self.single_observation_space, self._env_obs, self._observations
        )
        infos = stack_infos(added, self.num_envs)
        return (copy_observations(self._observations) if self.copy else self._observations), infos

    def step(
        self, actions: Any
    ) -> tuple[
        Any, np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any], dict[str, Any]
    ]:
        """Step every sub-env (a sub-env that just ended resets instead, in next-step mode).

        Args:
            actions: One action per sub-env (an element of :attr:`action_space`).

        Returns:
            Batched observations, rewards, terminations, truncations and stacked infos.
        """
        self._check_open()
        mode = self.autoreset_mode
        ops: list[tuple[int, int, Any]] = []
        for i, action in enumerate(iterate(self.action_space, actions)):
            if mode == AutoresetMode.NEXT_STEP and self._autoreset_envs[i]:
                ops.append((i, _RESET, {}))
            elif mode == AutoresetMode.SAME_STEP:
                ops.append((i, _STEP_RESET, action))
            else:
                if mode == AutoresetMode.DISABLED:
                    assert not self._autoreset_envs[i], f"{self._autoreset_envs=}"
                ops.append((i, _STEP, action))
        stacker = _InfoStacker(self.num_envs)
        taken = 0

        def early(mine: list[Any]) -> None:  # the main process's own, while workers step
            nonlocal taken
            self._take(ops[: len(mine)], mine, stacker)
            taken = len(mine)

        results = self._dispatch(ops, early)
        self._take(ops[taken:], results[taken:], stacker)
        self._observations = concatenate(
            self.single_observation_space, self._env_obs, self._observations
        )
        self._autoreset_envs = np.logical_or(self._terminations, self._truncations)
        infos = stacker.stack()
        return (
            copy_observations(self._observations) if self.copy else self._observations,
            np.copy(self._rewards),
            np.copy(self._terminations),
            np.copy(self._truncations),
            infos,
        )

    def _take(
        self, ops: list[tuple[int, int, Any]], results: list[Any], stacker: _InfoStacker
    ) -> None:
        """Record step results in the buffers (as the sync env does) and their infos."""
        for (i, op, _), result in zip(ops, results, strict=True):
            if op == _RESET:
                self._env_obs[i], env_info = result
                self._rewards[i] = 0.0
                self._terminations[i] = False
                self._truncations[i] = False
            elif op == _STEP:
                (
                    self._env_obs[i],
                    self._rewards[i],
                    self._terminations[i],
                    self._truncations[i],
                    env_info,
                ) = result
            else:
                stepped, after = result
                (
                    self._env_obs[i],
                    self._rewards[i],
                    self._terminations[i],
                    self._truncations[i],
                    env_info,
                ) = stepped
                if after is not None:
                    stacker.add(i, {"final_obs": self._env_obs[i], "final_info": env_info})
                    self._env_obs[i], env_info = after
            stacker.add(i, env_info)

    def render(self) -> tuple[Any, ...] | None:
        """Each sub-env's render."""
        return self.call("render")

    def call(self, name: str, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
        """Call a method (or read an attribute) of every sub-env; results in sub-env order."""
        self._check_open()
        return tuple(self._call_all(name, args, kwargs))

    def get_attr(self, name: str) -> tuple[Any, ...]:
        """An attribute of every sub-env."""
        return self.call(name)

    def set_attr(self, name: str, values: list[Any] | tuple[Any, ...] | object) -> None:
        """Set an attribute of every sub-env: one value each (a list or tuple), or the same.

        Raises:
            ValueError: A list or tuple whose length is not ``num_envs``.
        """
        self._check_open()
        if not isinstance(values, (list, tuple)):
            values = [values for _ in range(self.num_envs)]
        if len(values) != self.num_envs:
            raise ValueError(
                "Values must be a list or tuple with length equal to the number of environments. "
                f"Got `{len(values)}` values for {self.num_envs} environments."
            )
        sent = self._send([("set", (name, [values[i] for i in lane])) for lane in self._slices[1:]])
        try:
            for env, value in zip(self._local_envs, values, strict=False):
                env.set_wrapper_attr(name, value)
        finally:
            self._gather(sent)

    def close_extras(
        self, timeout: float | None = 5.0, terminate: bool = False, **kwargs: Any
    ) -> None:
        """Close the sub-envs and stop the workers (terminated if they do not stop in time)."""
        for env in getattr(self, "_local_envs", []):
            env.close()
        pipes = getattr(self, "parent_pipes", [])
        if not terminate:
            for pipe in pipes:
                with contextlib.suppress(BrokenPipeError, OSError):
                    pipe.send(("close", None))
            for pipe in pipes:
                try:
                    if pipe.poll(timeout):
                        pipe.recv()
                except (EOFError, OSError):
                    pass
        for process in getattr(self, "processes", []):
            process.join(0 if terminate else timeout)
            if process.is_alive():
                process.terminate()
                process.join()
        for pipe in pipes:
            pipe.close()

    def __del__(self) -> None:
        """Stop the workers of an env that was never closed."""
        if not getattr(self, "closed", True) and hasattr(self, "processes"):
            self.close(terminate=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(num_envs={self.num_envs}, workers={self.workers})"


def make_vector_env(env_id: str, num_envs: int = 1, **kwargs: Any) -> BatchedAsyncVectorEnv:
    """The ``vector_entry_point`` of every ecomstage env (bound to its id).

    Args:
        env_id: The Gymnasium id of the sub-envs.
        num_envs: Sub-envs.
        **kwargs: ``workers``, ``main_envs``, ``copy``, ``autoreset_mode``, ``context`` and ``daemon``
            go to :class:`BatchedAsyncVectorEnv`; the rest to each sub-env.

    Returns:
        The vector env.
    """
    own = {
        k: kwargs.pop(k)
        for k in ("workers", "main_envs", "copy", "autoreset_mode", "context", "daemon")
        if k in kwargs
    }
    return BatchedAsyncVectorEnv([partial(gym.make, env_id, **kwargs)] * num_envs, **own)
