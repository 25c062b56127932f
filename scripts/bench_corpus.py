"""Realistic incident repositories for benchmarks: mixed phases and languages, prevention
items and bodies of realistic length, all of them valid under the shipped config."""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
STATUSES = [
    "detected",
    "investigating",
    "decided",
    "responding",
    "resolved",
    "closed",
    "declined",
    "duplicate",
]
# An incident repository that has run for years is mostly closed incidents.
WEIGHTS = [2, 3, 3, 3, 4, 75, 6, 4]

EN_PARAGRAPH = (
    "Card authorisations for shops on the standard plan started to time out at the payment "
    "processor. The on-call engineer opened the incident channel, customer support saw a rise "
    "in inquiries about failed checkouts, and the payments team confirmed the connection pool "
    "to the processor was saturated after a configuration change earlier that morning."
)
JA_PARAGRAPH = (
    "標準プランのショップでカード決済のオーソリが決済代行側でタイムアウトし始めた。"
    "オンコール担当が障害チャンネルを開設し、カスタマーサポートには決済失敗に関する問い合わせが"
    "増加した。決済チームは、当日朝の設定変更の後に決済代行への接続プールが枯渇していたことを確認した。"
)


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def incident_text(number: int, rng: random.Random) -> tuple[str, str]:
    """One incident file: (relative path, text)."""
    status = rng.choices(STATUSES, WEIGHTS)[0]
    lang = "ja" if number % 2 else "en"
    detected = datetime(2020, 1, 1, 9, 0, tzinfo=TOKYO) + timedelta(
        minutes=rng.randrange(0, 60 * 24 * 365 * 6)
    )
    identifier = f"INC-{detected:%Y%m%d-%H%M}-bench-{number:06d}"
    title = "決済代行のオーソリタイムアウト" if lang == "ja" else "Card authorisation timeouts"
    lines = [
        "---",
        "# yaml-language-server: $schema=../../schemas/incident.schema.json",
        f"id: {identifier}",
        f"title: {title} #{number}",
        f"status: {status}",
        f"severity: sev{rng.randint(2, 4)}",
        f"lang: {lang}",
        f"detected_at: {_time(detected)}",
        "detection:",
        f"  source: {rng.choice(['shop_inquiry', 'system_alert', 'sales_contact', 'internal'])}",
        "  reported_by: Sato (SRE)",
    ]
    if status == "declined":
        lines.append("declined_reason: The shop's own theme script blocked the button.")
    elif status == "duplicate":
        lines.append("duplicate_of: INC-20200101-0900-bench-000000")
    main = ["detected", "investigating", "decided", "responding", "resolved", "closed"]
    reached = main.index(status) if status in main else 0
    step = detected
    if reached >= 1:
        lines += [
            "investigation:",
            "  summary: Authorisation calls to the payment processor time out for about 40% "
            "of attempts.",
            "  impact: Card checkout on shops of the standard plan; bank transfer unaffected.",
            "personal_data:",
            "  status: none",
            "  assessed_by: Tanaka (security)",
        ]
    if reached >= 2:
        step += timedelta(minutes=40)
        lines += [
            "decision:",
            "  leader: Suzuki (EM)",
            f"  decided_at: {_time(step)}",
            "  policy: Fail over to the secondary processor connection and inform support.",
            "stakeholders: [engineering, cs, sales]",
            "notifications:",
            "  shops:",
            "    required: true",
            "    reason: Shops saw failed payments and need a notice for their customers.",
            "  partners:",
            "    required: false",
            "    reason: The processor is already working with us.",
            "  regulators:",
            "    required: false",
            "    reason: No personal data is involved.",
        ]
    if reached >= 3:
        step += timedelta(minutes=10)
        lines += ["response:", f"  started_at: {_time(step)}"]
    if reached >= 4:
        step += timedelta(minutes=90)
        lines += [
            f"resolved_at: {_time(step)}",
            "impact:",
            f"  orders: {rng.randint(10, 5000)}",
            f"  shops: {rng.randint(1, 300)}",
            f"  duration_minutes: {rng.randint(20, 400)}",
            "cause:",
            "  summary: A configuration change halved the connection pool to the processor.",
        ]
    if reached >= 5:
        held = step + timedelta(days=5)
        lines += [
            "retrospective:",
            f"  held_at: {_time(held)}",
            "  participants: [Suzuki (EM), Sato (SRE), Yamada (CS), Ito (Sales)]",
            f"reported_to_management_at: {_time(held + timedelta(days=1))}",
            f"closed_at: {_time(held + timedelta(days=1, hours=2))}",
            "prevention:",
        ]
        for item in range(1, rng.randint(2, 4)):
            due = (held + timedelta(days=30 * item)).date().isoformat()
            lines += [
                f"  - id: P{item}",
                f"    title: Alert on connection pool saturation, step {item}",
                "    owner: Sato (SRE)",
                f"    due: {due}",
                f"    horizon: {'now' if item == 1 else 'later'}",
                "    type: monitoring",
            ]
    lines.append("---")
    paragraph = JA_PARAGRAPH if lang == "ja" else EN_PARAGRAPH
    headings = (
        ["概要", "タイムライン", "影響範囲", "対応内容", "原因", "ふりかえり"]
        if lang == "ja"
        else ["Summary", "Timeline", "Impact", "Response", "Cause", "Retrospective"]
    )
    subsections = (
        ["うまくいったこと", "うまくいかなかったこと", "幸運だったこと"]
        if lang == "ja"
        else ["What went well", "What went wrong", "Where we got lucky"]
    )
    body = [f"\n# {title}\n"]
    for heading in headings:
        body.append(f"## {heading}\n")
        if heading in ("タイムライン", "Timeline"):
            body += [
                f"- {_time(detected + timedelta(minutes=m))} event {m}" for m in range(0, 120, 15)
            ]
            body.append("")
        else:
            body.append(paragraph + "\n")
    for heading in subsections:
        body += [f"### {heading}\n", paragraph + "\n"]
    text = "\n".join(lines) + "\n" + "\n".join(body)
    return f"incidents/{detected.year}/{identifier}.md", text


def generate(root: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` incidents and the shipped config into ``root``."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_ROOT / "incidentflow.yaml", root / "incidentflow.yaml")
    written: list[Path] = []
    for number in range(count):
        relative, text = incident_text(number, rng)
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        written.append(target)
    return written
