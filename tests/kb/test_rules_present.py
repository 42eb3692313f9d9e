"""No silent emptiness: without rules or a knowledge base Copydesk refuses to work, naming the
folder, rather than telling every editor "nothing to flag"; an installed package finds the rules
and knowledge base it ships."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from bot.commands import main
from bot.engine import Ruleset, load_ruleset
from bot.engine.ruleset import default_rules_dir
from bot.kb.index import KnowledgeIndex
from bot.kb.model import KnowledgeBase
from bot.paths import bundled_rules_dir

ROOT = Path(__file__).resolve().parents[2]
STORY = "Treasury Secretary Janet Yellen met bankers on Tuesday.\n"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--date", "2025-07-29", *args])
    return code, capsys.readouterr().err


def test_a_missing_rules_folder_exits_2_naming_it(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-rules"
    code, err = _check(capsys, "--rules", str(missing), str(story))
    assert code == 2
    assert f"{missing}: no such rules folder (check the --rules argument)" in err


def test_a_mistyped_environment_variable_exits_2_naming_it(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typo = tmp_path / "rulse"
    monkeypatch.setenv("COPYDESK_RULES_DIR", str(typo))
    code, err = _check(capsys, str(story))
    assert code == 2
    assert f"{typo}: no such rules folder (COPYDESK_RULES_DIR is set to it" in err


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        ("packs", "no knowledge-base files (*.yaml) in this folder"),
        ("kb", "no rule packs (*.yaml) in this folder"),
        ("empty-kb", "the knowledge base is empty: no people or no offices"),
    ],
)
def test_no_packs_or_no_knowledge_exits_2(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: str, problem: str
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    if make in {"packs", "empty-kb"}:
        shutil.copytree(default_rules_dir() / "packs", rules / "packs")
    if make == "kb":
        shutil.copytree(default_rules_dir() / "kb", rules / "kb")
    if make == "empty-kb":
        (rules / "kb").mkdir()
        (rules / "kb" / "sources.yaml").write_text(
            "sources: [{id: s, name: S, complete_to: 2025-01-01}]\n", encoding="utf-8"
        )
    code, err = _check(capsys, "--rules", str(rules), str(story))
    assert code == 2
    assert problem in err
    assert str(rules) in err


def test_the_bot_refuses_to_start(tmp_path: Path) -> None:
    """`copydesk serve` stops (exit 2, naming the folder) before the database or Slack is
    touched."""
    env = dict(os.environ) | {
        "COPYDESK_RULES_DIR": str(tmp_path / "rulse"),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",  # nothing listens there
        "COPYDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'copydesk.db'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--http", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 2, done.stderr
    assert "rulse: no such rules folder (COPYDESK_RULES_DIR is set to it" in done.stderr
    assert not (tmp_path / "copydesk.db").exists()


def test_readyz_fails_without_rules(sqlite_url: str) -> None:
    from tests.slack.conftest import running_bot
    from tests.slack.fake_slack import FakeSlack

    empty = Ruleset((), KnowledgeIndex(KnowledgeBase()), "", load_ruleset().reading)
    with FakeSlack() as fake, running_bot(fake, sqlite_url, empty) as harness:
        response = harness.http.get(harness.url + "readyz")
        assert (response.status_code, response.json()) == (503, {"ready": False})
        assert harness.http.get(harness.url + "healthz").status_code == 200


@pytest.mark.slow  # builds a wheel and a virtual environment (~20 s)
def test_an_installed_package_finds_its_rules_and_knowledge(tmp_path: Path) -> None:
    """A plain `pip install` of the wheel into a fresh venv, run outside the repository."""
    source = tmp_path / "source"  # a copy: building in place would write into the checkout
    skip = shutil.ignore_patterns("__pycache__", ".*", "*.egg-info")
    for name in ("bot", "rules"):
        shutil.copytree(ROOT / name, source / name, ignore=skip)
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("copydesk-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # the dependencies come from this environment (offline); Copydesk itself from the wheel
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "story.txt").write_text(STORY, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"COPYDESK_RULES_DIR", "PYTHONPATH"}} | {
        "COPYDESK_CACHE_DIR": str(tmp_path / "cache")
    }
    where = subprocess.run(
        [str(python), "-c", "import bot.paths as p; print(p.bundled_rules_dir())"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(site) and Path(where, "kb", "names.yaml").is_file()
    done = subprocess.run(
        [str(venv / "bin" / "copydesk"), "check", "--date", "2025-07-29", "story.txt"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr  # something flagged: rules and facts were loaded
    assert "Janet Yellen" in done.stdout
    assert bundled_rules_dir() == ROOT / "rules"  # this checkout reads rules/ in place
