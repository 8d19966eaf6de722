"""Encoding and framing of data files: every problem is a typed error naming file, line, field.

Case files, specs and world files of a scenario folder, and release-format files (a
JSON array or JSON Lines), in UTF-16, latin-1, GBK, with a byte-order mark, nested
past the cap, from devices, with missing commas or text after the closing bracket.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecomstage_env.checks.validate import validate_path
from ecomstage_env.data import jsonl
from ecomstage_env.data.jsonl import MAX_DEPTH, iter_json_lines
from ecomstage_env.data.loader import iter_cases, load_scenario, load_spec
from ecomstage_env.errors import DataError
from ecomstage_env.paper.official import MalformedRecordError, iter_raw_records, read_records

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_shop"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "tiny_shop"))


def case_lines(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (folder / "cases.jsonl").read_text("utf-8").splitlines()]


def write_cases(folder: Path, cases: list[dict[str, Any]], encoding: str = "utf-8") -> Path:
    path = folder / "cases.jsonl"
    text = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
    path.write_bytes(text.encode(encoding))
    return path


def load_error(folder: Path) -> DataError:
    with pytest.raises(DataError) as e:
        load_scenario(folder)
    return e.value


# -- case files -----------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_utf16_or_utf32_case_file_is_named_as_such(shop: Path, encoding: str) -> None:
    write_cases(shop, case_lines(shop), encoding)
    err = load_error(shop)
    assert err.path.name == "cases.jsonl" and err.line == 1
    assert "UTF-16" in err.problem or "UTF-32" in err.problem
    assert "save it as UTF-8" in err.problem


@pytest.mark.parametrize(("encoding", "byte"), [("latin-1", "0xe9"), ("gbk", "0xc4")])
def test_a_latin1_or_gbk_case_names_line_and_field(shop: Path, encoding: str, byte: str) -> None:
    cases = case_lines(shop)
    cases[1]["dialogue"][0]["text"] = {"latin-1": "café, where is my order?", "gbk": "您好 order?"}[
        encoding
    ]
    path = shop / "cases.jsonl"
    raw = b"".join(
        json.dumps(c, ensure_ascii=False).encode(encoding if i == 1 else "utf-8") + b"\n"
        for i, c in enumerate(cases)
    )
    path.write_bytes(raw)
    err = load_error(shop)
    assert (err.line, err.field) == (2, "dialogue.0.text"), str(err)
    assert f"byte {byte} is not UTF-8" in err.problem and "latin-1 or GBK" in err.problem


def test_a_byte_order_mark_before_the_first_case_is_skipped(shop: Path) -> None:
    path = shop / "cases.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [c.case_id for c in load_scenario(shop).cases] == ["t-1", "t-2", "t-3"]


def test_a_lone_surrogate_escape_names_line_and_field(shop: Path) -> None:
    cases = case_lines(shop)
    path = write_cases(shop, cases)
    lines = path.read_text("utf-8").splitlines()
    lines[2] = lines[2].replace('"annotators": ["test fixture"]', '"annotators": ["a\\ud800b"]')
    path.write_text("\n".join(lines) + "\n", "utf-8")
    err = load_error(shop)
    assert (err.line, err.field) == (3, "annotation.annotators.0")
    assert "lone surrogate '\\ud800'" in err.problem


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 5_000, 200_000])
def test_deep_nesting_is_refused_with_its_line(shop: Path, depth: int) -> None:
    path = shop / "cases.jsonl"
    deep = '{"case_id": "d", "user": ' + "[" * depth + "]" * depth + "}"
    path.write_text(path.read_text("utf-8") + deep + "\n", "utf-8")
    err = load_error(shop)
    assert err.line == 4 and "nested deeper than" in err.problem


def test_nesting_under_the_cap_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    ok = {"a": json.loads("[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2))}
    path.write_text(json.dumps(ok) + "\n", "utf-8")
    assert [v for _, v in iter_json_lines(path)] == [ok]


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_devices_are_not_read(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(DataError, match="got a device, pipe or socket"):
        list(iter_cases(device))
    with pytest.raises(DataError, match="got a device, pipe or socket"):
        read_records(device)


def test_binary_data_is_refused_at_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "zeros.jsonl"
    path.write_bytes(b'{"a": 1}\n' + b"\x00" * 5000)
    with pytest.raises(DataError, match=r"binary data \(a NUL byte at offset 9\)") as e:
        list(iter_json_lines(path))
    assert e.value.line == 2


def test_an_overlong_line_is_refused_without_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonl, "MAX_LINE_CHARS", 1000)
    path = tmp_path / "long.jsonl"
    path.write_text('{"a": 1}\n{"b": "' + "x" * 5000 + '"}\n', "utf-8")
    with pytest.raises(DataError, match="line longer than 1,000 characters") as e:
        list(iter_json_lines(path))
    assert e.value.line == 2


# -- spec and world file --------------------------------------------------------------------
def test_a_latin1_spec_names_its_line(shop: Path) -> None:
    spec = shop / "spec.toml"
    text = spec.read_text("utf-8").replace("Tiny shop (test fixture)", "Tiny café")
    spec.write_bytes(text.encode("latin-1"))
    err = load_error(shop)
    line = next(n for n, x in enumerate(text.splitlines(), 1) if "café" in x)
    assert err.path == spec and err.line == line and "byte 0xe9 is not UTF-8" in err.problem


def test_a_spec_with_a_byte_order_mark_loads(shop: Path) -> None:
    spec = shop / "spec.toml"
    spec.write_bytes(b"\xef\xbb\xbf" + spec.read_bytes())
    assert load_scenario(shop).spec.name == "tiny_shop"


def test_a_utf16_spec_and_a_toml_error_name_the_line(shop: Path) -> None:
    spec = shop / "spec.toml"
    good = spec.read_text("utf-8")
    spec.write_bytes(good.encode("utf-16"))
    assert "UTF-16" in load_error(shop).problem
    spec.write_text(good.replace('title = "', 'title = "unclosed\n', 1), "utf-8")
    err = load_error(shop)
    assert err.line is not None and "not valid TOML" in err.problem


@pytest.mark.parametrize(
    ("content", "problem", "line"),
    [
        (b'{"orders": [], "note": "caf\xe9"}', "byte 0xe9 is not UTF-8", 1),
        ('{"a":\n' * 3000 + "1" + "}" * 3000, "nested deeper than", None),
        (b'{"orders": []}\n]', "not valid JSON", 2),
        ('{"orders": [], "n": "\\udfff"}', "lone surrogate", None),
        ('{"a":' + "[" * 100 + "]" * 100 + "}", "nested deeper than", None),
    ],
)
def test_world_file_problems_are_typed(
    shop: Path, content: str | bytes, problem: str, line: int | None
) -> None:
    world = shop / "world.json"
    world.write_bytes(content if isinstance(content, bytes) else content.encode())
    spec = shop / "spec.toml"
    spec.write_text(
        spec.read_text("utf-8").replace(
            'case_files = ["cases.jsonl"]',
            'world_file = "world.json"\ncase_files = ["cases.jsonl"]',
        ),
        "utf-8",
    )
    err = load_error(shop)
    assert err.path == world and problem in err.problem and err.line == line, str(err)


# -- release files --------------------------------------------------------------------------
def rec(
    rid: str, human: str = "Conversation:\nUser: does it come in XL?\n\nIntent?"
) -> dict[str, Any]:
    return {
        "id": rid,
        "task_type": "intent_recognition",
        "system": "Classify.",
        "conversations": [{"from": "human", "value": human}, {"from": "gpt", "value": "1"}],
        "gt_answer": "1",
    }


RECORDS = [rec(f"r{i}") for i in range(5)]


def array_text(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, indent=1, ensure_ascii=False)


def test_a_bom_before_a_json_array_loses_no_record(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + array_text(RECORDS).encode())
    kept, bad = read_records(path)
    assert [r.record.id for r in kept] == [r["id"] for r in RECORDS] and bad == []


@pytest.mark.parametrize("layout", ["array", "jsonl"])
def test_a_bom_before_json_lines_loses_no_record(tmp_path: Path, layout: str) -> None:
    text = (
        array_text(RECORDS) if layout == "array" else "".join(json.dumps(r) + "\n" for r in RECORDS)
    )
    path = tmp_path / f"bom.{layout}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert len(read_records(path)[0]) == 5


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_utf16_release_is_a_typed_error(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(array_text(RECORDS).encode(encoding))
    with pytest.raises(DataError, match="save it as UTF-8") as e:
        read_records(path)
    assert e.value.line == 1


@pytest.mark.parametrize("layout", ["array", "jsonl"])
@pytest.mark.parametrize(("encoding", "text"), [("latin-1", "Größe"), ("gbk", "尺码")])
def test_latin1_or_gbk_records_are_reported_by_line_and_field(
    tmp_path: Path, layout: str, encoding: str, text: str
) -> None:
    records = [rec("r0"), rec("bad", f"Conversation:\nUser: {text} XL?\n\nIntent?"), rec("r2")]
    parts = [json.dumps(r, ensure_ascii=False) for r in records]
    sep = b",\n" if layout == "array" else b"\n"
    body = sep.join(p.encode(encoding if i == 1 else "utf-8") for i, p in enumerate(parts))
    path = tmp_path / f"r.{layout}"
    path.write_bytes(b"[\n" + body + b"\n]\n" if layout == "array" else body + b"\n")
    kept, bad = read_records(path)
    assert [r.record.id for r in kept] == ["r0", "r2"]
    (only,) = bad
    assert only.line == (3 if layout == "array" else 2)
    assert only.field == "conversations.0.value" and "is not UTF-8" in only.reason
    with pytest.raises(MalformedRecordError) as e:
        read_records(path, on_malformed="error")
    assert e.value.line == only.line and e.value.field == "conversations.0.value"


@pytest.mark.parametrize(
    ("mangle", "problem", "line"),
    [
        (lambda t: t.replace("},\n {", "}\n {", 1), "expected ',' or ']' after the record", 18),
        (lambda t: t + "\ngarbage", "unexpected text after the closing ']'", 83),
        (lambda t: t + "]", "unexpected text after the closing ']'", 82),
        (lambda t: t + "\n[]", "unexpected text after the closing ']'", 83),
        (lambda t: t[:-2] + ",\n]", "a ',' right before the closing ']'", 82),
        (lambda t: t.replace("},\n {", "},,\n {", 1), "not valid JSON", 17),
        (lambda t: t[:-2], "not closed with ']'", 81),
        (lambda t: t.replace('"r3"', '"r3" "x"'), "not valid JSON", 51),
    ],
)
def test_array_framing_errors_name_the_line(
    tmp_path: Path, mangle: Any, problem: str, line: int
) -> None:
    path = tmp_path / "r.json"
    path.write_text(mangle(array_text(RECORDS)), "utf-8")
    with pytest.raises(DataError) as e:
        read_records(path)
    assert problem in e.value.problem and e.value.line == line, str(e.value)


def test_a_deep_record_is_reported_and_a_deep_array_refused(tmp_path: Path) -> None:
    deep = rec("deep")
    deep["extra"] = json.loads("[" * 100 + "]" * 100)
    path = tmp_path / "r.json"
    path.write_text(array_text([rec("a"), deep, rec("b")]), "utf-8")
    kept, bad = read_records(path)
    assert [r.record.id for r in kept] == ["a", "b"]
    assert "nested deeper than" in bad[0].reason and bad[0].field.startswith("extra.")
    path.write_text("[" + "[" * 100_000 + "]" * 100_000 + "]", "utf-8")
    with pytest.raises(DataError, match="nested deeper than"):
        read_records(path)


def test_empty_release_files_are_typed_errors(tmp_path: Path) -> None:
    for text in ("", " \n\n "):
        path = tmp_path / "empty.json"
        path.write_text(text, "utf-8")
        with pytest.raises(DataError, match="empty data file"):
            list(iter_raw_records(path))


def test_validate_refuses_an_empty_case_file(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n\n", "utf-8")
    with pytest.raises(DataError, match="no records"):
        validate_path(path)


def test_validate_reports_each_bad_line_of_a_case_file(shop: Path) -> None:
    path = shop / "cases.jsonl"
    raw = path.read_bytes().splitlines()
    raw[1] = raw[1].replace(b"test fixture", b"caf\xe9")
    path.write_bytes(b"\n".join(raw) + b"\n{oops\n")
    problems = validate_path(path)
    assert any(":2: field 'annotation.annotators.0'" in p and "not UTF-8" in p for p in problems)
    assert any(":4:" in p and "not valid JSON" in p for p in problems)


def test_validate_streams_a_folder_in_chunks_and_reports_every_bad_case(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecomstage_env.checks import validate

    monkeypatch.setattr(validate, "CHUNK_CASES", 2)
    assert validate.validate_scenario(shop) == []
    path = shop / "cases.jsonl"
    lines = path.read_text("utf-8").splitlines()
    bad = [lines[1], lines[0].replace('"split": "test"', '"split": "nope"'), *lines, "{oops"]
    path.write_text("\n".join(bad) + "\n", "utf-8")
    problems = validate.validate_scenario(shop)
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in problems] == ["2", "4", "6"]
    assert "field 'split'" in problems[0] and "duplicate case_id 't-2'" in problems[1]
    assert "not valid JSON" in problems[2]


def test_validate_lists_a_bounded_number_of_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecomstage_env.checks import validate

    monkeypatch.setattr(validate, "MAX_PROBLEMS", 10)
    path = tmp_path / "cases.jsonl"
    path.write_text("[1]\n" * 50, "utf-8")
    problems = validate_path(path)
    assert len(problems) == 11 and problems[-1] == "... and 40 more problem(s) not listed"
    assert problems[0].endswith(":1: not a JSON object (a list)")


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_validate_refuses_a_device(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(DataError, match="not a regular file"):
        validate_path(device)


# -- any bytes at all -----------------------------------------------------------------------
_SOUND = array_text(RECORDS[:3]).encode()


@st.composite
def _damaged(draw: st.DrawFn) -> bytes:
    """A sound release file with bytes cut, inserted or replaced; or bytes at random."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=600))
    data = bytearray(_SOUND)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "replace"]))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if kind == "cut":
            del data[at : at + len(chunk)]
        elif kind == "insert":
            data[at:at] = chunk
        else:
            data[at : at + len(chunk)] = chunk
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=_damaged(), suffix=st.sampled_from([".json", ".jsonl"]))
def test_any_bytes_load_or_raise_a_typed_error(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"data{suffix}"
        path.write_bytes(content)
        for read in (read_records, validate_path, lambda p: list(iter_cases(p))):
            try:
                read(path)
            except DataError as e:
                assert e.path == path and str(e).startswith(str(path))
        spec = Path(tmp) / "spec.toml"
        spec.write_bytes(content)
        with pytest.raises(DataError) as err:
            load_spec(tmp)
        assert err.value.path == spec
