"""One more line at the end of an incident file's Timeline section, nothing else changed.

A repeated alert adds a line to the incident its first alert declared. The line carries a
hidden tag of the alert it records, so running the same alert again adds nothing.
"""

from __future__ import annotations

from incidentflow.record.sections import SECTION_BY_KEY, find_sections


def tagged(line: str, tag: str) -> str:
    return f"{line} <!-- {tag} -->"


def append_timeline(text: str, line: str, lang: str, tag: str) -> str:
    """``text`` with ``line`` (tagged) ending its Timeline section; unchanged if the tag is
    there already. A file without the section gets one at the end."""
    if f"<!-- {tag} -->" in text:
        return text
    entry = tagged(line, tag)
    newline = "\r\n" if "\r\n" in text else "\n"
    rows = text.replace("\r\n", "\n").split("\n")
    sections = find_sections(text.replace("\r\n", "\n"))
    spec = SECTION_BY_KEY["timeline"]
    # The section at its own level: a title that reads "Timeline" makes the H1 one too.
    candidates = [s for s in sections if s.key == "timeline"]
    timeline = next((s for s in candidates if s.level == spec.level), None)
    timeline = timeline or next(iter(candidates), None)
    if timeline is None:
        heading = spec.ja if lang == "ja" else spec.en
        body = text.rstrip("\r\n")
        return f"{body}{newline}{newline}## {heading}{newline}{newline}{entry}{newline}"
    later = [s.line for s in sections if s.line > timeline.line and s.level <= timeline.level]
    end = (min(later) - 1) if later else len(rows)  # index of the next heading's row
    last = end - 1
    while last >= timeline.line and not rows[last].strip():
        last -= 1
    # After a list item the line continues the list; after anything else, a blank line first.
    insert = [entry] if rows[last].lstrip().startswith("- ") else ["", entry]
    rows[last + 1 : last + 1] = insert
    return newline.join(rows)
