"""The web app that swift-bluegreen deploys: it says which version is serving, and answers probes."""

from .factory import create_app
from .settings import Settings, SettingsError

__all__ = ["create_app", "Settings", "SettingsError"]
