"""Every bundled env replays byte for byte: optimisations must not change what an agent
sees or how it is scored (see tests/replay.py to regenerate on purpose)."""

from __future__ import annotations

import json

from tests.replay import DIGESTS, digests


def test_every_episode_replays_identically() -> None:
    want = json.loads(DIGESTS.read_text(encoding="utf-8"))
    got = digests()
    assert set(got) == set(want)
    changed = [
        f"{key}:{case}"
        for key, cases in want.items()
        for case, d in cases.items()
        if got[key].get(case) != d
    ]
    assert not changed, f"{len(changed)} episodes differ, e.g. {changed[:5]}"
