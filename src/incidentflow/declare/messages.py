"""What a declaration writes on GitHub: the pull request, and comments on the issue.

Each text starts with a hidden marker of the declaration it belongs to, which is how a run
repeated on the same issue or alert finds its earlier work. Everything that came from the
reporter or the alerting system is escaped for Markdown and quietened (``forge.mentions``):
it reads as written but mentions nobody, links no issue and closes nothing. The reporter's
longer text is not repeated here: it is in the file, which the pull request shows.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from incidentflow.declare.declaration import Declaration, PersonalDataFound
from incidentflow.declare.draft import IncidentDraft
from incidentflow.declare.text import escape_markdown, one_line
from incidentflow.forge.mentions import quieten

_MARKER = re.compile(
    r"^<!-- incidentflow:declaration (?P<key>[a-z0-9-]+) (?P<id>[A-Za-z0-9-]+) "
    r"(?P<path>[A-Za-z0-9._/-]+\.md) (?P<digest>[0-9a-f]+|-) -->"
)
PULL_TITLE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class DeclarationMarker:
    """The first line of a declaration's pull request: its key, incident and file."""

    key: str
    incident_id: str
    path: str
    digest: str  # the first alert's payload; "-" for an issue

    def render(self) -> str:
        return (
            f"<!-- incidentflow:declaration {self.key} {self.incident_id} {self.path} "
            f"{self.digest} -->"
        )

    @classmethod
    def parse(cls, body: str) -> DeclarationMarker | None:
        found = _MARKER.match(body.split("\n", 1)[0].rstrip("\r"))
        if found is None or ".." in found["path"].split("/"):
            return None
        return cls(found["key"], found["id"], found["path"], found["digest"])


def outside(text: str) -> str:
    """Text from the reporter or the alert, for a GitHub Markdown body."""
    return quieten(escape_markdown(text))


def pull_title(declaration: Declaration, draft: IncidentDraft) -> str:
    title = quieten(one_line(declaration.title, PULL_TITLE_LIMIT))
    return f"障害申告 / Declare {draft.incident_id}: {title}"


def pull_body(
    declaration: Declaration, draft: IncidentDraft, marker: DeclarationMarker, teams: list[str]
) -> str:
    personal = {
        "yes": "はい / yes",
        "no": "いいえ / no (not yet confirmed by anyone)",
        "unknown": "分からない / unknown",
    }.get(declaration.personal_data or "", "-")
    if declaration.origin == "issue":
        origin = f"#{declaration.issue_number}"
    else:
        origin = "アラート / alert (repository_dispatch)"
        if declaration.service:
            origin += f": {outside(declaration.service)}"
    rows = [
        ("件名 / Title", outside(declaration.title)),
        ("重大度 / Severity", f"`{draft.severity}`"),
        ("検知 / Detected", draft.detected_at),
        ("検知経路 / Source", f"`{declaration.source}`"),
        ("個人情報の可能性 / Personal data might be involved", personal),
        ("申告元 / Declared from", origin),
        ("ファイル / File", f"`{draft.path}`"),
    ]
    if declaration.link:
        rows.append(("リンク / Link", f"<{declaration.link}>"))
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    parts = [
        marker.render(),
        f"## 障害の申告 / Incident declaration `{draft.incident_id}`",
        f"| | |\n|---|---|\n{table}",
    ]
    if declaration.urgent:
        names = ", ".join(teams) or "-"
        parts.append(
            "**緊急 / Urgent:** 個人情報が関わる可能性があります。マージすると `incident sync` が"
            f"次のチームにチェックリストを起票します: {names}。\n"
            "Personal data might be involved: merging makes `incident sync` open checklists "
            f"for {names} at once."
        )
    parts.append(
        "### 次のステップ / Next steps\n\n"
        "1. 内容を確認してマージ（ファイル 1 件、フェーズ `detected`）。マージでチェックリストが"
        "起票されます。 / Review and merge: one file in phase `detected`; merging opens the "
        "stakeholder checklists. `incident-check` が始まらないときは一度 Close → Reopen。 / If "
        "`incident-check` does not start (GitHub Actions' own pull requests start no "
        "workflows), close and reopen this pull request once.\n"
        "2. チャンネルを作り `detection.channel` に記入。 / Open the chat channel and record "
        "it in `detection.channel`.\n"
        f"3. 次の PR で `investigating` へ: `incident status {draft.incident_id}` が必要な項目を"
        "示します。 / Move to `investigating` in the next pull request: "
        f"`incident status {draft.incident_id}` lists what it needs."
    )
    if declaration.notes:
        notes = "\n".join(f"- {note}" for note in declaration.notes)
        parts.append(
            f"<details><summary>申告時の調整 / Adjusted on the way in</summary>\n\n"
            f"{notes}\n\n</details>"
        )
    return "\n\n".join(parts) + "\n"


def declared_marker(key: str) -> str:
    return f"<!-- incidentflow:declared {key} -->"


def declared_comment(
    declaration: Declaration, draft_id: str, pull_number: int, pull_url: str
) -> str:
    lines = [
        declared_marker(declaration.key),
        f"障害として申告しました / Declared as incident `{draft_id}`: #{pull_number}",
        "",
        "次のステップ / Next steps:",
        f"- #{pull_number} を確認してマージ（Approve → Merge）。"
        "マージで関係チームのチェックリストが起票されます。"
        " / Review and merge it (Approve, then Merge); merging opens the teams' checklists.",
        "- 続報はこのイシューではなく、インシデントファイルと各チェックリストへ。 / Further news "
        "goes into the incident file and the checklists, not this issue.",
    ]
    if declaration.urgent:
        lines.append(
            "- 個人情報が関わる可能性があるため緊急ラベルを付けました。個人情報・セキュリティ対応"
            "チームにすぐ連絡してください。 / Personal data might be involved: labelled urgent; "
            "tell the privacy/security response team now."
        )
    lines.append(f"\n{pull_url}")
    return "\n".join(lines) + "\n"


def refusal_digest(found: list[PersonalDataFound]) -> str:
    text = "\n".join(f"{item.field}|{item.kind}|{item.redacted}" for item in found)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def refused_marker(key: str, digest: str) -> str:
    return f"<!-- incidentflow:declaration-refused {key} {digest} -->"


def refused_comment(declaration: Declaration, found: list[PersonalDataFound]) -> str:
    items = "\n".join(
        f"- {item.field}: {quieten(item.kind)} `{quieten(item.redacted)}`" for item in found
    )
    return (
        f"{refused_marker(declaration.key, refusal_digest(found))}\n"
        "この申告には個人情報と思われる内容があるため、プルリクエストはまだ作成していません。\n"
        "This declaration holds what looks like personal data, so no pull request was opened:\n\n"
        f"{items}\n\n"
        "イシューを編集して削除してください。編集すると申告が再実行されます。GitHub は編集履歴を"
        "残すため、リポジトリ管理者に古い版の削除を依頼してください。\n"
        "Edit the issue to remove it; the edit runs the declaration again. GitHub keeps the edit "
        "history: ask a repository admin to delete the old revision.\n"
    )


def repeat_marker(digest: str) -> str:
    return f"<!-- incidentflow:alert-repeat {digest} -->"


def repeat_comment(declaration: Declaration, digest: str, line: str, merged: bool) -> str:
    where = (
        "このプルリクエストはマージ済みです。インシデントファイルのタイムラインに追記してください。"
        " / This pull request is merged: add the line to the incident file's timeline."
        if merged
        else "インシデントファイルのタイムラインに追記しました。 / Added to the incident file's "
        "timeline."
    )
    return (
        f"{repeat_marker(digest)}\n"
        "同じアラートが再度届きました / The same alert fired again:\n\n"
        f"{quieten(line)}\n\n{where}\n"
    )
