"""The deploy/ files parse, agree with the app, and run the container as production needs
(non-root, health-checked, migrations before the bot)."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import build_parser
from bot.ops import endpoints

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SECRET_VARS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "COPYDESK_DATABASE_URL")


def _load(path: Path) -> list[Any]:
    with path.open(encoding="utf-8") as fh:
        return [doc for doc in yaml.safe_load_all(fh) if doc is not None]


def _one(path: Path) -> dict[str, Any]:
    (doc,) = _load(path)
    assert isinstance(doc, dict)
    return doc


def _k8s(kind: str, name: str | None = None) -> dict[str, Any]:
    docs = [
        d
        for p in sorted((DEPLOY / "k8s").glob("*.yaml"))
        for d in _load(p)
        if d.get("kind") == kind and (name is None or d["metadata"]["name"] == name)
    ]
    assert len(docs) == 1, f"expected one {kind} in deploy/k8s, found {len(docs)}"
    return docs[0]


def _cli(argv: list[str]) -> Any:
    """Parse argv with the real CLI; a wrong subcommand or flag fails with argparse's message."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            args = build_parser().parse_args(argv)
    except SystemExit:
        pytest.fail(f"`copydesk {' '.join(argv)}` is not a valid command: {err.getvalue().strip()}")
    assert getattr(args, "func", None) is not None, f"`copydesk {' '.join(argv)}` runs nothing"
    return args


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(
        r"\\\n",
        " ",
        "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")),
    )
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            instructions.append((word.upper(), rest.strip()))
    return instructions


def _final_stage() -> dict[str, str]:
    instructions = _dockerfile()
    last_from = max(i for i, (word, _) in enumerate(instructions) if word == "FROM")
    return {word: rest for word, rest in instructions[last_from:]}


def _image_argv() -> tuple[list[str], list[str]]:
    stage = _final_stage()
    return json.loads(stage["ENTRYPOINT"]), json.loads(stage["CMD"])


# -- every file parses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted(p for p in DEPLOY.rglob("*") if p.suffix in (".yaml", ".yml", ".json")),
    ids=lambda p: str(p.relative_to(DEPLOY)),
)
def test_manifest_parses(path: Path) -> None:
    if path.suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
    else:
        assert _load(path), f"{path} is empty"


# -- container image ----------------------------------------------------------------------------


def test_dockerfile_is_multi_stage_non_root_with_a_healthcheck() -> None:
    instructions = _dockerfile()
    assert sum(word == "FROM" for word, _ in instructions) >= 2
    stage = _final_stage()
    user = stage["USER"].split(":")[0]
    assert user not in ("root", "0"), "the runtime stage must not run as root"
    assert "COPY" in stage and "--from=build" in " ".join(
        rest for word, rest in instructions if word == "COPY"
    )
    assert "/healthz" in stage["HEALTHCHECK"]


def test_image_entrypoint_is_a_real_copydesk_command() -> None:
    entrypoint, cmd = _image_argv()
    assert entrypoint[:2] == ["copydesk", "serve"]
    args = _cli(entrypoint[1:] + cmd)
    assert args.http is True
    port = re.search(r"127\.0\.0\.1:(\d+)/healthz", _final_stage()["HEALTHCHECK"])
    assert port and int(port.group(1)) == args.port == int(_final_stage()["EXPOSE"])


# -- compose ------------------------------------------------------------------------------------


def test_compose_runs_the_bot_in_http_mode_with_postgres() -> None:
    compose = _one(DEPLOY / "compose.yaml")
    services = compose["services"]
    assert {"postgres", "migrate", "bot"} <= set(services)
    entrypoint, _ = _image_argv()
    bot = _cli(entrypoint[1:] + services["bot"]["command"])
    assert bot.http is True
    _cli(services["migrate"]["entrypoint"][1:] + services["migrate"]["command"])
    assert services["migrate"]["entrypoint"][:3] == ["copydesk", "db", "upgrade"]
    assert services["bot"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("bot", "migrate"):
        assert services[name]["environment"]["COPYDESK_DATABASE_URL"].startswith(
            "postgresql+psycopg://"
        )
    for var in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"):
        assert services["bot"]["environment"][var].startswith(
            "${" + var + ":?"
        )  # required, from env


# -- Kubernetes ---------------------------------------------------------------------------------


def _pod() -> dict[str, Any]:
    return _k8s("Deployment")["spec"]["template"]


def _container() -> dict[str, Any]:
    (container,) = _pod()["spec"]["containers"]
    return container


def test_deployment_runs_two_http_replicas() -> None:
    deployment = _k8s("Deployment")
    assert deployment["spec"]["replicas"] == 2
    entrypoint, _ = _image_argv()
    container = _container()
    argv = container.get("command", entrypoint)[1:] + container["args"]
    assert _cli(argv).http is True


def test_probes_point_at_readyz_and_healthz_on_a_declared_port() -> None:
    container = _container()
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert container["readinessProbe"]["httpGet"]["path"] == endpoints.READY_PATH == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == endpoints.HEALTH_PATH == "/healthz"
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert container[probe]["httpGet"]["port"] in ports
    entrypoint, _ = _image_argv()
    assert ports["http"] == _cli(entrypoint[1:] + container["args"]).port


def test_pods_run_as_non_root_without_privileges() -> None:
    pod_security = _pod()["spec"]["securityContext"]
    assert pod_security["runAsNonRoot"] is True and pod_security["runAsUser"] != 0
    for container in _pod()["spec"]["containers"] + _pod()["spec"]["initContainers"]:
        security = container["securityContext"]
        assert security["allowPrivilegeEscalation"] is False
        assert security["readOnlyRootFilesystem"] is True
        assert security["capabilities"]["drop"] == ["ALL"]


def test_secrets_come_from_a_secret_reference() -> None:
    env = {e["name"]: e for e in _container()["env"]}
    for var in SECRET_VARS:
        ref = env[var]["valueFrom"]["secretKeyRef"]
        assert ref == {"name": "copydesk-secrets", "key": var}
        assert "value" not in env[var]
    example = _k8s("Secret")
    assert set(example["stringData"]) == set(SECRET_VARS)
    assert "secret.example.yaml" not in _one(DEPLOY / "k8s" / "kustomization.yaml")["resources"]


def test_migrations_run_before_the_bot() -> None:
    (init,) = _pod()["spec"]["initContainers"]
    assert init["command"][:3] == ["copydesk", "db", "upgrade"]
    _cli(init["command"][1:])
    assert init["image"] == _container()["image"]
    assert "--no-migrate" in _container()["args"]
    assert init["env"][0]["valueFrom"]["secretKeyRef"]["key"] == "COPYDESK_DATABASE_URL"


def test_service_and_disruption_budget_select_the_pods() -> None:
    labels = _pod()["metadata"]["labels"]
    service, budget = _k8s("Service"), _k8s("PodDisruptionBudget")
    assert service["spec"]["selector"].items() <= labels.items()
    assert budget["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert budget["spec"]["minAvailable"] == 1
    ports = {p["name"] for p in _container()["ports"]}
    assert all(p["targetPort"] in ports for p in service["spec"]["ports"])
    kustomization = _one(DEPLOY / "k8s" / "kustomization.yaml")
    assert {"deployment.yaml", "service.yaml", "pdb.yaml"} <= set(kustomization["resources"])
    assert _pod()["spec"]["terminationGracePeriodSeconds"] > 30  # room to drain in-flight checks


# -- configuration and housekeeping --------------------------------------------------------------


def _compose() -> dict[str, Any]:
    return _one(DEPLOY / "compose.yaml")


def test_compose_passes_every_setting_of_the_env_file_to_the_containers() -> None:
    services = _compose()["services"]
    for name in ("bot", "prune"):
        assert services[name]["env_file"] == ".env", name
    # every setting env.example offers is one the compose file's containers receive
    offered = re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (DEPLOY / "env.example").read_text(), re.M)
    assert {"COPYDESK_WORKERS", "COPYDESK_PRUNE_DAYS", "SLACK_BOT_TOKEN"} <= set(offered)


def test_compose_prunes_the_database_on_a_schedule() -> None:
    prune = _compose()["services"]["prune"]
    assert prune["entrypoint"] == ["sh", "-c"]
    (script,) = prune["command"]
    command = re.search(r"copydesk ([a-z -]+?);", script)
    assert command is not None
    _cli(command.group(1).split())
    assert "COPYDESK_PRUNE_INTERVAL_SECONDS" in script
    assert prune["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert prune["init"] is True  # sh as PID 1 would ignore SIGTERM


def test_kubernetes_prunes_the_database_once_a_day_with_a_configurable_retention() -> None:
    cron = _k8s("CronJob", "copydesk-prune")
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
    assert len(cron["spec"]["schedule"].split()) == 5
    pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["command"][0] == "copydesk"
    _cli(container["command"][1:])
    assert container["image"] == _container()["image"]
    env = {e["name"]: e for e in container["env"]}
    assert env["COPYDESK_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"] == (
        "COPYDESK_DATABASE_URL"
    )
    assert int(env["COPYDESK_PRUNE_DAYS"]["value"]) >= 1
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    kustomization = _one(DEPLOY / "k8s" / "kustomization.yaml")
    assert "prune-cronjob.yaml" in kustomization["resources"]


def test_the_install_steps_name_what_the_manifests_hold() -> None:
    """deploy/README.md's steps point at manifest fields by name: they must exist as written."""
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    steps = readme.split("## Install the app in a workspace, step by step", 1)[1]
    steps = steps.split("\n## ", 1)[0]
    http = _one(DEPLOY / "slack" / "manifest.http.yaml")
    socket = _one(DEPLOY / "slack" / "manifest.socket.yaml")
    urls = [
        http["features"]["slash_commands"][0]["url"],
        http["settings"]["event_subscriptions"]["request_url"],
        http["settings"]["interactivity"]["request_url"],
    ]
    assert all(u == "https://copydesk.example.com/slack/events" for u in urls)
    assert "three places" in steps and "https://copydesk.example.com" in steps
    assert socket["settings"]["socket_mode_enabled"] is True
    assert "socket_mode_enabled:\n   true" in steps or "socket_mode_enabled: true" in steps
    assert "oauth_config.scopes.bot" in steps and http["oauth_config"]["scopes"]["bot"]
    # the order: create, credentials, install, start, and only then verify the URL
    order = [
        steps.index(s) for s in ("Create the app", "Install the app", "Start the bot", "verify")
    ]
    assert order == sorted(order)
