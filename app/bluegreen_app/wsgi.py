"""The WSGI entry point gunicorn serves: `gunicorn --config gunicorn.conf.py bluegreen_app.wsgi:app`."""

from .factory import create_app

app = create_app()
