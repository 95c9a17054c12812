"""etc/ci/explain-exit: one explanation per exit code of docs/CLI.md, and GitHub annotations that keep the code."""

import re
import subprocess

import pytest

from conftest import REPOSITORY

SCRIPT = REPOSITORY / "etc" / "ci" / "explain-exit"


def _documented_codes() -> dict[int, str]:
    """The exit-code table of docs/CLI.md."""
    text = (REPOSITORY / "docs" / "CLI.md").read_text()
    section = text.split("## Exit codes", 1)[1]
    return {int(code): meaning.strip() for code, meaning in re.findall(r"^\|\s*(\d+)\s*\|\s*([^|]+)\|", section, re.M)}


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=30)


def test_every_documented_code_has_its_own_explanation():
    """Each code in docs/CLI.md's table gets a distinct explanation naming the tool and the code."""
    codes = _documented_codes()
    assert set(codes) == set(range(7)), codes
    messages = {}
    for code in codes:
        result = _run("bluegreen-deploy", str(code))
        assert result.returncode == 0 and result.stdout.startswith("bluegreen-deploy")
        if code:
            assert f"(exit {code})" in result.stdout
        messages[code] = result.stdout
    assert len(set(messages.values())) == len(messages)


@pytest.mark.parametrize("code", [3, 4])
def test_capacity_and_readiness_failures_say_traffic_is_untouched(code):
    """For no capacity and not ready, the message says traffic did not move (the contract's promise)."""
    assert "Traffic is untouched" in _run("bluegreen-deploy", str(code)).stdout


@pytest.mark.parametrize("code", [1, 3, 4, 5, 6])
def test_github_mode_annotates_and_keeps_the_exit_code(code):
    """--github prints one ::error annotation with the explanation and exits with the tool's own code."""
    result = _run("--github", "bluegreen-route", str(code))
    assert result.returncode == code
    assert result.stdout.startswith(f"::error title=bluegreen-route (exit {code})::bluegreen-route")
    assert len(result.stdout.splitlines()) == 1


def test_github_mode_is_silent_on_success():
    """Exit code 0 prints nothing and exits 0, so the step goes on."""
    result = _run("--github", "bluegreen-purge", "0")
    assert (result.returncode, result.stdout) == (0, "")


def test_github_mode_refuses_a_missing_code():
    """A code that is not a number (the step lost it) is an error, not a success."""
    result = _run("--github", "bluegreen-purge", "")
    assert result.returncode == 1 and result.stdout.startswith("::error")


def test_undocumented_code_says_so():
    """A code outside the contract is named as such instead of being guessed at."""
    assert "does not define" in _run("bluegreen-deploy", "9").stdout


def test_usage_error():
    """Wrong arguments exit 2 with a usage line on stderr."""
    result = _run("only-one")
    assert result.returncode == 2 and "usage:" in result.stderr
