import logging

import pytest

from bluegreen_app import Settings, create_app

SETTINGS = Settings(app_name="web", version="42", pod_name="web-42-abc", namespace="shop", node_name="node-1")


@pytest.fixture
def client():
    return create_app(SETTINGS).test_client()


def test_version_json_describes_the_serving_pod(client):
    """/version returns the app, version, pod, namespace and node the app was configured with."""
    response = client.get("/version")
    assert response.status_code == 200
    assert response.is_json
    assert response.get_json() == SETTINGS.as_json()


def test_index_page_shows_the_version(client):
    """The HTML page names the app and shows the version and pod that served it."""
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert '<p class="version" id="version">42</p>' in body
    assert "web-42-abc" in body and "shop" in body


def test_index_page_escapes_its_environment():
    """Values from the environment are HTML-escaped, so a hostile APP_NAME cannot inject markup."""
    app = create_app(Settings(app_name="<script>alert(1)</script>", version="1"))
    body = app.test_client().get("/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_200(client, path):
    """The liveness and readiness probes the manifests use answer 200 with a JSON status."""
    response = client.get(path)
    assert response.status_code == 200
    assert response.get_json()["status"] in {"ok", "ready"}


def test_readiness_names_the_version(client):
    """/readyz says which version is ready, so a probe log or a curl shows what would receive traffic."""
    assert client.get("/readyz").get_json()["version"] == "42"


def test_every_response_is_uncacheable_and_names_its_version(client):
    """Responses carry Cache-Control: no-store and X-App-Version, so clients see a switch immediately."""
    for path in ["/", "/version", "/healthz", "/nope"]:
        response = client.get(path)
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-App-Version"] == "42"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_unknown_path_is_a_json_404(client):
    """An unknown path answers 404 with a JSON error document, not an HTML page."""
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_wrong_method_is_a_json_405_with_allow(client):
    """POST to a read-only endpoint answers 405 naming the allowed methods."""
    response = client.post("/version")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert response.get_json()["error"]["status"] == 405


def test_head_is_supported(client):
    """HEAD works on the pages (load balancers and uptime checks use it)."""
    assert client.head("/").status_code == 200


def test_unexpected_error_is_a_logged_json_500(caplog):
    """An exception in a view becomes a JSON 500 without details, and is logged with its traceback."""
    app = create_app(SETTINGS)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    with caplog.at_level(logging.ERROR, logger="bluegreen_app.requests"):
        response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "secret detail" not in response.get_data(as_text=True)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and errors[0].exc_info is not None


def test_requests_are_logged_with_fields_and_probes_only_at_debug(caplog):
    """Each request logs method, path, status and duration at INFO; probe requests only at DEBUG."""
    client = create_app(SETTINGS).test_client()
    with caplog.at_level(logging.DEBUG, logger="bluegreen_app.requests"):
        client.get("/version")
        client.get("/healthz")
    records = {r.path: r for r in caplog.records if r.name == "bluegreen_app.requests"}
    assert records["/version"].levelno == logging.INFO
    assert records["/version"].status == 200 and records["/version"].method == "GET"
    assert records["/version"].durationMs >= 0
    assert records["/healthz"].levelno == logging.DEBUG
