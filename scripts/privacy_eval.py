"""Precision and recall of the personal-data detectors on the labelled corpus.

    python scripts/privacy_eval.py [--corpus PATH] [--strict] [--show-errors]

Exit status: 0 after printing the table; 1 with --strict when recall is below 1.0 or
anything was falsely reported; 2 when the corpus cannot be loaded.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "privacy_corpus" / "cases.yaml"

try:
    from incidentflow.privacy import scan_text
    from incidentflow.privacy.detectors import CODES
except ImportError:  # running from a checkout without the package installed
    sys.path.insert(0, str(ROOT / "src"))
    from incidentflow.privacy import scan_text
    from incidentflow.privacy.detectors import CODES

KINDS = tuple(CODES)


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    text: str
    kinds: tuple[str, ...]


@dataclass(slots=True)
class Tally:
    true_positive: Counter[str] = field(default_factory=Counter)
    false_positive: Counter[str] = field(default_factory=Counter)
    false_negative: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


class CorpusError(Exception):
    pass


def load_cases(path: Path) -> list[Case]:
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        cases = [
            Case(str(c["id"]), str(c["text"]), tuple(str(k) for k in c["kinds"]))
            for c in data["cases"]
        ]
    except (OSError, YAMLError, KeyError, TypeError) as exc:
        raise CorpusError(f"cannot load {path}: {exc}") from exc
    unknown = {k for c in cases for k in c.kinds} - set(KINDS)
    if unknown:
        raise CorpusError(f"{path}: unknown kinds {sorted(unknown)}")
    return cases


def evaluate(cases: list[Case]) -> Tally:
    tally = Tally()
    for case in cases:
        expected = Counter(case.kinds)
        found = Counter(hit.kind for hit in scan_text(case.text))
        hits = expected & found
        tally.true_positive.update(hits)
        tally.false_positive.update(found - hits)
        tally.false_negative.update(expected - hits)
        if found != expected:
            tally.errors.append(
                f"{case.id}: expected {sorted(expected.elements())}, "
                f"found {sorted(found.elements())}"
            )
    return tally


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f}" if denominator else "  n/a"


def render(tally: Tally, case_count: int) -> str:
    rows = [f"{'kind':<12} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>7}"]
    for kind in (*KINDS, "overall"):
        if kind == "overall":
            tp, fp, fn = (sum(c.values()) for c in _counters(tally))
        else:
            tp, fp, fn = (c[kind] for c in _counters(tally))
        rows.append(
            f"{kind:<12} {tp:>4} {fp:>4} {fn:>4} {_ratio(tp, tp + fp):>10} {_ratio(tp, tp + fn):>7}"
        )
    rows.append(f"{case_count} cases, {len(tally.errors)} with a wrong result")
    return "\n".join(rows)


def _counters(tally: Tally) -> tuple[Counter[str], Counter[str], Counter[str]]:
    return tally.true_positive, tally.false_positive, tally.false_negative


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--strict", action="store_true", help="exit 1 on any miss or false hit")
    parser.add_argument("--show-errors", action="store_true", help="list the wrong cases")
    args = parser.parse_args(argv)
    try:
        cases = load_cases(args.corpus)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    tally = evaluate(cases)
    print(render(tally, len(cases)))
    if args.show_errors:
        for line in tally.errors:
            print(f"  {line}")
    failed = bool(sum(tally.false_positive.values()) or sum(tally.false_negative.values()))
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
