"""The tracking write-back changes exactly the tracking lines, whatever the file looks like."""

from __future__ import annotations

import difflib
import glob
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentflow.record.load import parse_document
from incidentflow.sync.writeback import TrackingUpdate, WriteBackError, set_tracking
from tests.conftest import PROJECT_ROOT, run_incident
from tests.fake_github import FakeGitHub
from tests.sync.support import (
    commit_all,
    committed_files,
    incident_path,
    incident_text,
    sync,
    write_incident,
)

UPDATE = TrackingUpdate({"legal": 12, "cs": 3}, {"P1": 45})
BLOCK = "tracking:\n  stakeholders:\n    legal: 12\n    cs: 3\n  prevention:\n    P1: 45\n"


def edit(text: str, update: TrackingUpdate = UPDATE) -> str:
    return set_tracking(text.encode("utf-8"), update).decode("utf-8")


@pytest.mark.parametrize("path", sorted(glob.glob(str(PROJECT_ROOT / "incidents/2026/*.md"))))
def test_example_incidents_gain_only_the_tracking_block(path: str) -> None:
    raw = open(path, "rb").read()  # noqa: SIM115 - one-shot read
    text = raw.decode("utf-8")
    closing = text.index("\n---\n", 3) + 1

    assert edit(text) == text[:closing] + BLOCK + text[closing:]


def test_crlf_bom_comments_and_quotes_survive_byte_for_byte() -> None:
    text = (
        "---\n# modeline comment\nid: 'INC-1'   # why\ntitle: \"Quoted: yes\"\n"
        "stakeholders: [legal,  cs]   # odd spacing kept\n---\nBody  \n"
    )
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")

    out = set_tracking(raw, UPDATE)

    expected = text.replace("---\nBody", BLOCK + "---\nBody")
    assert out == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode("utf-8")


def test_an_up_to_date_file_comes_back_byte_identical() -> None:
    raw = b"---\nid: X\ntracking:\n  stakeholders: {legal: 12, cs: 3}\n  prevention:\n"
    raw += b"    P1: 45   # mine\n---\n"

    assert set_tracking(raw, UPDATE) is raw


def test_existing_numbers_are_updated_in_place_and_new_ones_added_after_them() -> None:
    text = (
        "---\nid: X\ntracking:\n  stakeholders:\n    legal: 7   # set by hand\n"
        "    sales: 9\n  # prevention comes later\nstatus: open\n---\n"
    )

    out = edit(text)

    lines = out.split("\n")
    assert lines[4].startswith("    legal: 12") and "# set by hand" in lines[4]
    assert "    sales: 9" in lines and lines.index("    cs: 3") > lines.index("    sales: 9")
    assert out.endswith("status: open\n---\n")
    assert out.count("\n") == text.count("\n") + 3  # cs, prevention:, P1


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("tracking:\n", BLOCK),
        ("tracking: {}\n", BLOCK),
        ("tracking: null\n", BLOCK),
    ],
)
def test_empty_tracking_is_filled(before: str, after: str) -> None:
    expected = f"---\nid: X\n{after}status: open\n---\n"
    assert edit(f"---\nid: X\n{before}status: open\n---\n") == expected


def test_four_space_indentation_is_followed() -> None:
    text = "---\nid: X\ndetection:\n    source: other\n---\n"

    assert "tracking:\n    stakeholders:\n        legal: 12\n" in edit(text)


def test_files_it_cannot_edit_safely_are_refused() -> None:
    with pytest.raises(WriteBackError):
        set_tracking(b"no front matter\n", UPDATE)
    with pytest.raises(WriteBackError):
        set_tracking(b"---\nid: [unclosed\n---\n", UPDATE)
    with pytest.raises(WriteBackError):
        set_tracking(b"---\nid: X\n", UPDATE)


def test_the_result_loads_with_the_same_data_plus_tracking() -> None:
    text = "---\nid: X\nprevention:\n  - id: P1\n    title: t\n---\n# Body\n"

    document, _ = parse_document(edit(text).encode(), "x.md")

    assert document is not None
    assert document.data["prevention"] == [{"id": "P1", "title": "t"}]
    assert document.data["tracking"] == {
        "stakeholders": {"legal": 12, "cs": 3},
        "prevention": {"P1": 45},
    }


_SCALARS = st.sampled_from(
    ["plain", "'single'", '"double: yes"', "2026-11-28T09:00:00+09:00", "'2026-11-28'", "42",
     "null", "[a,  b]", "{x: 1}", ">-\n    folded\n    text", "|\n    literal"]
)  # fmt: skip
_COMMENTS = st.sampled_from(["", "   # note", "  #x"])


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    lines = ["---"]
    for number in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# a comment", "   # indented comment"])))
        value = draw(_SCALARS)
        if draw(st.booleans()):
            indent = " " * draw(st.sampled_from([2, 4]))
            if draw(st.booleans()):
                dash = " " * draw(st.sampled_from([0, 2]))
                lines.append(f"key{number}:")
                lines.append(f"{dash}- {value.split(chr(10))[0]}{draw(_COMMENTS)}")
                lines.append(f"{dash}- other")
            else:
                lines.append(f"key{number}:{draw(_COMMENTS)}")
                lines.append(f"{indent}child: {value.split(chr(10))[0]}{draw(_COMMENTS)}")
        else:
            comment = "" if "\n" in value else draw(_COMMENTS)
            lines.append(f"key{number}: {value}{comment}")
    lines += ["---", "body"]
    text = "\n".join(lines) + "\n"
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(max_examples=150, deadline=None)
@given(front_matters())
def test_any_front_matter_only_gains_lines(text: str) -> None:
    raw = text.encode("utf-8")
    try:
        out = set_tracking(raw, UPDATE)
    except WriteBackError:
        return  # refused rather than risk the file; the sync reports it
    before = raw.decode().splitlines(keepends=True)
    after = out.decode().splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    assert all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes()), out.decode()
    assert set_tracking(out, UPDATE) == out


def test_the_bot_pull_request_keeps_the_incident_index_current(
    repo: Path, fake_github_factory: Any
) -> None:
    """The numbers the sync writes are not in the index (it lists what the files say about the
    incident), so merging the bot's pull request never leaves a stale index behind."""
    write_incident(repo, 1, incident_text(1, stakeholders=["engineering", "cs"]))
    assert run_incident("index", cwd=repo).code == 0
    commit_all(repo)
    gh: FakeGitHub = fake_github_factory(files=committed_files(repo))
    assert sync(repo, gh).code == 0

    (pull,) = [p for p in gh.state.pulls if p.state == "open"]
    gh.state.merge_pull(pull.number)
    path = incident_path(1)
    merged = gh.state.read_file("main", path)
    assert merged is not None and b"tracking:" in merged
    (repo / path).write_bytes(merged)
    commit_all(repo, "merge the bot's pull request")

    assert run_incident("index", "--check", cwd=repo).code == 0
