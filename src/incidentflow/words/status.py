"""What ``incident status`` prints around the incident's own data, in ja and en: the labels of
one incident, the overview's column headings and legend, and the incident page's headings.

Status keys (``responding``), field paths and commands stay as people type them; the
Japanese shows the phase's Japanese name next to its key (``{status:phase}``).
"""

from __future__ import annotations

from incidentflow.words import Words

# One incident (`incident status ID`): a label column, then the value.
LABELS: dict[str, Words] = {
    "file": Words(en="file:", ja="ファイル:"),
    "status": Words(en="status:", ja="状態:"),
    "severity": Words(en="severity:", ja="重大度:"),
    "next": Words(en="next:", ja="次のフェーズ:"),
    "imported": Words(en="imported:", ja="取り込み:"),
    "clocks": Words(en="clocks:", ja="期限:"),
    "notified": Words(en="notified:", ja="連絡記録:"),
    "problems": Words(en="problems:", ja="問題:"),
}
NO_TITLE = Words(en="(no title)", ja="（件名なし）")
PHASE = Words(en="{status} ({ja} / {en})", ja="{status:phase}")
UNKNOWN_PHASE = Words(en="unknown", ja="不明（status が読めません）")
NEXT_NEEDS = Words(en="{status} ({ja}) needs:", ja="{status:phase}に進むには次のものが必要です:")
NEXT_READY = Words(
    en="{status} ({ja}): ready, nothing missing",
    ja="{status:phase}に進めます。足りないものはありません。",
)
FINAL = Words(en="none (final)", ja="なし（最終の状態です）")
IMPORTED = Words(
    en="yes (a past incident written from its sources)",
    ja="はい（過去のインシデントを資料から起こしたものです）",
)
AT_LINE = Words(en="  (line {line})", ja="（{line} 行目）")
SECTION = Words(en="section: {en} / {ja}", ja="セクション「{ja}」")
PROBLEMS = Words(
    en="{count} (run `incident validate {path}`)",
    ja="エラー {count} 件（`incident validate {path}` で確認してください）",
)
PROBLEM_AT = Words(en="line {line}: ", ja="{line} 行目: ")
CANNOT_READ = Words(en="Files that cannot be read:", ja="読み込めないファイル:")

# The overview (`incident status`): short column headings, then a legend that explains them.
COLUMNS = {
    "en": ("ID", "STATUS", "SEV", "NEXT NEEDS", "CLOCKS", "TITLE"),
    "ja": ("ID", "状態", "重大度", "不足", "期限", "件名"),
}
CLOCKS_RUNNING = Words(en="{running} ({overdue} overdue)", ja="{running}（超過 {overdue}）")
LEGEND = Words(
    en="Most urgent first. STATUS !N: N errors (`incident validate`); NEXT NEEDS: fields and "
    "sections missing for the next phase (`incident status ID`); CLOCKS: running (overdue).",
    ja="急ぐものから順に並べています。状態の !N はエラーが N 件あること（`incident validate` で"
    "確認）、不足は次のフェーズに足りない項目とセクションの数（`incident status ID` で確認）、"
    "期限は進行中の期限の数（括弧内は期限超過の数）です。",
)
NO_INCIDENTS = Words(
    en="No incidents yet. Declare one with `incident new TITLE`.",
    ja="インシデントはまだありません。`incident new 件名` で起票してください。",
)
