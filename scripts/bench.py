"""Benchmarks for incidentflow, as ratios against baselines measured in the same run.

    python scripts/bench.py                     # sizes 100, 1,000 and 10,000; 3 repetitions
    python scripts/bench.py --sizes 100 1000 --reps 5 --json bench-results.json
    python scripts/bench.py --sizes 2000 --copies-of incidents/2026/INC-…-sdgg.md

Measured (medians of the repetitions, each a fresh process as a user or CI runs it):
- `incident validate` over N files of the corpus mix (scripts/bench_corpus.py: mostly small
  closed incidents, and heavy personal-data ones with clocks, long Japanese bodies, many
  prevention items), or over copies of the files given with --copies-of, against the floor
  (reading the files and loading their front matter with ruamel.yaml's C loader, nothing
  else) and against check-jsonschema validating the same front matter with
  schemas/incident.schema.json;
- the peak memory of `incident validate` at the largest size: the resident set of the
  command and its workers together, sampled every 10 ms;
- the cost per file of the personal-data scan, the section parse and the clock evaluation,
  on files of about 1 KB, 14 KB, 50 KB and 100 KB, in this process (they must grow linearly);
- `incident check` with 10 changed files (and the regenerated index) in a 10,000-file repository
  against a 100-file one;
- start-up: `incident --version` against `python -c "import click"`;
- the sync's counted HTTP requests (scripts/sync_requests.py), when that script is present.

Times vary with the machine; the ratios are what the goals are about. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).resolve().parent
PROJECT_ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))

from ruamel.yaml import YAML  # noqa: E402

from bench_corpus import MIX, generate, kind_of  # noqa: E402

FLOOR = """
import pathlib, sys
from ruamel.yaml import YAML
yaml = YAML(typ="safe")
assert yaml.Parser.__name__ == "CParser", "ruamel.yaml.clib is not installed"
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    text = path.read_text("utf-8")
    yaml.load(text[4 : text.index("\\n---\\n", 3)])
"""
FLOOR_YAML = YAML(typ="safe")
GOAL_SIZE = 10_000
RSS_GOAL_MB = 300
GOALS = {
    "validate_vs_floor": 2.0,
    "validate_vs_check_jsonschema": 1.0,
    "check_10000_vs_100": 1.2,
    "startup_vs_click": 1.5,
}


def incident_command() -> list[str]:
    found = shutil.which("incident")
    return [found] if found else [sys.executable, "-m", "incidentflow"]


def timed(command: Sequence[str], cwd: Path, reps: int, expect: Sequence[int] = (0,)) -> float:
    """Median wall time of ``reps`` runs; the command must exit with one of ``expect``."""
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        samples.append(time.perf_counter() - start)
        if completed.returncode not in expect:
            raise SystemExit(
                f"{' '.join(command)} exited {completed.returncode}:\n"
                f"{completed.stdout[-2000:]}{completed.stderr[-2000:]}"
            )
    return statistics.median(samples)


def _tree_rss(pid: int) -> int:
    """Bytes resident in ``pid`` and all its descendants (Linux /proc), 0 once it is gone."""
    total, waiting = 0, [pid]
    while waiting:
        current = waiting.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
        waiting += [int(child) for child in children.split()]
    return total


def peak_rss(command: Sequence[str], cwd: Path, expect: Sequence[int] = (0,)) -> int | None:
    """Peak resident bytes of ``command`` with its worker processes, sampled every 10 ms.

    Pages the workers share with their parent after forking count once per process, so
    this overstates the memory in use. None where /proc cannot show child processes.
    """
    if not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists():
        return None
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.01)
    if process.returncode not in expect:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return peak


def front_matter_copies(root: Path, target: Path) -> list[str]:
    """The front matter of every incident as a .yaml file, for check-jsonschema (untimed)."""
    names = []
    for number, path in enumerate(sorted((root / "incidents").rglob("*.md"))):
        text = path.read_text("utf-8")
        out = target / f"{number:06d}.yaml"
        out.write_text(text[4 : text.index("\n---\n", 3) + 1], "utf-8")
        names.append(out.name)
    return names


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@bench.invalid"]
    git(root, *identity, "commit", "-q", "-m", message)


def check_repository(root: Path, count: int) -> Path:
    """A repository of ``count`` incidents and their index whose last commit changes 10 of
    them (one title among them, so the index changes too) and brings the new index."""
    generate(root, count)
    git(root, "init", "-q", "-b", "main")
    index = [*incident_command(), "index"]
    subprocess.run(index, cwd=root, check=True, capture_output=True)
    commit_all(root, "base")
    changed = [p for p in sorted((root / "incidents").rglob("*.md")) if p.name != "README.md"]
    for number, path in enumerate(changed[:10]):
        text = path.read_text(encoding="utf-8")
        if number == 0:
            text = text.replace("\ntitle: ", "\ntitle: Updated - ", 1)
        path.write_text(text + "\nFollow-up: the processor confirmed the fix.\n", "utf-8")
    subprocess.run(index, cwd=root, check=True, capture_output=True)
    commit_all(root, "ten changes")
    return root


def sync_counts() -> dict[str, object] | None:
    script = SCRIPTS / "sync_requests.py"
    if not script.exists():
        return None
    completed = subprocess.run(
        [sys.executable, str(script), "--json"], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        return {"error": completed.stderr.strip()[-500:]}
    try:
        data = json.loads(completed.stdout)
    except ValueError:
        return {"error": "sync_requests.py printed no JSON"}
    return data if isinstance(data, dict) else None


def corpus_mix(files: list[Path], copies_of: Sequence[Path]) -> list[dict[str, object]]:
    """Each kind of file in a generated corpus: how many, and their mean size."""
    by_kind: dict[str, list[int]] = {}
    for number, path in enumerate(files):
        kind = "copy" if copies_of else kind_of(number)
        by_kind.setdefault(kind, []).append(path.stat().st_size)
    described = {kind.name: kind.what for kind in MIX}
    if copies_of:
        described["copy"] = "copies of " + ", ".join(path.name for path in copies_of)
    return [
        {
            "kind": kind,
            "files": len(sizes),
            "share": round(len(sizes) / len(files), 3),
            "mean_kb": round(statistics.mean(sizes) / 1024, 1),
            "what": described[kind],
        }
        for kind, sizes in by_kind.items()
    ]


def run(
    sizes: list[int], reps: int, copies_of: Sequence[Path] = (), *, validate_only: bool = False
) -> dict[str, object]:
    incident = incident_command()
    # Copies of arbitrary files may carry findings; the generated corpus must be clean.
    expect = (0, 1) if copies_of else (0,)
    results: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "cores": os.cpu_count(),
            "platform": platform.platform(),
        },
        "reps": reps,
        "validate": [],
    }
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="incidentflow-bench-") as scratch:
        base = Path(scratch)
        for size in sizes:
            root = base / f"validate-{size}"
            files = generate(root, size, copies_of=copies_of)
            if size == max(sizes):
                results["corpus"] = corpus_mix(files, copies_of)
            copies = base / f"yaml-{size}"
            copies.mkdir()
            names = front_matter_copies(root, copies)
            schema = str(PROJECT_ROOT / "schemas" / "incident.schema.json")
            commands = {
                "validate": ([*incident, "validate"], root, expect),
                "floor": ([sys.executable, "-c", FLOOR, str(root / "incidents")], root, (0,)),
                "check_jsonschema": (
                    ["check-jsonschema", "--schemafile", schema, *names],
                    copies,
                    (0,),
                ),
            }
            # Interleaved, so a burst of load on a shared machine hits all three alike.
            samples: dict[str, list[float]] = {name: [] for name in commands}
            for _ in range(reps):
                for name, (command, cwd, codes) in commands.items():
                    samples[name].append(timed(command, cwd, 1, codes))
            ours, floor, cjs = (statistics.median(samples[name]) for name in commands)
            rows.append(
                {
                    "files": size,
                    "validate_s": round(ours, 3),
                    "floor_s": round(floor, 3),
                    "check_jsonschema_s": round(cjs, 3),
                    "validate_vs_floor": round(ours / floor, 2),
                    "validate_vs_check_jsonschema": round(ours / cjs, 2),
                }
            )
            if size == max(sizes):
                peak = peak_rss([*incident, "validate"], root, expect)
                rows[-1]["peak_rss_mb"] = round(peak / 2**20) if peak is not None else None
            print_progress(rows[-1])
        results["validate"] = rows
        results["per_file"] = per_file_costs(base / "per-file")
        if validate_only:
            return results
        small = check_repository(base / "check-100", 100)
        large = check_repository(base / "check-10000", 10_000)
        # Some 0.5 s each, so a burst of load shows: more runs, taking turns.
        check = [*incident, "check", "--base", "HEAD~1"]
        pairs = [(timed(check, small, 1), timed(check, large, 1)) for _ in range(max(reps, 7))]
        check_small = statistics.median(small_s for small_s, _ in pairs)
        check_large = statistics.median(large_s for _, large_s in pairs)
        results["check"] = {
            "changed_files": 10,
            "repo_100_s": round(check_small, 3),
            "repo_10000_s": round(check_large, 3),
            "check_10000_vs_100": round(check_large / check_small, 2),
        }
    startup = timed([*incident, "--version"], PROJECT_ROOT, max(reps, 10))
    click_only = timed([sys.executable, "-c", "import click"], PROJECT_ROOT, max(reps, 10))
    results["startup"] = {
        "incident_version_s": round(startup, 3),
        "import_click_s": round(click_only, 3),
        "startup_vs_click": round(startup / click_only, 2),
    }
    counts = sync_counts()
    if counts is not None:
        results["sync_requests"] = counts
    return results


def per_file_costs(root: Path, rounds: int = 30) -> list[dict[str, object]]:
    """Milliseconds per file of each stage, on a file of about 1 KB, the heavy 14 KB one and
    copies of it with a long body (50 and 100 KB, the same text, to show the growth):
    medians of ``rounds`` runs in this process, after a warm-up run."""
    from bench_corpus import Template, examples, heaviest_personal_data, with_long_body
    from incidentflow.config.settings import load_config
    from incidentflow.config.workspace import Repository

    generate(root, 0)
    repository = Repository(root, load_config(root / "incidentflow.yaml").config)
    templates = examples()
    heavy = heaviest_personal_data(templates)
    valid = sorted((PROJECT_ROOT / "tests" / "examples" / "valid").glob("*.md"))
    small = min(
        [*templates, *(Template.read(path) for path in valid)],
        key=lambda template: abs(len(template.text.encode("utf-8")) - 1024),
    )
    files = {
        "small example": small.copy(1),
        "heavy personal-data": heavy.copy(2),
        "heavy, long body": heavy.copy(3, with_long_body(heavy.text, 50_000)),
        "heavy, longer body": heavy.copy(4, with_long_body(heavy.text, 100_000)),
    }
    rows: list[dict[str, object]] = []
    for name, (relative, text) in files.items():
        raw = text.encode("utf-8")
        row: dict[str, object] = {"file": name, "kb": round(len(raw) / 1024, 1)}
        for stage, call in _stages(repository, relative, raw).items():
            call()
            runs = []
            for _ in range(rounds):
                start = time.perf_counter()
                call()
                runs.append(time.perf_counter() - start)
            row[f"{stage}_ms"] = round(statistics.median(runs) * 1000, 3)
        rows.append(row)
    return rows


def _stages(repository: Any, relative: str, raw: bytes) -> dict[str, Callable[[], object]]:
    from incidentflow.record.load import parse_document
    from incidentflow.record.sections import find_sections
    from incidentflow.rules.clocks import evaluate_clocks
    from incidentflow.rules.privacy import personal_data_findings
    from incidentflow.rules.result import ValidatedIncident
    from incidentflow.rules.run import validate_bytes

    document, problems = parse_document(raw, relative)
    assert document is not None, problems
    result = ValidatedIncident(document, None)
    config = repository.config
    return {
        "validate": lambda: validate_bytes(repository, raw, relative),
        "floor_yaml": lambda: FLOOR_YAML.load(document.front_matter),
        "privacy_scan": lambda: list(personal_data_findings(result, config)),
        "sections": lambda: find_sections(document.text),
        "clocks": lambda: evaluate_clocks(document.data, config),
    }


def print_progress(row: dict[str, object]) -> None:
    print(f"  measured {row['files']} files", file=sys.stderr)


def verdict(value: float, goal: float) -> str:
    return "ok" if value <= goal else "OVER"


def render(results: dict[str, object]) -> str:
    machine = results["machine"]
    assert isinstance(machine, dict)
    lines = [
        f"incidentflow benchmarks: Python {machine['python']}, {machine['cores']} cores, "
        f"median of {results['reps']} runs",
        "",
        *render_corpus(results),
        "",
        "| files | incident validate | floor (C loader) | check-jsonschema "
        "| vs floor (goal ≤ 2.0 at 10,000) | vs check-jsonschema (goal ≤ 1.0 at 10,000) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    rows = results["validate"]
    assert isinstance(rows, list)
    for row in rows:
        # The goals are set at 10,000 files; smaller runs are dominated by the fixed start-up
        # (pydantic and the config), so they are shown for information.
        judged = row["files"] == GOAL_SIZE
        floor_mark = verdict(row["validate_vs_floor"], GOALS["validate_vs_floor"]) if judged else ""
        cjs_goal = GOALS["validate_vs_check_jsonschema"]
        cjs_mark = verdict(row["validate_vs_check_jsonschema"], cjs_goal) if judged else ""
        lines.append(
            f"| {row['files']:,} | {row['validate_s']:.2f} s | {row['floor_s']:.2f} s | "
            f"{row['check_jsonschema_s']:.2f} s | {row['validate_vs_floor']:.2f} {floor_mark} | "
            f"{row['validate_vs_check_jsonschema']:.2f} {cjs_mark} |"
        )
    peak = next((row for row in rows if row.get("peak_rss_mb") is not None), None)
    if peak is not None:
        mark = verdict(peak["peak_rss_mb"], RSS_GOAL_MB) if peak["files"] == GOAL_SIZE else ""
        lines += [
            "",
            f"Peak memory of `incident validate` at {peak['files']:,} files, the command and "
            f"its workers together: {peak['peak_rss_mb']} MB (goal < {RSS_GOAL_MB} MB) {mark}",
        ]
    lines += ["", *render_per_file(results)]
    check = results.get("check")
    startup = results.get("startup")
    if isinstance(check, dict) and isinstance(startup, dict):
        lines += [
            "",
            "| measurement | value | baseline | ratio | goal |",
            "|---|---:|---:|---:|---:|",
            f"| `incident check`, 10 changed files, 10,000 vs 100 files | "
            f"{check['repo_10000_s']:.2f} s | {check['repo_100_s']:.2f} s | "
            f"{check['check_10000_vs_100']:.2f} "
            f"{verdict(check['check_10000_vs_100'], GOALS['check_10000_vs_100'])} | ≤ 1.2 |",
            f"| start-up: `incident --version` vs `python -c 'import click'` | "
            f"{startup['incident_version_s']:.3f} s | {startup['import_click_s']:.3f} s | "
            f"{startup['startup_vs_click']:.2f} "
            f"{verdict(startup['startup_vs_click'], GOALS['startup_vs_click'])} | ≤ 1.5 |",
        ]
    counts = results.get("sync_requests")
    if isinstance(counts, dict) and "first_and_second" in counts:
        lines += ["", *render_sync_counts(counts)]
    elif isinstance(counts, dict):
        lines += ["", f"Sync request counts unavailable: {counts.get('error')}"]
    return "\n".join(lines)


def render_corpus(results: dict[str, object]) -> list[str]:
    corpus = results.get("corpus")
    assert isinstance(corpus, list)
    lines = ["| corpus kind | share | mean size | what |", "|---|---:|---:|---|"]
    for kind in corpus:
        lines.append(
            f"| {kind['kind']} | {kind['share']:.0%} | {kind['mean_kb']:.1f} KB | {kind['what']} |"
        )
    return lines


def render_per_file(results: dict[str, object]) -> list[str]:
    rows = results.get("per_file")
    assert isinstance(rows, list)
    lines = [
        "| per file, ms (µs per KB) | size | whole validation | floor (C loader) "
        "| personal-data scan | section parse | clock evaluation |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        kb = float(row["kb"])
        cells = [
            f"{row[stage + '_ms']:.2f} ({1000 * row[stage + '_ms'] / kb:.0f})"
            for stage in ("validate", "floor_yaml", "privacy_scan", "sections", "clocks")
        ]
        lines.append(f"| {row['file']} | {kb:.1f} KB | " + " | ".join(cells) + " |")
    return lines


def render_sync_counts(counts: dict[str, Any]) -> list[str]:
    """HTTP requests counted on the local GitHub test server (scripts/sync_requests.py)."""
    both = counts["first_and_second"]
    teams, items = both["stakeholders"], both["prevention"]
    first, second = both["first"], both["second"]
    budget = teams + items
    lines = [
        "| sync, counted HTTP requests | reads | writes | issue creates | goal |",
        "|---|---:|---:|---:|---|",
        f"| first sync, 1 incident, S={teams} teams, P={items} prevention items | "
        f"{first['reads']} | {first['writes']} | {first['issue_creates']} | "
        f"creates ≤ S+P = {budget} "
        f"{'ok' if first['issue_creates'] <= budget else 'OVER'} (+ a small constant) |",
        f"| second sync, nothing changed | {second['reads']} | {second['writes']} | "
        f"{second['issue_creates']} | 0 writes {'ok' if second['writes'] == 0 else 'OVER'} |",
    ]
    for row in counts["reads"]:
        lines.append(
            f"| steady state, {row['incidents']:,} incidents, {row['managed_issues']} managed "
            f"issues ({row['listing_pages']} listing pages) | {row['reads']} | {row['writes']} | "
            f"{row['issue_creates']} | reads grow with pages, not incidents |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path("bench-results.json"))
    parser.add_argument(
        "--copies-of",
        type=Path,
        nargs="+",
        default=[],
        metavar="FILE",
        help="build the corpus from copies of these incident files instead of the mix",
    )
    parser.add_argument(
        "--validate-only",
        action="store_true",
        help="skip the incident check, start-up and sync measurements",
    )
    arguments = parser.parse_args()
    copies_of = [path.resolve() for path in arguments.copies_of]
    results = run(arguments.sizes, arguments.reps, copies_of, validate_only=arguments.validate_only)
    arguments.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(render(results))
    print(f"\n(JSON written to {arguments.json})")


if __name__ == "__main__":
    main()
