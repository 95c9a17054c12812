"""gunicorn configuration: `gunicorn --config gunicorn.conf.py bluegreen_app.wsgi:app` (see bluegreen_app/serving.py)."""

import sys

from bluegreen_app.serving import Serving
from bluegreen_app.settings import SettingsError

try:
    globals().update(Serving.from_environ().gunicorn_settings())
except SettingsError as error:
    # A clear message and exit status 2, not a traceback: gunicorn would print one for any other exception.
    print(f"error: {error}", file=sys.stderr)
    raise SystemExit(2) from None
