"""What ``incident init`` says, in ja and en: the files it wrote or kept, the next steps, the
CODEOWNERS suggestion it writes (in the repository's language), and why it cannot run as
asked.
"""

from __future__ import annotations

from incidentflow.words import Words

RESULT: dict[str, Words] = {
    "wrote": Words(en="wrote {path}", ja="作成：{path}"),
    "kept": Words(en="kept  {path} (exists)", ja="既存のまま：{path}"),
    "suggested_codeowners": Words(
        en="Suggested CODEOWNERS lines (merge them into yours):",
        ja="CODEOWNERS に加える行の提案です（今ある CODEOWNERS に取り込んでください）：",
    ),
    "next_steps": Words(
        en="\nNext:\n"
        "  1. Commit these files and push them (a pull request is fine).\n"
        "  2. On GitHub, create the label '{label}' (Issues -> Labels): the\n"
        "     declaration form applies it only if it exists.\n"
        "  3. Settings -> Actions -> General -> Workflow permissions: allow GitHub Actions to\n"
        "     create pull requests (declarations and the sync open them).\n"
        "  4. Make incident-check a required check (docs/github.md, step 2).\n"
        "Rehearse first, without GitHub: README, 'Rehearse on your machine'.",
        ja="\n次のステップ：\n"
        "  1. これらのファイルをコミットしてプッシュしてください\n"
        "     （プルリクエストでも構いません）。\n"
        "  2. GitHub でラベル「{label}」を作成してください（Issues → Labels）。\n"
        "     申告フォームは、このラベルがあるときだけ付けます。\n"
        "  3. Settings → Actions → General → Workflow permissions で、GitHub Actions が\n"
        "     プルリクエストを作れるようにしてください（申告と同期が作成します）。\n"
        "  4. incident-check を必須のチェックにしてください（docs/github.md の手順 2）。\n"
        "まずは GitHub なしで練習できます：README の「Rehearse on your machine」を"
        "参照してください。",
    ),
}

# The head of the CODEOWNERS file it writes: a comment, in the repository's language.
CODEOWNERS = Words(
    en="# Suggested by `incident init`: the rules of the incident flow are reviewed by the\n"
    "# people who own the process. The last line keeps a pull request from changing who\n"
    '# owns the files. Turn on "Require review from Code Owners" (docs/github.md, 2b).\n',
    ja="# `incident init` による提案です。インシデントフローのルールは、プロセスを担当する\n"
    "# 人たちがレビューします。最後の行は、プルリクエストでファイルの担当者を変えられない\n"
    "# ようにするためのものです。「Require review from Code Owners」を有効にしてください\n"
    "# （docs/github.md の 2b）。\n",
)

# Why it cannot run as asked (the option at fault comes first).
ERRORS: dict[str, Words] = {
    "organisation": Words(
        en="'{value}' is not a GitHub organisation or user name",
        ja="「{value}」は GitHub の組織名やユーザー名として使えません。正しい名前を指定して"
        "ください。",
    ),
    "unknown_team": Words(
        en="'{value}' is not a team of the config ({known})",
        ja="「{value}」は設定ファイルのチームにありません。{known} のいずれかを指定してください。",
    ),
    "team_slug": Words(
        en="'{value}' is not a GitHub team slug",
        ja="「{value}」は GitHub のチームのスラッグとして使えません。英数字と . _ - で"
        "指定してください。",
    ),
    "process_owners": Words(
        en="'{value}' is not a team slug",
        ja="「{value}」はチームのスラッグとして使えません。英数字と . _ - で指定してください。",
    ),
    "branch": Words(
        en="'{value}' is not a branch name this writes",
        ja="「{value}」はブランチ名として書き込めません。英数字と . _ / - で指定してください。",
    ),
    "requirement": Words(
        en="the requirement may hold letters, digits and . _ - [ ] = < > ! ~ , + : / @ # % "
        "and spaces (a version, or a URL)",
        ja="使える文字は英数字と . _ - [ ] = < > ! ~ , + : / @ # % と空白です"
        "（バージョンか URL を指定してください）。",
    ),
    "config_invalid": Words(
        en="the config would not be valid: {error}",
        ja="この指定では設定ファイルが正しくなりません：{error}",
    ),
    "value": Words(
        en="'{value}' is not a {key} this can write",
        ja="「{value}」は {key} として書き込めません。英数字と _ / + - で指定してください。",
    ),
    "label_quote": Words(
        en="declare.label '{label}' holds a quote, which the workflow cannot use",
        ja="declare.label「{label}」に引用符が含まれていて、ワークフローで使えません。"
        "引用符を外してください。",
    ),
}
