"""gunicorn settings derived from the environment (read by `gunicorn.conf.py`), validated with clear errors."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping, Optional

from .logs import logging_config
from .settings import Settings, SettingsError

#: The port the app listens on unless PORT says otherwise; the Dockerfile EXPOSEs it and the manifests probe it.
DEFAULT_PORT = 8080
#: Seconds gunicorn gives in-flight requests after SIGTERM. Kubernetes' terminationGracePeriodSeconds must exceed
#: this plus the preStop pause (see deployment_config/deployment.yaml).
GRACEFUL_TIMEOUT = 20


def _integer(env: Mapping[str, str], name: str, default: int, minimum: int, maximum: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not minimum <= value <= maximum:
        raise SettingsError(f"{name}={raw!r} is not a whole number from {minimum} to {maximum}: set it to e.g. {default}, or unset it")
    return value


@dataclass(frozen=True)
class Serving:
    """How gunicorn runs the app: PORT, WEB_CONCURRENCY (worker processes), GUNICORN_THREADS, LOG_LEVEL."""

    port: int = DEFAULT_PORT
    workers: int = 2
    threads: int = 4
    log_level: str = "INFO"

    @classmethod
    def from_environ(cls, environ: Optional[Mapping[str, str]] = None) -> "Serving":
        """Reads the settings; raises SettingsError naming the variable when one is malformed."""
        env = os.environ if environ is None else environ
        return cls(
            port=_integer(env, "PORT", DEFAULT_PORT, 1, 65535),
            workers=_integer(env, "WEB_CONCURRENCY", 2, 1, 64),
            threads=_integer(env, "GUNICORN_THREADS", 4, 1, 64),
            log_level=Settings.from_environ(env).log_level,
        )

    def gunicorn_settings(self) -> dict:
        """The module-level names `gunicorn.conf.py` exports."""
        return {
            "bind": [f"0.0.0.0:{self.port}"],
            "workers": self.workers,
            "threads": self.threads,
            "worker_class": "gthread",
            "timeout": 30,
            "graceful_timeout": GRACEFUL_TIMEOUT,
            "keepalive": 5,
            # Heartbeat files on tmpfs: the root filesystem is read-only in the pod, and disk-backed /tmp can stall.
            "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
            # The app logs each request itself, as JSON; gunicorn's own messages go through the same formatter.
            "accesslog": None,
            "errorlog": "-",
            "loglevel": self.log_level.lower(),
            "logconfig_dict": logging_config(self.log_level),
            "proc_name": "bluegreen-app",
            # No runtime control socket (gunicorn >= 25): nothing in the pod uses it, and $HOME is not writable.
            "control_socket_disable": True,
        }
