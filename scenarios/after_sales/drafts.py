"""Hand-written drafts of the after_sales cases (situation, dialogue, human labels).

``author.py`` expands each draft into a case and fills in the policy's gold. Keys:
``key`` (seeds the case id), ``customer``/``name``/``tier``, ``order``/``sku``/``price``/
``qty``, ``delivered`` and ``paid`` (days before 2026-06-20), ``used``, ``no_tags``,
``fee``, ``compensated`` (days ago a goodwill coupon was given for this order),
``issue``/``wants``/``new_sku`` (world_refs), ``persona`` (hidden), ``dialogue``,
``rewrite``/``points``, ``intent``/``attitude``/``faq`` with ``notes`` naming the
guideline line that decided each.
"""

from __future__ import annotations

from typing import Any

FAQ_NEAR: dict[str, tuple[str, ...]] = {
    "RT1": ("RT4", "RT6", "RT7", "RF2", "RF4"),
    "RT7": ("RT1", "RT4", "RT6", "RF4", "RF2"),
    "RT6": ("RT1", "RT7", "RT4", "RF4", "OR5"),
    "RF4": ("RT1", "RT7", "CM2", "SH2", "RF5", "PP1"),
    "PP1": ("PP2", "RF4", "RF2", "CM2", "RT7"),
    "CM2": ("CM1", "CM6", "RF4", "RT7", "SH3"),
}


def P(wants: str, accepts: list[str] | None = None, pushback: int = 0, grabs: list[str] | None = None,
      patience: tuple[int, int] = (3, 4), tone: str = "polite", lang: str = "en") -> dict[str, Any]:
    """A persona."""
    return {"wants": wants, "accepts": accepts or [], "grabs": grabs or [], "pushback": pushback,
            "patience": list(patience), "tone": tone, "lang": lang}


C, A = "customer", "agent"

DRAFTS: list[dict[str, Any]] = [
    dict(key="shirt-size-ok", customer="U-2001", name="Zhou Min", order="O-3001", sku="P-1001-M-WHT", price=169.0,
         delivered=3, issue="size_fit", wants="return", persona=P("return"),
         dialogue=[(C, "Hi, the linen shirt I got on Tuesday is way too tight across the shoulders. Haven't worn it, tags still on. Can I send it back for a refund?")],
         rewrite="Can I return the unworn linen shirt with its tags on for a refund because it is too tight?",
         points=[{"any": ["return", "退货"], "note": "a return is asked"}],
         intent="4", attitude="0", faq="RT1",
         notes="intent rule 3 (asks for a return and refund). attitude rule 4 (calm request). faq rule 1 (wants to send it back, within the window)."),
]
