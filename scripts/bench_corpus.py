"""Realistic incident repositories for benchmarks, all of them valid under the shipped config.

A repository that has run for years holds mostly small closed incidents, and a share of heavy
ones: closed personal-data incidents with regulatory clocks and notifications, long Japanese
bodies, many prevention items. ``MIX`` says which kinds and how many of each; the heavy kinds
are copies of the project's own example incidents (under ``incidents/``), so they follow the
record model as it grows. ``copies_of`` builds a corpus of copies of any other incident files.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ruamel.yaml import YAML

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


_ID = re.compile(r"^id:[ \t]*['\"]?([A-Z][A-Z0-9]*-\d{8}-\d{4}-[a-z0-9-]+)", re.MULTILINE)
_LOADER = YAML(typ="safe")


@dataclass(frozen=True, slots=True)
class Template:
    """An example incident file to copy: its text, ID and year folder."""

    text: str
    incident_id: str
    year: str

    @classmethod
    def read(cls, path: Path) -> Template:
        text = path.read_text("utf-8").replace("\r\n", "\n")
        found = _ID.search(text)
        if found is None:
            raise ValueError(f"{path}: no 'id:' line to replace in the copies")
        incident_id = found.group(1)
        folder = path.parent.name
        year = folder if re.fullmatch(r"\d{4}", folder) else incident_id.split("-")[1][:4]
        return cls(text, incident_id, year)

    def copy(self, number: int, text: str | None = None) -> tuple[str, str]:
        """(relative path, text) of a copy under a fresh ID that matches its file name."""
        stem = self.incident_id.rsplit("-", 1)[0]
        new_id = f"{stem}-b{number:06d}"
        body = (self.text if text is None else text).replace(self.incident_id, new_id)
        return f"incidents/{self.year}/{new_id}.md", body

    def front_matter(self) -> dict[str, object]:
        end = self.text.index("\n---\n", 3)
        data = _LOADER.load(self.text[4:end])
        return data if isinstance(data, dict) else {}


def examples(root: Path = PROJECT_ROOT) -> list[Template]:
    """The example incidents: every file in a year folder under ``incidents/``."""
    files = sorted((root / "incidents").glob("[0-9][0-9][0-9][0-9]/*.md"))
    return [Template.read(path) for path in files]


def heaviest_personal_data(templates: Sequence[Template]) -> Template:
    """The largest closed incident whose personal data leaked: clocks, notifications, all."""

    def leaked(template: Template) -> bool:
        data = template.front_matter()
        personal = data.get("personal_data")
        status = personal.get("status") if isinstance(personal, dict) else None
        return data.get("status") == "closed" and status in ("confirmed", "suspected")

    candidates = [template for template in templates if leaked(template)] or list(templates)
    return max(candidates, key=lambda template: len(template.text.encode("utf-8")))


def with_long_body(text: str, target_bytes: int) -> str:
    """``text`` with its first list in the body (the timeline) repeated up to ``target_bytes``."""
    front_end = text.index("\n---\n", 3) + 5
    lines = text[front_end:].split("\n")
    first = next((i for i, line in enumerate(lines) if line.startswith("- ")), len(lines))
    items = []
    for line in lines[first:]:
        if not (line.startswith(("- ", "  ")) and line.strip()):
            break
        items.append(line)
    items = items or ["- " + lines[-1]]
    size = len(text.encode("utf-8"))
    extra: list[str] = []
    while size < target_bytes:
        for line in items:
            extra.append(line)
            size += len(line.encode("utf-8")) + 1
    lines[first:first] = extra
    return text[:front_end] + "\n".join(lines)


def with_many_prevention_items(text: str, wanted: int) -> str:
    """``text`` with its prevention items repeated, under new ids, to ``wanted`` items."""
    front_end = text.index("\n---\n", 3)
    lines = text[:front_end].split("\n")
    if "prevention:" not in lines:
        return text
    start = lines.index("prevention:") + 1
    end = start
    while end < len(lines) and lines[end].startswith((" ", "-")):
        end += 1
    starts = [i for i in range(start, end) if lines[i].lstrip().startswith("- ")]
    items = [lines[a:b] for a, b in zip(starts, [*starts[1:], end], strict=True)]
    added: list[str] = []
    for number in range(len(items), wanted):
        for line in items[number % len(items)] if items else []:
            added.append(re.sub(r"^(\s*-?\s*id:\s*)(\S+)", rf"\g<1>\g<2>-{number}", line))
    lines[end:end] = added
    return "\n".join(lines) + text[front_end:]


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    share: int  # files of this kind in every 20
    what: str


# What each kind is, for the README's table; ``generate`` interleaves them in this order.
MIX = (
    Kind("mixed", 12, "generated: mixed phases, Japanese and English, 1-3 prevention items"),
    Kind("examples", 3, "copies of each incident under incidents/ in turn"),
    Kind(
        "personal-data",
        3,
        "copies of the closed personal-data incident: regulatory clocks, the notification log, "
        "five prevention items, Japanese",
    ),
    Kind("long-body", 1, "the same with its Japanese timeline grown to 100 KB"),
    Kind("many-prevention", 1, "the same with 40 prevention items"),
)
LONG_BODY_BYTES = 100_000
MANY_PREVENTION_ITEMS = 40


def _slots(mix: Sequence[Kind]) -> list[str]:
    """Kind names for 20 consecutive files, each kind spread out over them."""
    slots: list[tuple[float, str]] = []
    for kind in mix:
        slots += [((i + 0.5) / kind.share, kind.name) for i in range(kind.share)]
    return [name for _, name in sorted(slots)]


def kind_of(number: int, mix: Sequence[Kind] = MIX) -> str:
    """The kind of the ``number``-th file ``generate`` writes with ``mix``."""
    slots = _slots(mix)
    return slots[number % len(slots)]


def _writers(
    rng: random.Random, templates: list[Template]
) -> dict[str, Callable[[int], tuple[str, str]]]:
    heavy = heaviest_personal_data(templates)
    long_text = with_long_body(heavy.text, LONG_BODY_BYTES)
    many_text = with_many_prevention_items(heavy.text, MANY_PREVENTION_ITEMS)
    return {
        "mixed": lambda number: incident_text(number, rng),
        "examples": lambda number: templates[number % len(templates)].copy(number),
        "personal-data": heavy.copy,
        "long-body": lambda number: heavy.copy(number, long_text),
        "many-prevention": lambda number: heavy.copy(number, many_text),
    }


def generate(
    root: Path,
    count: int,
    seed: int = 7,
    *,
    mix: Sequence[Kind] = MIX,
    copies_of: Sequence[Path] = (),
) -> list[Path]:
    """Write ``count`` incidents and the shipped config into ``root``.

    The kinds of ``mix`` take turns; with ``copies_of``, every file is instead a copy of one
    of those incident files in turn, each under its own ID.
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_ROOT / "incidentflow.yaml", root / "incidentflow.yaml")
    if copies_of:
        chosen = [Template.read(path) for path in copies_of]
        slots = ["copy"]
        writers = {"copy": lambda number: chosen[number % len(chosen)].copy(number)}
    else:
        slots = _slots(mix)
        writers = _writers(rng, examples())
    written: list[Path] = []
    for number in range(count):
        relative, text = writers[slots[number % len(slots)]](number)
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        written.append(target)
    return written
