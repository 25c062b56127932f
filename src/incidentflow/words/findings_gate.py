"""The catalogue's gate family: transitions and closure (GT0xx), config changes (GT040-GT043)
and the personal-data guard (PD1xx), in ja and en.

Keys are rule code, then the kind of problem. Some messages are one frame around a phrase
(what a config change relaxes, why a checklist number is not the sync's issue): the phrases
are kept once below and each kind is the frame with its phrase. Values that are lists of
things the reader's language names (kinds of personal data, open checklists, clock changes)
travel as one value and are spoken by a named spec (``words.spec``).
"""

from __future__ import annotations

import json

from incidentflow.words import Words, is_ja, spec

# ----------------------------------------------------------------------- personal data

# What each detector finds, as the findings name it.
PERSONAL_DATA_KINDS: dict[str, Words] = {
    "card_number": Words(en="card number", ja="クレジットカード番号"),
    "my_number": Words(en="My Number (individual number)", ja="マイナンバー（個人番号）"),
    "email": Words(en="e-mail address", ja="メールアドレス"),
    "phone": Words(en="phone number", ja="電話番号"),
}


def personal_data_kind(kind: str, language: str) -> str:
    """'phone' → 'phone number' / '電話番号'; an unknown kind stays as it is."""
    words = PERSONAL_DATA_KINDS.get(kind)
    return words.template(language) if words is not None else kind


@spec("personal_data")
def _personal_data(kind: str, language: str) -> str:
    return personal_data_kind(kind, language)


@spec("personal_data_first")
def _personal_data_first(kind: str, language: str) -> str:
    """The kind at the start of a sentence: 'Phone number' in English."""
    noun = personal_data_kind(kind, language)
    return noun if is_ja(language) else noun[:1].upper() + noun[1:]


def personal_data_counts(counts: dict[str, int]) -> str:
    """How many of each kind, as the value of ``{counts:personal_data_counts}``."""
    return ";".join(f"{kind}={count}" for kind, count in sorted(counts.items()))


@spec("personal_data_counts")
def _personal_data_counts(value: str, language: str) -> str:
    parts = [part.partition("=") for part in value.split(";") if part]
    if is_ja(language):
        return "、".join(f"{personal_data_kind(k, language)} {int(n):,} 件" for k, _, n in parts)
    return ", ".join(f"{personal_data_kind(k, language)}: {int(n):,}" for k, _, n in parts)


_FOUND_EN = (
    "{data:personal_data_first} {redacted} in {where_en}. {readers_en}: replace it with a count "
    "or category (e.g. '1 customer's {data:personal_data}') or move it to the restricted "
    "system and refer to that record. If it is not personal data, add an allow entry with a "
    "reason{to_en}."
)
_FOUND_JA = (
    "{where_ja}に{data:personal_data} {redacted} が書かれています。{readers_ja}。件数や区分"
    "（例:「お客様1名の{data:personal_data}」）に置き換えるか、アクセスが制限されたシステムに移して"
    "その記録を参照してください。個人情報でない場合は、{to_ja}に value（書かれているとおりの値）と "
    "reason（個人情報でない理由）のエントリを追加してください。"
)


def _found(where: tuple[str, str], readers: tuple[str, str], to: tuple[str, str]) -> Words:
    places = {
        "where_en": where[0],
        "readers_en": readers[0],
        "to_en": to[0],
        "where_ja": where[1],
        "readers_ja": readers[1],
        "to_ja": to[1],
    }
    en, ja = _FOUND_EN, _FOUND_JA
    for name, text in places.items():
        en, ja = en.replace("{" + name + "}", text), ja.replace("{" + name + "}", text)
    return Words(en=en, ja=ja)


_ACCEPTED_EN = (
    "{data:personal_data_first} {redacted} is not reported as an error: {by} accepts it. "
    "Reviewer: make sure that entry is a reviewed value that is not a person's data."
)
_ACCEPTED_JA = (
    "{data:personal_data} {redacted} は{by}で許可されているため、エラーにしていません。"
    "レビューする方へ: このエントリが確認済みの値で、個人の情報ではないことを確かめてください。"
)


def _accepted(by_en: str, by_ja: str) -> Words:
    return Words(en=_ACCEPTED_EN.replace("{by}", by_en), ja=_ACCEPTED_JA.replace("{by}", by_ja))


# The kinds of a hit's message (PD101-PD104): found in an incident file or another file
# under the incidents folder, or accepted by an allow entry of the file, of the config, or
# one named only by ``entry``.
PERSONAL_DATA_HIT: dict[str, Words] = {
    "found": _found(
        ("the incident text", "このインシデントファイル"),
        ("Incident files are read company-wide", "インシデントファイルは全社で読まれます"),
        ("", "このファイルの personal_data.allow "),
    ),
    "found_in_file": _found(
        ("this file", "このファイル"),
        (
            "Files in the incidents folder are read company-wide",
            "インシデントのフォルダにあるファイルは全社で読まれます",
        ),
        (" to privacy.allow in the config", "設定ファイル（incidentflow.yaml）の privacy.allow "),
    ),
    "allowed_here": _accepted(
        "{entry} of this file ('{reason}')", "このファイルの {entry}（理由:「{reason}」）"
    ),
    "allowed_config": _accepted(
        "{entry} of the config ('{reason}')", "設定ファイルの {entry}（理由:「{reason}」）"
    ),
    "allowed": _accepted("{entry}", " {entry} "),
}

# --------------------------------------------------------------------- closure checklists


def open_checklists(items: list[dict[str, object]]) -> str:
    """The value of ``{open:open_checklists}``: each open checklist as the closure gate saw
    it (team, name, number, url, state, reason, done, total)."""
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def _progress(item: dict[str, object], language: str) -> str:
    done, total = item.get("done", 0), item.get("total", 0)
    if item.get("state") == "closed":
        reason = str(item.get("reason") or "").replace("_", " ")
        if is_ja(language):
            return f"「{reason}」としてクローズ済み、チェック {done}/{total} 完了"
        return f"closed as {reason}, {done}/{total} done"
    if total == 0:
        if is_ja(language):
            return (
                "未クローズで、チェックボックスがありません。チームの作業が終わったら "
                "completed としてクローズしてください"
            )
        return "open, no checkboxes: close it as completed when the team is done"
    return f"チェック {done}/{total} 完了" if is_ja(language) else f"{done}/{total} done"


@spec("open_checklists")
def _open_checklists(value: str, language: str) -> str:
    items = json.loads(value)
    if is_ja(language):
        return "、".join(
            f"{team_name(item['team'], item.get('name'), language)}の #{item['number']} "
            f"{item['url']} （{_progress(item, language)}）"
            for item in items
        )
    return "; ".join(
        f"{item['team']} #{item['number']} ({_progress(item, language)}) {item['url']}"
        for item in items
    )


def team_name(team: object, name: object, language: str) -> str:
    """A stakeholder team as the reader calls it: 「法務」（legal） in Japanese, the key people
    type in English."""
    if not is_ja(language):
        return f"'{team}'"
    return f"「{name}」（{team}）" if name and name != team else f"「{team}」"


def teams(named: list[tuple[str, str]]) -> str:
    """The value of ``{teams:teams}``: teams by key, each with its Japanese name."""
    return json.dumps([list(pair) for pair in named], ensure_ascii=False)


@spec("teams")
def _teams(value: str, language: str) -> str:
    pairs = json.loads(value)
    if is_ja(language):
        return "、".join(team_name(key, name, language) for key, name in pairs)
    return ", ".join(key for key, _ in pairs)


_SYNC_ACCOUNT = Words(
    en=" (the sync's account is INCIDENTFLOW_BOT_LOGIN when set, else the user of GITHUB_TOKEN; "
    "set it in this workflow if the sync runs with another token)",
    ja="sync のアカウントは、INCIDENTFLOW_BOT_LOGIN が設定されていればその値、なければ "
    "GITHUB_TOKEN のユーザーです。sync が別のトークンで動いている場合は、このワークフローで "
    "INCIDENTFLOW_BOT_LOGIN を設定してください。",
)


@spec("sync_account_hint")
def _sync_account_hint(value: str, language: str) -> str:
    """Said when the issue's author is not the sync's account ('yes'), else nothing."""
    return _SYNC_ACCOUNT.template(language) if value == "yes" else ""


@spec("issue_subject")
def _issue_subject(value: str, language: str) -> str:
    """A managed issue's key as ``IssueKey.describe`` writes it ('INC-… cs checklist'), said
    as the sync says it (``words.sync.SUBJECTS``)."""
    from incidentflow.words.sync import SUBJECTS

    incident, _, rest = value.partition(" ")
    item, _, kind = rest.rpartition(" ")
    words = SUBJECTS.get(kind) if kind in ("checklist", "prevention") and item else None
    return words(language, incident=incident, item=item) if words is not None else value


# Why a recorded number is not the sync's checklist issue (GT034), one phrase per reason.
NOT_THE_SYNCS_ISSUE: dict[str, Words] = {
    "pull_request": Words(
        en="it is a pull request, not an issue", ja="issue ではなくプルリクエストです"
    ),
    "moved": Words(
        en="it was moved to another repository, {moved_to}",
        ja="別のリポジトリ {moved_to} に移されています",
    ),
    "author": Words(
        en="{author} opened it, not the sync's account {account}",
        ja="作成したのが sync のアカウント {account} ではなく {author} です",
    ),
    "deleted_author": Words(
        en="a deleted account opened it, not the sync's account {account}",
        ja="作成したのが sync のアカウント {account} ではなく、削除されたアカウントです",
    ),
    "marker": Words(
        en="its first line is not the sync's marker",
        ja="1行目が sync のマーカーではありません",
    ),
    "other_key": Words(
        en="it is the sync's issue for {found:issue_subject}, not for {key:issue_subject}",
        ja="sync が {found:issue_subject}として作成した issue で、"
        "{key:issue_subject}ではありません",
    ),
}

_NOT_OURS = Words(
    en="closing: #{number} recorded for '{team}' (tracking.stakeholders.{team}) is not the "
    "checklist `incident sync` opened for this incident and team: {reason}{hint:sync_account_hint}"
    ". Record the number of the sync's checklist issue for '{team}' (its bot pull request "
    "writes it), and get that checklist done.",
    ja="クローズできません。「{team_name}」（{team}）の番号として記録された #{number}"
    "（tracking.stakeholders.{team}）は、`incident sync` がこのインシデントとチームのために作成した"
    "チェックリストではありません（{reason}）。{hint:sync_account_hint}sync のチェックリスト issue "
    "の番号（sync のボットのプルリクエストが書き込みます）を記録し、そのチェックリストを完了させて"
    "ください。",
)

# ------------------------------------------------------------------------- config changes

# What a change to the config relaxes (GT040, GT041), one phrase per kind.
RELAXATIONS: dict[str, Words] = {
    "incidents_dir": Words(
        en="incidents_dir moves from '{old}' to '{new}', so files under '{old}/' would no "
        "longer be checked",
        ja="incidents_dir が '{old}' から '{new}' に変わり、'{old}/' の下のファイルが確認されなく"
        "なります",
    ),
    "phase_requirements": Words(
        en="phase_requirements.{phase} no longer requires {fields}",
        ja="phase_requirements.{phase} で {fields} が必須でなくなります",
    ),
    "rule_removed": Words(en="rule '{rule}' is removed", ja="ルール '{rule}' が削除されます"),
    "rule_condition": Words(
        en="rule '{rule}' applies under another condition",
        ja="ルール '{rule}' の適用条件（when）が変わります",
    ),
    "rule_later": Words(
        en="rule '{rule}' applies from '{new}' instead of '{old}'",
        ja="ルール '{rule}' の適用開始が {old:phase}から {new:phase}に遅くなります",
    ),
    "rule_teams": Words(
        en="rule '{rule}' no longer requires {teams}",
        ja="ルール '{rule}' で {teams} が必須でなくなります",
    ),
    "clock_removed": Words(
        en="clock '{clock}' is removed", ja="規制上の期限 '{clock}' が削除されます"
    ),
    "clock_changed": Words(
        en="clock '{clock}' changes its {changes:clock_changes}",
        ja="規制上の期限 '{clock}' の {changes:clock_changes} が変わります",
    ),
    "email_domains": Words(
        en="e-mail addresses at {domains} are no longer reported as personal data",
        ja="{domains} のメールアドレスが個人情報として報告されなくなります",
    ),
    "privacy_allow": Words(
        en="{count} value(s) are added to privacy.allow and no longer reported as personal data "
        "in any incident",
        ja="privacy.allow に {count} 件の値が追加され、どのインシデントでも個人情報として報告"
        "されなくなります",
    ),
    "escalation": Words(
        en="suspected personal data may reach the privacy team after {new} minutes instead "
        "of {old}",
        ja="個人情報の疑いがプライバシー担当チームに届くまでの上限が、{old} 分から {new} 分に"
        "延びます",
    ),
    "team_removed": Words(
        en="stakeholder team '{team}' is removed", ja="関係チーム '{team}' が削除されます"
    ),
    "team_checklist": Words(
        en="team '{team}' gets its checklist from other templates",
        ja="チーム '{team}' のチェックリストが別のテンプレートから作られます",
    ),
    "team_github": Words(
        en="team '{team}' checklists go to other people on GitHub",
        ja="チーム '{team}' のチェックリストが GitHub 上の別の担当者に届きます",
    ),
    "deadlines_move": Words(
        en="{name} changes from '{old}' to '{new}', which moves every regulatory deadline",
        ja="{name} が '{old}' から '{new}' に変わり、すべての規制上の期限が動きます",
    ),
    "sync_target": Words(
        en="sync.{name} changes from '{old}' to '{new}', where the sync writes",
        ja="sync.{name} が '{old}' から '{new}' に変わり、sync の書き込み先が変わります",
    ),
    "setting": Words(en="{name} changes", ja="{name} が変わります"),
}


def clock_changes(changes: list[tuple[str, ...]]) -> str:
    """The value of ``{changes:clock_changes}``: each changed setting of a clock, alone or
    with its old and new value (an empty old ``effective_from`` means always)."""
    return json.dumps([list(change) for change in changes], ensure_ascii=False)


@spec("clock_changes")
def _clock_changes(value: str, language: str) -> str:
    ja = is_ja(language)
    shown: list[str] = []
    for change in json.loads(value):
        if len(change) == 1:
            shown.append(change[0])
            continue
        name, old, new = change
        if not old:
            old = "指定なし" if ja else "always"
        shown.append(f"{name}（{old} → {new}）" if ja else f"{name} ({old} → {new})")
    return ("、" if ja else ", ").join(shown)


_UNAPPROVED = Words(
    en="this change relaxes the rules in force: {relaxation}. The base branch's config judges "
    "this pull request. If the change is intended, add to the config, in this same change, "
    "`approvals: - {{change: {change}, reason: ..., approved_by: ...}}` and have the config's "
    "code owners review it.",
    ja="この変更は、いま有効なルールを緩めます。{relaxation}。このプルリクエストはベースブランチの"
    "設定で判定されます。意図した変更であれば、同じ変更の中で設定に "
    "`approvals: - {{change: {change}, reason: ..., approved_by: ...}}` を追加し、設定の"
    "コードオーナーにレビューしてもらってください。",
)
_APPROVED = Words(
    en="approved relaxation: {relaxation} (approved by {approved_by}: {reason}).",
    ja="承認済みの緩和です。{relaxation}（承認: {approved_by}、理由:「{reason}」）。",
)


def _framed(frame: Words, place: str, phrases: dict[str, Words]) -> dict[str, Words]:
    """One kind per phrase: ``frame`` with the phrase at ``{place}``."""
    return {
        kind: Words(
            en=frame.en.replace("{" + place + "}", phrase.en),
            ja=frame.ja.replace("{" + place + "}", phrase.ja),
        )
        for kind, phrase in phrases.items()
    }


# ------------------------------------------------------------------------------ catalogue

_CHANGED = Words(
    en="{key} changed from '{old}' to '{new}': it never changes once an incident is declared; "
    "set it back.",
    ja="{key} が '{old}' から '{new}' に変わっています。インシデントの宣言後は変えられません。"
    "元の値に戻してください。",
)
_NEW_INCIDENT = (
    "Open a new incident that refers to this one instead.",
    "代わりに、このインシデントを参照する新しいインシデントを作成してください。",
)

MESSAGES: dict[str, dict[str, Words]] = {
    "GT001": {
        "deleted": Words(
            en="incident files are never deleted: restore the file; to retire an incident, set "
            "status to declined or duplicate (before decided) or close it.",
            ja="インシデントファイルは削除できません。ファイルを元に戻してください。インシデントを"
            "取り下げるには、decided より前なら status を declined か duplicate にし、それ以降は"
            "クローズしてください。",
        ),
    },
    "GT002": {
        "renamed": Words(
            en="incident file renamed from {old_path}: files are never renamed, because the ID "
            "is the file name; move it back.",
            ja="インシデントファイルの名前が「{old_path}」から変わっています。"
            "ID はファイル名なので、名前は変えられません。元の名前に戻してください。",
        ),
    },
    "GT010": {"changed": _CHANGED},
    "GT011": {"changed": _CHANGED},
    "GT012": {
        "gone": Words(
            en="{path} ({old}) was recorded and is now gone: recorded times are history; put "
            "it back.",
            ja="記録済みの {path}（{old}）がなくなっています。記録した日時は履歴なので消せません。"
            "元に戻してください。",
        ),
    },
    "GT013": {
        "backwards": Words(
            en="{path} moved back from {old} to {new}: times never run backwards; if the first "
            "value was wrong, waive GT013 with an override saying so.",
            ja="{path} が {old} から {new} に戻っています。日時は過去に戻せません。最初の値が"
            "誤りだった場合は、そのことを理由に書いた overrides のエントリで GT013 を免除して"
            "ください。",
        ),
    },
    "GT014": {
        "became_imported": Words(
            en="this record becomes 'imported' after it was declared: only a file added as a "
            "past incident is imported (its unknown fields are accepted). Remove 'imported'.",
            ja="宣言済みのインシデントに 'imported' が付けられています。imported にできるのは、"
            "過去のインシデントとして追加するファイルだけです（不明な項目が許されるため）。"
            "'imported' を削除してください。",
        ),
    },
    "GT020": {
        "after_closed": Words(
            en="status was '{before}', which is final: it cannot become '{after}'. "
            + _NEW_INCIDENT[0],
            ja="status は {before:phase}で確定しているため、{after:phase}には変えられません。"
            + _NEW_INCIDENT[1],
        ),
        "after_side_exit": Words(
            en="status was '{before}', which is a final side exit: it cannot become '{after}'. "
            + _NEW_INCIDENT[0],
            ja="status は {before:phase}で途中終了しているため、{after:phase}には変えられません。"
            + _NEW_INCIDENT[1],
        ),
    },
    "GT021": {
        "too_late": Words(
            en="'{after}' is allowed only before 'decided' (from detected or investigating), "
            "not from '{before}': once decided, the incident runs to 'closed'.",
            ja="{after:phase}にできるのは decided より前（detected か investigating から）だけで、"
            "{before:phase}からはできません。decided 以降のインシデントは closed まで進めて"
            "ください。",
        ),
    },
    "GT022": {
        "backwards": Words(
            en="status moved back from '{before}' to '{after}': status only moves forward. "
            "Keep the status and record what changed in the Timeline.",
            ja="status が {before:phase}から {after:phase}に戻っています。status は先にしか"
            "進めません。status はそのままにして、変わったことをタイムライン（Timeline）に"
            "記録してください。",
        ),
    },
    "GT023": {
        "removed": Words(
            en="status was '{before}' and is now missing or unreadable: a status is never "
            "removed (a later change could set any status). Put it back.",
            ja="status は {before:phase}でしたが、なくなったか読めなくなっています。status は"
            "削除できません（後の変更で好きな状態にできてしまうため）。元に戻してください。",
        ),
    },
    "GT030": {
        "still_open": Words(
            en="closing needs every stakeholder checklist done (closed as completed, or every "
            "box ticked); still open: {open:open_checklists}",
            ja="クローズするには、関係チームのチェックリストがすべて完了している（completed として"
            "クローズされているか、すべてのチェックボックスにチェックが入っている）必要があります。"
            "未完了: {open:open_checklists}。各チームがチェックリストを完了してからクローズして"
            "ください。",
        ),
    },
    "GT031": {
        "not_recorded": Words(
            en="closing: no checklist issue is recorded for '{team}' (tracking.stakeholders."
            "{team}): merge the sync's pending bot pull request, or run `incident sync` so the "
            "team gets its checklist.",
            ja="クローズできません。「{team_name}」（{team}）のチェックリスト issue の番号"
            "（tracking.stakeholders.{team}）が記録されていません。sync のボットが出している"
            "プルリクエストをマージするか、`incident sync` を実行してチームのチェックリストを"
            "作成してください。",
        ),
        "no_such_issue": Words(
            en="closing: checklist issue #{number} for '{team}' does not exist: record the "
            "number of the issue `incident sync` opened for the team.",
            ja="クローズできません。「{team_name}」（{team}）のチェックリスト issue #{number} "
            "が存在しません。`incident sync` がこのチームのために作成した issue の番号を記録して"
            "ください。",
        ),
    },
    "GT032": {
        "unchecked": Words(
            en="closing: the stakeholder checklist issues could not be checked (no "
            "GITHUB_TOKEN and GITHUB_REPOSITORY, e.g. a pull request from a fork); make sure "
            "the checklists of {teams:teams} are done before merging.",
            ja="クローズ時の確認で、関係チームのチェックリスト issue を確認できませんでした"
            "（GITHUB_TOKEN と GITHUB_REPOSITORY がありません。フォークからのプルリクエストなど）。"
            "マージする前に、{teams:teams}のチェックリストが完了していることを確かめてください。",
        ),
    },
    "GT033": {
        "unreadable": Words(
            en="closing: {error}",
            ja="クローズ時の確認で、GitHub のチェックリスト issue を読めませんでした"
            "（「{error}」）。原因を取り除いてから、チェックをもう一度実行してください。",
        ),
    },
    "GT034": _framed(_NOT_OURS, "reason", NOT_THE_SYNCS_ISSUE),
    "GT040": _framed(_UNAPPROVED, "relaxation", RELAXATIONS),
    "GT041": _framed(_APPROVED, "relaxation", RELAXATIONS),
    "GT042": {
        "gate_file": Words(
            en="this change edits a file that runs or describes the gate (workflows, actions, "
            "checklist templates, CODEOWNERS, the JSON Schema): this run may already use the "
            "changed version, so the file's code owners must review it (docs/github.md).",
            ja="この変更は、ゲートを動かす、または定めるファイル（ワークフロー、アクション、"
            "チェックリストのテンプレート、CODEOWNERS、JSON Schema）を編集しています。この実行"
            "ですでに変更後の内容が使われている可能性があるため、このファイルのコードオーナーに"
            "レビューしてもらってください（docs/github.md）。",
        ),
    },
    "GT043": {
        "broken_base": Words(
            en="the base branch's config is broken, so this change is judged with its own "
            "config only; have the config's code owners review it.",
            ja="ベースブランチの設定ファイルが壊れているため、この変更は変更後の設定だけで判定して"
            "います。設定のコードオーナーにレビューしてもらってください。",
        ),
    },
    "PD100": {
        "unlisted": Words(
            en="{total} more pieces of personal data from here on ({counts:personal_data_counts}), "
            "not listed one by one after the first {limit}. Remove them all: a pasted log or "
            "export belongs in the restricted system, referred to by its record.",
            ja="ここから先に、さらに {total} 件の個人情報があります"
            "（{counts:personal_data_counts}）。最初の {limit} 件より後は1件ずつ示していません。"
            "すべて削除してください。貼り付けたログやエクスポートは、アクセスが制限されたシステムに"
            "置いて、その記録を参照してください。",
        ),
        "unlisted_allowed": Words(
            en="{total} more values from here on ({counts:personal_data_counts}) are accepted by "
            "allow entries, not listed one by one after the first {limit}. Reviewer: that many "
            "accepted values is unusual; make sure none is a person's data.",
            ja="ここから先の、さらに {total} 件の値（{counts:personal_data_counts}）は allow の"
            "エントリで許可されています。最初の {limit} 件より後は1件ずつ示していません。"
            "レビューする方へ: これほど多くの値が許可されるのは普通ではありません。個人の情報が"
            "含まれていないことを確かめてください。",
        ),
    },
    "PD101": PERSONAL_DATA_HIT,
    "PD102": PERSONAL_DATA_HIT,
    "PD103": PERSONAL_DATA_HIT,
    "PD104": PERSONAL_DATA_HIT,
}
