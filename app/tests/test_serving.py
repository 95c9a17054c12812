import pytest
from gunicorn.config import KNOWN_SETTINGS

from bluegreen_app import SettingsError
from bluegreen_app.serving import DEFAULT_PORT, Serving


def test_defaults_listen_on_the_default_port():
    """With no environment, gunicorn binds 0.0.0.0 on DEFAULT_PORT with gthread workers."""
    settings = Serving.from_environ({}).gunicorn_settings()
    assert settings["bind"] == [f"0.0.0.0:{DEFAULT_PORT}"]
    assert settings["worker_class"] == "gthread"


def test_environment_overrides():
    """PORT, WEB_CONCURRENCY, GUNICORN_THREADS and LOG_LEVEL reach gunicorn's settings."""
    settings = Serving.from_environ({"PORT": "9000", "WEB_CONCURRENCY": "3", "GUNICORN_THREADS": "8", "LOG_LEVEL": "warning"}).gunicorn_settings()
    assert (settings["bind"], settings["workers"], settings["threads"], settings["loglevel"]) == (["0.0.0.0:9000"], 3, 8, "warning")


@pytest.mark.parametrize(("name", "value"), [("PORT", "http"), ("PORT", "70000"), ("WEB_CONCURRENCY", "0"), ("GUNICORN_THREADS", "-1")])
def test_malformed_numbers_name_the_variable(name, value):
    """A malformed or out-of-range number is refused with a message naming the variable and a fix."""
    with pytest.raises(SettingsError) as error:
        Serving.from_environ({name: value})
    assert f"{name}={value!r}" in str(error.value)
    assert "set it to" in str(error.value)


def test_every_exported_name_is_a_gunicorn_setting():
    """gunicorn silently ignores unknown names in a config file; every name we export is one it knows."""
    known = {setting.name for setting in KNOWN_SETTINGS}
    unknown = set(Serving().gunicorn_settings()) - known
    assert not unknown, f"not gunicorn settings: {sorted(unknown)}"
