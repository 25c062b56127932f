"""`incident declare --from-alert`: repository_dispatch payloads, the field mapping, and
repeated alerts that join the incident their first alert declared."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from incidentflow.declare.markers import DeclarationMarker
from tests.conftest import run_incident
from tests.declare.support import declaration_files, declare, pulls, serve, write_alert_event
from tests.fake_github.openapi import assert_conforms
from tests.sync.support import labels_of

ALERT = {
    "title": "Checkout error rate above 5%",
    "severity": "critical",
    "service": "checkout-api",
    "started_at": "2026-11-29T02:10:00Z",
    "link": "https://grafana.example.com/d/checkout?from=now-1h",
    "dedup_key": "checkout-api/error-rate",
}

# Prometheus Alertmanager's webhook body, forwarded as the client_payload (README example).
ALERTMANAGER_CONFIG = """
declare:
  alert:
    fields:
      title: [commonAnnotations.summary, commonLabels.alertname]
      severity: commonLabels.severity
      service: [commonLabels.service, commonLabels.job]
      started_at: alerts.0.startsAt
      link: [alerts.0.generatorURL, externalURL]
      dedup_key: groupKey
    severities: {critical: sev1, warning: sev3, info: sev4}
    reported_by: Alertmanager
"""
ALERTMANAGER = {
    "version": "4",
    "groupKey": '{}:{alertname="PaymentTimeouts"}',
    "status": "firing",
    "receiver": "incidentflow",
    "commonLabels": {"alertname": "PaymentTimeouts", "severity": "critical", "service": "payments"},
    "commonAnnotations": {"summary": "Card authorisations time out at the processor"},
    "externalURL": "https://alertmanager.example.com",
    "alerts": [
        {
            "status": "firing",
            "startsAt": "2026-11-29T11:20:00.123+09:00",
            "generatorURL": "https://prometheus.example.com/graph?g0.expr=rate",
            "labels": {"alertname": "PaymentTimeouts"},
        }
    ],
}


def load_front(text: str) -> dict[str, Any]:
    data = YAML(typ="safe").load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(data, dict)
    return data


def only_file(gh: Any, branch: str) -> tuple[str, str]:
    files = declaration_files(gh, branch)
    assert len(files) == 1, files
    path, content = next(iter(files.items()))
    return path, content.decode("utf-8")


def test_an_alert_becomes_one_pull_request_with_a_valid_file(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    (repo / "incidentflow.yaml").write_text(
        (repo / "incidentflow.yaml").read_text(encoding="utf-8")
        + "\ndeclare:\n  alert:\n    severities: {critical: sev1}\n",
        encoding="utf-8",
    )
    gh = serve(fake_github_factory, repo)
    event = write_alert_event(tmp_path, ALERT)

    result = declare(repo, gh, "--from-alert", str(event))

    assert result.code == 0, result.stdout + result.stderr
    (pull,) = pulls(gh)
    assert pull.pull is not None and pull.pull.head.startswith("incidentflow/declare/alert-")
    assert "checkout-api/error-rate" not in pull.pull.head, "the key is hashed, never used raw"
    path, text = only_file(gh, pull.pull.head)
    data = load_front(text)
    assert data["title"] == "Checkout error rate above 5%"
    assert data["severity"] == "sev1"
    assert data["detection"]["source"] == "system_alert"
    assert data["detected_at"] == "2026-11-29T11:10:00+09:00"
    assert data["links"] == [{"kind": "other", "url": ALERT["link"], "title": "alert"}]
    assert "checkout-api" in data["id"], "the service names the ID"
    assert "checkout\\-api" in text or "checkout-api" in text
    assert set(labels_of(gh, pull.number)) == {"incident-declaration", "incident:sev1"}
    assert (repo / path).is_file() and run_incident("validate", cwd=repo).code == 0
    assert_conforms(gh.requests)


def test_a_repeated_alert_adds_a_timeline_line_instead_of_a_second_pull_request(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    first = write_alert_event(tmp_path, ALERT, "first.json")
    assert declare(repo, gh, "--from-alert", str(first)).code == 0
    (pull,) = pulls(gh)
    assert pull.pull is not None
    marker = DeclarationMarker.parse(pull.body or "")
    assert marker is not None

    # The same delivery again (a re-run of the workflow): nothing changes.
    writes = gh.writes()
    again = declare(repo, gh, "--from-alert", str(first), "--format", "json")
    assert again.json()["outcome"] == "exists" and gh.writes() == writes

    # The alert fires again (same key, a later payload): a timeline line and a comment.
    second = write_alert_event(
        tmp_path, {**ALERT, "title": "Checkout error rate above 9%"}, "second.json"
    )
    result = declare(repo, gh, "--from-alert", str(second), "--format", "json")
    assert result.code == 0, result.stderr
    assert result.json()["outcome"] == "repeated"
    assert len(pulls(gh)) == 1
    _, text = only_file(gh, pull.pull.head)
    timeline = text.split("## タイムライン", 1)[1].split("\n## ", 1)[0]
    assert timeline.count("\n- ") == 2 and "above 9%" in timeline
    (comment,) = gh.state.comments_on(pull.number)
    assert "above 9%" in comment.body

    # The same repeated alert once more: recorded already.
    writes = gh.writes()
    assert declare(repo, gh, "--from-alert", str(second)).code == 0
    assert gh.writes() == writes and len(gh.state.comments_on(pull.number)) == 1


def test_after_the_merge_a_repeat_comments_and_after_the_close_it_declares_anew(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    assert declare(repo, gh, "--from-alert", str(write_alert_event(tmp_path, ALERT))).code == 0
    (pull,) = pulls(gh)
    gh.state.merge_pull(pull.number)
    marker = DeclarationMarker.parse(pull.body or "")
    assert marker is not None

    repeat = write_alert_event(tmp_path, {**ALERT, "title": "still failing"}, "repeat.json")
    result = declare(repo, gh, "--from-alert", str(repeat), "--format", "json")
    assert result.json()["outcome"] == "repeated", result.stdout
    assert len(pulls(gh)) == 1 and len(gh.state.comments_on(pull.number)) == 1

    # The incident is closed on the default branch (declined here): the next alert is new.
    raw = gh.state.read_file("main", marker.path)
    assert raw is not None
    closed = raw.decode().replace("status: detected", "status: declined\ndeclined_reason: noise")
    gh.state.put_file("main", marker.path, closed)
    later = {**ALERT, "title": "fires again next week", "started_at": "2026-11-29T02:50:00Z"}
    result = declare(repo, gh, "--from-alert", str(write_alert_event(tmp_path, later, "l.json")))
    assert result.code == 0, result.stderr
    assert len(pulls(gh)) == 2
    newer = pulls(gh)[-1]
    assert newer.pull is not None and newer.pull.head == pull.pull.head, "the key's branch, reused"
    path, _ = only_file(gh, newer.pull.head)
    assert path != marker.path


def test_the_documented_alertmanager_mapping(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(config.read_text(encoding="utf-8") + ALERTMANAGER_CONFIG, encoding="utf-8")
    gh = serve(fake_github_factory, repo)

    result = declare(repo, gh, "--from-alert", str(write_alert_event(tmp_path, ALERTMANAGER)))

    assert result.code == 0, result.stdout + result.stderr
    (pull,) = pulls(gh)
    assert pull.pull is not None
    _, text = only_file(gh, pull.pull.head)
    data = load_front(text)
    assert data["title"] == "Card authorisations time out at the processor"
    assert data["severity"] == "sev1"
    assert data["detected_at"] == "2026-11-29T11:20:00+09:00"
    assert data["detection"]["reported_by"] == "Alertmanager"
    assert data["links"][0]["url"].startswith("https://prometheus.example.com/")


def test_a_bare_payload_and_an_alert_without_facts(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    bare = tmp_path / "bare.json"
    bare.write_text('{"title": "Disk full on batch-01"}', encoding="utf-8")
    assert declare(repo, gh, "--from-alert", str(bare)).code == 0
    empty = write_alert_event(tmp_path, {}, "empty.json")  # the octokit example's own payload
    result = declare(repo, gh, "--from-alert", str(empty))
    assert result.code == 0, result.stderr
    assert len(pulls(gh)) == 2
    _, text = only_file(gh, pulls(gh)[-1].pull.head)
    # The file and the pull request are in the repository's language.
    assert load_front(text)["title"] == "アラート"
    assert "タイムゾーン付きの日時がない" in (pulls(gh)[-1].body or "")


def test_a_mapping_to_an_unknown_severity_is_a_configuration_error(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    config = repo / "incidentflow.yaml"
    extra = "\ndeclare:\n  alert:\n    severities: {critical: p1}\n"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    gh = serve(fake_github_factory, repo)
    result = declare(repo, gh, "--from-alert", str(write_alert_event(tmp_path, ALERT)))
    assert result.code == 2
    assert "declare.alert.severities.critical" in result.stderr and "'p1'" in result.stderr
    assert pulls(gh) == [] and gh.writes() == 0
