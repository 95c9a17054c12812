"""The manifest templates in deployment_config/: strict placeholders, valid Kubernetes objects, and agreement with the app and the Dockerfile."""

import importlib
import re
import sys

import kubernetes_validate
import pytest
import yaml
from dockerfile_parse import DockerfileParser

from conftest import REPOSITORY

CONFIG = REPOSITORY / "deployment_config"
TEMPLATES = ["deployment.yaml", "service.yaml", "preview-service.yaml"]
#: The placeholders docs/CLI.md and DESIGN.md promise (`--set` values come on top; these templates use none).
PLACEHOLDERS = {"APP", "VERSION", "IMAGE", "REPLICAS", "NAMESPACE"}
#: Oldest EKS-supported Kubernetes minor we target, and the newest schema available.
KUBERNETES_VERSIONS = ["1.31.0", kubernetes_validate.latest_version()]
PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")

sys.path.insert(0, str(REPOSITORY / "app"))
factory = importlib.import_module("bluegreen_app.factory")
serving = importlib.import_module("bluegreen_app.serving")
Settings = importlib.import_module("bluegreen_app.settings").Settings

VALUES = {"APP": "web", "VERSION": "42", "IMAGE": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:" + "a" * 64, "REPLICAS": "2", "NAMESPACE": "shop"}
#: Values YAML would read as numbers, booleans or null if a template forgot its quotes.
TRICKY_VALUES = [
    {**VALUES, "APP": "123", "VERSION": "1e3", "NAMESPACE": "true"},
    {**VALUES, "APP": "null", "VERSION": "0042", "IMAGE": "registry.local:5000/null:0042"},
    {**VALUES, "VERSION": "v2-rc1", "NAMESPACE": "yes"},
]


def render(name: str, values: dict) -> dict:
    """Renders a template the way the engine documents it: every ${NAME} must have a value, then YAML."""
    text = (CONFIG / name).read_text()

    def substitute(match):
        assert match.group(1) in values, f"{name}: no value for ${{{match.group(1)}}}"
        return values[match.group(1)]

    return yaml.safe_load(PLACEHOLDER.sub(substitute, text))


def _container(deployment: dict) -> dict:
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return container


@pytest.mark.parametrize("name", TEMPLATES)
def test_uses_only_documented_placeholders_and_no_other_dollar(name):
    """Each template uses only the documented placeholders, and has no `$` outside them (substitution is strict)."""
    text = (CONFIG / name).read_text()
    assert set(PLACEHOLDER.findall(text)) <= PLACEHOLDERS
    assert "$" not in PLACEHOLDER.sub("", text)


def test_readme_documents_every_placeholder():
    """deployment_config/README.md names every placeholder the templates use."""
    readme = (CONFIG / "README.md").read_text()
    used = set().union(*(PLACEHOLDER.findall((CONFIG / name).read_text()) for name in TEMPLATES))
    assert used == PLACEHOLDERS
    assert all(f"`${{{name}}}`" in readme for name in used)


@pytest.mark.parametrize("values", [VALUES] + TRICKY_VALUES, ids=lambda v: f"{v['APP']}-{v['VERSION']}")
@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("name", TEMPLATES)
def test_renders_to_a_valid_object(name, version, values):
    """Rendered with ordinary and YAML-ambiguous values, each template is a valid object (strict schema, unknown fields refused)."""
    document = render(name, values)
    kubernetes_validate.validate(document, version, strict=True)
    assert document["metadata"]["namespace"] == values["NAMESPACE"]
    labels = document["metadata"]["labels"]
    assert labels["app.kubernetes.io/name"] == values["APP"]


def test_deployment_identity_labels_and_selector():
    """Deployment <app>-<version>; selector and pod labels are exactly name + version, as strings."""
    for values in [VALUES] + TRICKY_VALUES:
        deployment = render("deployment.yaml", values)
        identity = {"app.kubernetes.io/name": values["APP"], "app.kubernetes.io/version": values["VERSION"]}
        assert deployment["metadata"]["name"] == f"{values['APP']}-{values['VERSION']}"
        assert deployment["spec"]["selector"]["matchLabels"] == identity
        assert deployment["spec"]["template"]["metadata"]["labels"] == identity
        assert identity.items() <= deployment["metadata"]["labels"].items()
        assert deployment["spec"]["replicas"] == int(values["REPLICAS"])
        assert _container(deployment)["image"] == values["IMAGE"]


def test_deployment_rollout_settings():
    """A progress deadline (what makes a stuck rollout fail with exit 4) and a rolling-update strategy."""
    spec = render("deployment.yaml", VALUES)["spec"]
    assert 60 <= spec["progressDeadlineSeconds"] <= 600
    assert spec["strategy"]["type"] == "RollingUpdate"


def test_container_environment_matches_the_app():
    """APP_NAME/APP_VERSION from the placeholders, pod name and namespace from the downward API, PORT = the container port."""
    container = _container(render("deployment.yaml", VALUES))
    env = {e["name"]: e for e in container["env"]}
    settings = Settings.from_environ({n: e.get("value", "") for n, e in env.items()})
    assert (settings.app_name, settings.version) == (VALUES["APP"], VALUES["VERSION"])
    assert env["POD_NAME"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
    assert env["POD_NAMESPACE"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.namespace"
    (port,) = container["ports"]
    assert port["containerPort"] == serving.DEFAULT_PORT == int(env["PORT"]["value"])
    assert serving.Serving.from_environ({n: e["value"] for n, e in env.items() if "value" in e}).port == port["containerPort"]


def test_probes_hit_endpoints_the_app_answers():
    """Readiness and liveness probe paths are the app's own probe routes, which answer 200, on the named container port."""
    container = _container(render("deployment.yaml", VALUES))
    client = factory.create_app(Settings(version="42")).test_client()
    port_names = {p["name"] for p in container["ports"]}
    for probe, expected in [("readinessProbe", factory.READINESS_PATH), ("livenessProbe", factory.LIVENESS_PATH)]:
        http = container[probe]["httpGet"]
        assert http["path"] == expected
        assert http["port"] in port_names
        assert client.get(http["path"]).status_code == 200
    assert container["readinessProbe"]["httpGet"]["path"] != container["livenessProbe"]["httpGet"]["path"]


def test_security_context_matches_the_image_user():
    """Non-root as the Dockerfile's uid/gid, no privilege escalation, read-only root, no capabilities, RuntimeDefault seccomp."""
    deployment = render("deployment.yaml", VALUES)
    pod = deployment["spec"]["template"]["spec"]
    container = _container(deployment)
    user = next(i["value"] for i in reversed(DockerfileParser(path=str(REPOSITORY / "Dockerfile")).structure) if i["instruction"] == "USER")
    uid, gid = (int(x) for x in user.split(":"))
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert (pod["securityContext"]["runAsUser"], pod["securityContext"]["runAsGroup"]) == (uid, gid)
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    assert container["securityContext"] == {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True, "capabilities": {"drop": ["ALL"]}}
    assert pod["automountServiceAccountToken"] is False


def _quantity(value: str) -> float:
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "": 1}
    number, unit = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(value)).groups()
    return float(number) * units[unit]


def test_resources_have_requests_within_limits():
    """CPU and memory have requests and limits, each request at most its limit, memory limit enough for the workers."""
    resources = _container(render("deployment.yaml", VALUES))["resources"]
    for resource in ["cpu", "memory"]:
        assert _quantity(resources["requests"][resource]) <= _quantity(resources["limits"][resource])
    assert _quantity(resources["limits"]["memory"]) >= 128 * 2**20


def test_shutdown_fits_in_the_grace_period():
    """preStop pause + gunicorn's graceful timeout end before Kubernetes' terminationGracePeriodSeconds kills the pod."""
    deployment = render("deployment.yaml", VALUES)
    command = _container(deployment)["lifecycle"]["preStop"]["exec"]["command"]
    assert command[0] == "sleep"
    grace = deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
    assert int(command[1]) + serving.GRACEFUL_TIMEOUT < grace


@pytest.mark.parametrize(("name", "suffix"), [("service.yaml", ""), ("preview-service.yaml", "-preview")])
def test_services_select_one_version_on_port_80(name, suffix):
    """Service <app> and <app>-preview select exactly name + version, and send port 80 to the pods' http port."""
    service = render(name, VALUES)
    deployment = render("deployment.yaml", VALUES)
    assert service["metadata"]["name"] == VALUES["APP"] + suffix
    assert service["spec"]["selector"] == deployment["spec"]["template"]["metadata"]["labels"]
    (port,) = service["spec"]["ports"]
    container_ports = {p["name"]: p["containerPort"] for p in _container(deployment)["ports"]}
    assert port["port"] == 80 and port["targetPort"] in container_ports
