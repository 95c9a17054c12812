# syntax=docker/dockerfile:1
#
# The app swift-bluegreen deploys (app/): Flask served by gunicorn, as a non-root user.
#
#   docker build --build-arg APP_VERSION=42 -t web:42 .
#   docker run --rm -p 8080:8080 web:42        # then open http://localhost:8080
#
# The base image is pinned by its full tag (Python and Debian release); pin its digest too
# (python:3.13.9-slim-trixie@sha256:...) where your registry policy asks for it.

# --- build: install the pinned dependencies into a virtual environment ----------------------------
FROM python:3.13.9-slim-trixie AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
COPY app/requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --no-cache-dir --requirement /tmp/requirements.txt

# --- runtime: the venv and the app's code, nothing else -------------------------------------------
FROM python:3.13.9-slim-trixie

# The version this image carries (the CI build number); the Deployment sets APP_VERSION as well.
ARG APP_VERSION=dev

ENV APP_VERSION=${APP_VERSION} \
    PATH=/opt/venv/bin:${PATH} \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8080

LABEL org.opencontainers.image.title="bluegreen-app" \
      org.opencontainers.image.description="The web app swift-bluegreen deploys: shows which version serves" \
      org.opencontainers.image.version="${APP_VERSION}"

# A fixed, unprivileged uid/gid, so that Kubernetes can check runAsNonRoot (it needs a numeric USER).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app

COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
# Code stays owned by root and read-only for the app user.
COPY app/gunicorn.conf.py ./
COPY app/bluegreen_app ./bluegreen_app

USER 10001:10001
EXPOSE 8080

# No curl in the slim image: the check is a few lines of standard-library Python (bluegreen_app/healthcheck.py).
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-m", "bluegreen_app.healthcheck"]

# gunicorn as PID 1 in exec form, so it receives SIGTERM and drains in-flight requests before exiting.
STOPSIGNAL SIGTERM
CMD ["gunicorn", "--config", "gunicorn.conf.py", "bluegreen_app.wsgi:app"]
