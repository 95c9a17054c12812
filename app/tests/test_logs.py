import io
import json
import logging
import logging.config

from bluegreen_app.logs import JsonFormatter, logging_config


def _record(**extra) -> logging.LogRecord:
    record = logging.makeLogRecord({"name": "t", "levelno": logging.INFO, "levelname": "INFO", "msg": "hello %s", "args": ("world",)})
    record.__dict__.update(extra)
    return record


def test_formats_one_json_object_with_extra_fields():
    """A record becomes one JSON object with time, level, logger, the formatted message and `extra` fields."""
    line = JsonFormatter().format(_record(path="/version", status=200))
    assert "\n" not in line
    document = json.loads(line)
    assert document["message"] == "hello world"
    assert document["level"] == "INFO" and document["logger"] == "t"
    assert document["path"] == "/version" and document["status"] == 200
    assert document["time"].endswith("Z")


def test_exception_stays_on_one_line():
    """A traceback is carried in an `exception` field; the log line itself stays a single line."""
    try:
        raise ValueError("bad")
    except ValueError:
        import sys

        record = _record(exc_info=sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError: bad" in json.loads(line)["exception"]


def test_unserialisable_extra_is_stringified():
    """An `extra` value JSON cannot encode is logged as its str(), never raising from the formatter."""
    document = json.loads(JsonFormatter().format(_record(thing=object())))
    assert document["thing"].startswith("<object object")


def test_dict_config_routes_gunicorn_logs_as_json():
    """The dictConfig document sends gunicorn.error through the JSON formatter and silences gunicorn.access."""
    stream = io.StringIO()
    config = logging_config("INFO", stream="ext://sys.stderr")
    config["handlers"]["stdout"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        logging.getLogger("gunicorn.error").info("Booting worker")
        logging.getLogger("gunicorn.access").info("GET / 200")
    finally:
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False, "root": {"handlers": [], "level": "WARNING"}})
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["message"] for line in lines] == ["Booting worker"]
