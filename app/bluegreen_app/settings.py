"""What the app knows about itself, read once from its environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Mapping, Optional

#: Log levels accepted in LOG_LEVEL.
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(ValueError):
    """A setting in the environment is malformed; the message names the variable and the fix."""


@dataclass(frozen=True)
class Settings:
    """The app's identity and options.

    In Kubernetes, APP_NAME and APP_VERSION come from the manifest (`deployment_config/`), the pod's
    name, namespace and node from the downward API. Outside Kubernetes those three are None.
    """

    app_name: str = "bluegreen-app"
    version: str = "dev"
    pod_name: Optional[str] = None
    namespace: Optional[str] = None
    node_name: Optional[str] = None
    log_level: str = "INFO"
    started_at: datetime = datetime(1970, 1, 1, tzinfo=timezone.utc)

    @classmethod
    def from_environ(cls, environ: Optional[Mapping[str, str]] = None, now: Optional[datetime] = None) -> "Settings":
        """Reads APP_NAME, APP_VERSION, POD_NAME, POD_NAMESPACE, NODE_NAME and LOG_LEVEL.

        Empty values count as unset. Raises SettingsError for a LOG_LEVEL that is not a level.
        """
        env = os.environ if environ is None else environ

        def value(name: str) -> Optional[str]:
            raw = env.get(name, "").strip()
            return raw or None

        log_level = (value("LOG_LEVEL") or "INFO").upper()
        if log_level not in LOG_LEVELS:
            raise SettingsError(
                f"LOG_LEVEL={env.get('LOG_LEVEL')!r} is not a log level: set it to one of {', '.join(LOG_LEVELS)}"
            )
        return cls(
            app_name=value("APP_NAME") or cls.app_name,
            version=value("APP_VERSION") or cls.version,
            pod_name=value("POD_NAME"),
            namespace=value("POD_NAMESPACE"),
            node_name=value("NODE_NAME"),
            log_level=log_level,
            started_at=now or datetime.now(timezone.utc),
        )

    def as_json(self) -> dict:
        """The document served at /version (keys in camelCase, like the CLI's JSON output)."""
        return {
            "app": self.app_name,
            "version": self.version,
            "pod": self.pod_name,
            "namespace": self.namespace,
            "node": self.node_name,
            "startedAt": self.started_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
        }
