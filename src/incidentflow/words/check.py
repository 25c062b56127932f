"""The words of `incident check` around its findings: the job summary's verdict, table
headings and sections, the lines of its text log, and why it cannot run, in ja and en.

The findings' own messages are in the catalogue (``findings.py``), the counts line is
``output.py``'s, state words and marks are in ``states.py``.
"""

from __future__ import annotations

from incidentflow.words import Words

FAILED = Words(en="❌ incident check failed", ja="❌ incident check: 不合格")
PASSED = Words(en="✅ incident check passed", ja="✅ incident check: 合格")
RANGE = Words(en="Base `{base}` → head `{head}`. ", ja="ベース `{base}` → ヘッド `{head}`。")
BROKEN_CONFIG = Words(
    en="incidentflow.yaml has errors, so no incident was checked: fix it first.",
    ja="incidentflow.yaml にエラーがあるため、インシデントは確認していません。先に直してください。",
)
NOTHING = Words(en="No incident files changed.", ja="変更されたインシデントファイルはありません。")
INCIDENTS_TABLE = Words(
    en="| incident | status | errors | waivers |",
    ja="| インシデント | 状態 | エラー | 適用した例外 |",
)

# A changed incident's move: ``after`` and ``before`` are phase words (with marks in the
# summary, status keys with their Japanese names in the log).
NEW = Words(en="new → {after}", ja="新規 → {after}")
MOVED = Words(en="{before} → {after}", ja="{before} → {after}")
UNCHANGED = Words(en="{after} (unchanged)", ja="{after}（変更なし）")
DELETED = Words(en="deleted", ja="削除")
NO_STATUS = Words(en="(no status)", ja="（status なし）")

WAIVERS = Words(en="### ⚠️ Waivers honoured", ja="### ⚠️ 適用した例外（overrides）")
RELAXATIONS = Words(en="### ⚠️ Config relaxations", ja="### ⚠️ 設定の緩和")
# After a relaxation's code: whether this change approves it.
APPROVED = Words(en=" (approved)", ja="（承認済み）")
NOT_APPROVED = Words(en=" (not approved)", ja="（未承認）")
ALLOWED = Words(
    en="### Personal-data exceptions honoured (allow entries)",
    ja="### 個人情報の例外として受け入れた値（allow）",
)
FINDINGS = Words(en="### Findings", ja="### 指摘事項")
MORE_INCIDENTS = Words(
    en="… and {count} more changed incidents (`incident status`).",
    ja="… ほかに変更されたインシデントが {count} 件あります（`incident status` で確認できます）。",
)
LINE = Words(en="line {line}", ja="{line} 行目")

# The text log: each changed incident's move, and each waiver the gate honoured.
LOG_WAIVER = Words(
    en="WAIVER honoured: {code} at line {line}",
    ja="例外（overrides）を適用: {code}（{line} 行目）",
)
# A status in the log: the key people type, with its Japanese name in Japanese.
LOG_STATUS = Words(en="{status}", ja="{status:phase}")

# When the check cannot run as asked (exit 2).
NO_BASE = Words(
    en="no base to compare with: pass --base REF (in a pull_request workflow the base is read "
    "from the event payload)",
    ja="比較するベースがありません。--base REF を指定してください（pull_request のワークフローでは"
    "イベントの内容からベースを読み取ります）。",
)
CONFIG_OUTSIDE = Words(
    en="--config {path} is outside the repository {root}: the gate reads the config from the "
    "commit being checked",
    ja="--config {path} がリポジトリ {root} の外にあります。ゲートは確認するコミットにある設定"
    "ファイルを読むので、リポジトリの中のファイルを指定してください。",
)
