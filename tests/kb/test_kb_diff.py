"""Staying fresh: `kb refresh` on a schedule writes a snapshot for review, and `kb diff` shows what
it (or another folder, or a commit) changes: who came, who left, which dates moved. The refresh
talks to a local SPARQL server on 127.0.0.1, never the internet."""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import build_parser, main
from tests.kb.test_refresh import SparqlServer, _binding

ROOT = Path(__file__).resolve().parents[2]

KB = """
sources:
  - {id: reviewed, name: Reviewed list, complete_to: 2025-06-30, priority: 100}
jurisdictions:
  - {id: US, name: United States, adjectives: [U.S.]}
  - {id: GB, name: United Kingdom, adjectives: [British]}
offices:
  - {id: us.head-of-state, name: President of the United States, jurisdiction: US,
     group: head-of-state, titles: [President], complete_from: 1990-01-01, source: reviewed}
  - {id: gb.head-of-government, name: Prime Minister of the United Kingdom, jurisdiction: GB,
     group: head-of-government, titles: [Prime Minister], complete_from: 1990-01-01,
     source: reviewed}
people:
  - {id: Q6279, name: Joe Biden}
  - {id: Q22686, name: Donald Trump}
  - {id: Q1000, name: Keir Starmer}
  - {id: Q1002, name: Rishi Sunak}
terms:
  - {person: Q6279, office: us.head-of-state, start: 2021-01-20, source: reviewed}
  - {person: Q1000, office: gb.head-of-government, start: '2024', source: reviewed}
  - {person: Q1002, office: gb.head-of-government, start: 2022-10-25, end: 2024-07-05,
     source: reviewed}
"""

ROWS = [
    _binding("Q11696", "Q6279", "Joe Biden", "2021-01-20T00:00:00Z", "2025-01-20T00:00:00Z"),
    _binding("Q11696", "Q22686", "Donald Trump", "2025-01-20T00:00:00Z"),
    _binding("Q14211", "Q1000", "Keir Starmer", "2024-07-05T00:00:00Z"),
]


@pytest.fixture
def server() -> Iterator[SparqlServer]:
    s = SparqlServer()
    s.rows = ROWS
    yield s
    s.close()


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    (root / "kb").mkdir(parents=True)
    (root / "kb" / "kb.yaml").write_text(KB, encoding="utf-8")
    (root / "wikidata-positions.yaml").write_text(
        "positions:\n  Q11696: us.head-of-state\n  Q14211: gb.head-of-government\n",
        encoding="utf-8",
    )
    return root


def test_refresh_then_diff_shows_who_came_who_left_and_moved_dates(
    server: SparqlServer, rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    snapshot = tmp_path / "snapshots" / "p39-snapshot.yaml"
    refresh = ["kb", "refresh", "--endpoint", server.url, "--out", str(snapshot)]
    refresh += ["--positions", str(rules / "wikidata-positions.yaml")]
    assert main(refresh) == 0
    capsys.readouterr()
    assert main(["kb", "diff", "--rules", str(rules), str(snapshot)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1 came, 1 left, 1 with other dates, 0 removed",
        "gb.head-of-government (Prime Minister of the United Kingdom)",
        "  ~ Keir Starmer: 2024 to open -> 2024-07-05 to open",
        "us.head-of-state (President of the United States)",
        "  + Donald Trump came: from 2025-01-20 (wikidata-p39)",
        "  - Joe Biden left: on 2025-01-20 (from 2021-01-20; wikidata-p39)",
    ]


def test_diff_of_two_folders_and_a_group_filter(
    rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "newer"
    (newer / "kb").mkdir(parents=True)
    text = KB.replace(
        "  - {person: Q6279, office: us.head-of-state, start: 2021-01-20, source: reviewed}",
        "  - {person: Q6279, office: us.head-of-state, start: 2021-01-20, end: 2025-01-20,\n"
        "     source: reviewed}\n"
        "  - {person: Q22686, office: us.head-of-state, start: 2025-01-20, source: reviewed}",
    ).replace("start: '2024', source", "start: 2024-07-05, source")
    text = text.replace(
        "  - {person: Q1002, office: gb.head-of-government, start: 2022-10-25, end: 2024-07-05,\n"
        "     source: reviewed}\n",
        "",
    )
    (newer / "kb" / "kb.yaml").write_text(text, encoding="utf-8")
    assert main(["kb", "diff", "--rules", str(rules), str(rules), str(newer)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1 came, 1 left, 1 with other dates, 1 removed",
        "gb.head-of-government (Prime Minister of the United Kingdom)",
        "  ~ Keir Starmer: 2024 to open -> 2024-07-05 to open",
        "  x Rishi Sunak: no longer listed (2022-10-25 to 2024-07-05)",
        "us.head-of-state (President of the United States)",
        "  + Donald Trump came: from 2025-01-20 (reviewed)",
        "  - Joe Biden left: on 2025-01-20 (from 2021-01-20; reviewed)",
    ]
    argv = ["kb", "diff", "--rules", str(rules), "--group", "head-of-state", str(rules)]
    assert main([*argv, str(newer)]) == 0
    counts = capsys.readouterr().out.splitlines()[0]
    assert counts == "1 came, 1 left, 0 with other dates, 0 removed"


def test_diff_against_a_commit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    (repo / "rules" / "kb").mkdir(parents=True)
    kb = repo / "rules" / "kb" / "kb.yaml"
    kb.write_text(KB, encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "kb")
    kb.write_text(KB.replace("start: '2024'", "start: 2024-07-05"), encoding="utf-8")
    rules = str(repo / "rules")
    assert main(["kb", "diff", "--rules", rules, "git:HEAD", rules]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "0 came, 0 left, 1 with other dates, 0 removed"
    assert out[2] == "  ~ Keir Starmer: 2024 to open -> 2024-07-05 to open"


def test_bad_states_are_clear_errors(
    rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kb", "diff", "--rules", str(rules), str(tmp_path / "nowhere")]) == 2
    assert "nowhere: no such folder or snapshot file" in capsys.readouterr().err
    assert main(["kb", "diff", "--rules", str(rules), "git:no-such-rev", str(rules)]) == 2
    assert "git:no-such-rev: cannot read" in capsys.readouterr().err


# --- the schedule: a Kubernetes CronJob and a compose profile ---------------------------------


def _docs(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def _commands(script: str) -> list[list[str]]:
    """The copydesk commands of a shell line joined by && or ; (a loop's body included)."""
    body = script.replace("while ", "").replace("; do", " &&").split("do sleep")[0]
    parts = [p.split(">")[0] for p in body.replace(";", "&&").split("&&")]
    return [shlex.split(p) for p in parts if p.strip().startswith("copydesk")]


def _assert_refresh_then_diff(commands: list[list[str]]) -> None:
    assert [c[:3] for c in commands] == [["copydesk", "kb", "refresh"], ["copydesk", "kb", "diff"]]
    for command in commands:
        build_parser().parse_args(command[1:])  # real subcommands and flags
    out = commands[0][commands[0].index("--out") + 1]
    assert commands[1][-1] == out and out.startswith("/snapshots/")


def test_kubernetes_refreshes_weekly_into_a_volume_for_review() -> None:
    docs = _docs(ROOT / "deploy" / "k8s" / "kb-refresh-cronjob.yaml")
    (cron,) = [d for d in docs if d["kind"] == "CronJob"]
    (claim,) = [d for d in docs if d["kind"] == "PersistentVolumeClaim"]
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
    assert len(cron["spec"]["schedule"].split()) == 5
    pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    _assert_refresh_then_diff(_commands(container["args"][0]))
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    claimed = volumes[mounts["/snapshots"]]["persistentVolumeClaim"]["claimName"]
    assert claimed == claim["metadata"]["name"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert pod["securityContext"]["runAsNonRoot"] is True
    kustomization = _docs(ROOT / "deploy" / "k8s" / "kustomization.yaml")[0]
    assert "kb-refresh-cronjob.yaml" in kustomization["resources"]


def test_compose_has_a_refresh_profile() -> None:
    (compose,) = _docs(ROOT / "deploy" / "compose.yaml")
    service = compose["services"]["kb-refresh"]
    assert service["profiles"] == ["kb-refresh"]
    _assert_refresh_then_diff(_commands(service["command"][0]))
    assert "kbsnapshots:/snapshots" in service["volumes"]
    assert "kbsnapshots" in compose["volumes"]
