from datetime import datetime, timezone

import pytest

from bluegreen_app import Settings, SettingsError


def test_reads_identity_from_environment():
    """Every documented variable lands in its setting, including the downward-API ones."""
    env = {"APP_NAME": "web", "APP_VERSION": "42", "POD_NAME": "web-42-x", "POD_NAMESPACE": "shop", "NODE_NAME": "ip-10-0-0-1", "LOG_LEVEL": "debug"}
    settings = Settings.from_environ(env)
    assert (settings.app_name, settings.version, settings.pod_name, settings.namespace, settings.node_name) == (
        "web", "42", "web-42-x", "shop", "ip-10-0-0-1"
    )
    assert settings.log_level == "DEBUG"


def test_empty_values_count_as_unset():
    """Blank variables (as an unset downward-API field renders) fall back to the defaults, not to ''."""
    settings = Settings.from_environ({"APP_NAME": " ", "APP_VERSION": "", "POD_NAME": ""})
    assert settings.app_name == Settings.app_name
    assert settings.version == Settings.version
    assert settings.pod_name is None


def test_bad_log_level_names_the_variable_and_the_fix():
    """A LOG_LEVEL that is no level is refused with a message naming LOG_LEVEL and the accepted values."""
    with pytest.raises(SettingsError) as error:
        Settings.from_environ({"LOG_LEVEL": "loud"})
    assert "LOG_LEVEL='loud'" in str(error.value)
    assert "INFO" in str(error.value)


def test_version_document_uses_utc_rfc3339():
    """/version's startedAt is RFC 3339 in UTC with a Z suffix, and absent pod fields are null."""
    started = datetime(2026, 1, 2, 3, 4, 5, 600000, tzinfo=timezone.utc)
    document = Settings.from_environ({"APP_VERSION": "7"}, now=started).as_json()
    assert document["startedAt"] == "2026-01-02T03:04:05Z"
    assert document["version"] == "7"
    assert document["pod"] is None and document["namespace"] is None
