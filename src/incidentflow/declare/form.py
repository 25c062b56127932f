"""The issue form people declare with: its fields, in Japanese and English, as one table.

The same table writes ``.github/ISSUE_TEMPLATE/declare-incident.yml`` (``incident init``) and
reads the issues it produces (``issue_body``), so the labels GitHub prints as headings in the
issue body are always the ones the parser looks for. The severity choices come from the
config, so the form offers exactly the severities the repository defines.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from incidentflow.config.settings import Config

FORM_PATH = ".github/ISSUE_TEMPLATE/declare-incident.yml"
NO_RESPONSE = "_No response_"  # what GitHub writes for an optional field left empty


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: str  # as the dropdown shows it, and as GitHub writes it into the body


@dataclass(frozen=True, slots=True)
class FormField:
    id: str
    label: str  # "日本語 / English": the heading GitHub writes above the answer
    description: str
    kind: str  # input, textarea, dropdown
    required: bool
    placeholder: str = ""


TITLE = FormField(
    "title",
    "件名 / Title",
    "一言で。個人名・メールアドレス・電話番号は書かない。"
    " / In a few words. No names, e-mail addresses or phone numbers.",
    "input",
    True,
    "例: カード決済がタイムアウトする / e.g. Card payments time out",
)
OBSERVED = FormField(
    "observed",
    "何が起きていますか / What was observed",
    "誰が何に気づいたか、いつからか。お客様の個人情報（氏名・連絡先・カード番号）は書かない。"
    " / Who noticed what, and since when. Never a customer's name, contact details or card number.",
    "textarea",
    True,
)
SOURCE = FormField(
    "source",
    "どこから分かりましたか / Detection source",
    "",
    "dropdown",
    True,
)
SEVERITY = FormField(
    "severity",
    "重大度の見込み / Severity guess",
    "分からなければ「分からない」。調査で見直します。"
    " / If unsure, say so; the investigation revisits it.",
    "dropdown",
    True,
)
PERSONAL_DATA = FormField(
    "personal_data",
    "個人情報が関わる可能性 / Might personal data be involved?",
    "「はい」「分からない」は個人情報・セキュリティ対応チームへ即時エスカレーションされます。"
    " / Yes and unknown are escalated to the privacy/security response team at once.",
    "dropdown",
    True,
)
AFFECTED = FormField(
    "affected",
    "影響を受けているサービス・ショップ / Affected services or shops",
    "件数で（例: 決済、約30ショップ）。ショップ名・個人名は書かない。"
    " / As counts (e.g. payments, about 30 shops), not names.",
    "textarea",
    False,
)

FIELDS: tuple[FormField, ...] = (TITLE, OBSERVED, SOURCE, SEVERITY, PERSONAL_DATA, AFFECTED)

SOURCES: tuple[Choice, ...] = (
    Choice("shop_inquiry", "ショップからの問い合わせ / Shop inquiry"),
    Choice("sales_contact", "営業担当への連絡 / A shop told its sales contact"),
    Choice("system_alert", "システムのアラート / System alert"),
    Choice("internal", "社内で発見 / Found internally"),
    Choice("partner", "パートナー企業から / From a partner"),
    Choice("other", "その他 / Other"),
)
PERSONAL_DATA_CHOICES: tuple[Choice, ...] = (
    Choice("yes", "はい / Yes"),
    Choice("no", "いいえ / No"),
    Choice("unknown", "分からない / Unknown"),
)
UNSURE_SEVERITY = Choice("", "分からない / Not sure")


def severity_choices(config: Config) -> tuple[Choice, ...]:
    levels = tuple(
        Choice(level.key, f"{level.key}: {level.name.ja} / {level.name.en}")
        for level in config.severities
    )
    return (*levels, UNSURE_SEVERITY)


def choices_for(field: FormField, config: Config) -> tuple[Choice, ...]:
    if field is SOURCE:
        return SOURCES
    if field is SEVERITY:
        return severity_choices(config)
    if field is PERSONAL_DATA:
        return PERSONAL_DATA_CHOICES
    return ()


def form_document(config: Config) -> dict[str, Any]:
    """The issue form as GitHub's issue-forms schema describes it."""
    intro = LiteralScalarString(
        "障害・インシデントの申告です。1 分で書けることだけで十分です。送信すると、確認用の\n"
        "プルリクエストが自動で作られ、このイシューにリンクが付きます。\n\n"
        "Declare an incident. What you can write in a minute is enough: submitting opens a\n"
        "pull request for review and links it here.\n\n"
        "**個人情報（お客様の氏名・連絡先・カード番号など）は書かないでください。**\n"
        "**Never write personal data (a customer's name, contact details, card number).**\n"
    )
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": intro}}]
    for field in FIELDS:
        attributes: dict[str, Any] = {"label": field.label}
        if field.description:
            attributes["description"] = field.description
        if field.placeholder:
            attributes["placeholder"] = field.placeholder
        options = choices_for(field, config)
        if options:
            attributes["options"] = [choice.label for choice in options]
        body.append(
            {
                "type": field.kind,
                "id": field.id,
                "attributes": attributes,
                "validations": {"required": field.required},
            }
        )
    return {
        "name": "障害を申告 / Declare an incident",
        "description": "障害・インシデントの申告 / Declare an incident for review",
        "title": "[障害 / Incident] ",
        "labels": [config.declare.label],
        "body": body,
    }


def render_form(config: Config) -> str:
    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(form_document(config), stream)
    header = (
        "# The issue form for declaring an incident. Written by `incident init` from\n"
        "# incidentflow.yaml; the headings are what `incident declare --from-issue` reads, so\n"
        "# change the labels only together with the incidentflow version that reads them.\n"
    )
    return header + stream.getvalue()
