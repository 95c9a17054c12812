"""Finding our executables' calls in shell scripts (tree-sitter bash)."""

from pipelinecheck import shell
from pipelinecheck.script import Script


def _script(text: str, shell_name: str = "bash", expressions=()) -> Script:
    script = Script("f", shell=shell_name, line=1)
    parts = text.split("@@")
    for index, part in enumerate(parts):
        script.append(part, 1 + text[: text.find(part)].count("\n") if part else 1)
        if index < len(parts) - 1:
            script.append_expression(expressions[index], 1)
    return script


def _calls(text: str, **kwargs):
    return shell.calls(_script(text, **kwargs), lambda name: name.startswith("bluegreen-"))


def test_finds_calls_in_every_command_position():
    """Calls are found in lists, pipelines, conditions, $(...), "$(...)", backticks and after wrappers."""
    text = "\n".join(
        [
            "a && bluegreen-deploy --app a || true",
            "x=$(bluegreen-route --list)",
            'echo "$(bluegreen-purge --keep 1)" | cat',
            "if bluegreen-route --to 1; then :; fi",
            "y=`bluegreen-route --rollback`",
            "exec env A=1 timeout 5m bluegreen-deploy --build",
            '"$BIN/bluegreen-route" --list',
        ]
    )
    calls, findings = _calls(text)
    assert findings == []
    assert [(c.name, c.line, c.arguments[0].value) for c in calls] == [
        ("bluegreen-deploy", 1, "--app"),
        ("bluegreen-route", 2, "--list"),
        ("bluegreen-purge", 3, "--keep"),
        ("bluegreen-route", 4, "--to"),
        ("bluegreen-route", 5, "--rollback"),
        ("bluegreen-deploy", 6, "--build"),
        ("bluegreen-route", 7, "--list"),
    ]


def test_words_know_what_is_known_before_run_time():
    """Quoted, escaped and concatenated words are decoded; expansions and placeholders are unknown parts."""
    calls, _ = _calls("bluegreen-x 'a b' \"c\\\"d\" --v=\"$V\" e\\ f --w=@@", expressions=["${params.W}"])
    words = calls[0].arguments
    assert [w.value for w in words] == ["a b", 'c"d', None, "e f", None]
    assert words[2].prefix == "--v=" and words[4].prefix == "--w="
    assert words[4].source == "--w=${params.W}"


def test_heredoc_bodies_are_not_calls():
    """Text inside a here-document is data, not a command."""
    calls, _ = _calls("cat <<EOF\nbluegreen-deploy --nope\nEOF\n")
    assert calls == []


def test_bashisms_are_reported_under_sh_only():
    """[[ ]], arrays and here-strings are reported for /bin/sh steps, not for bash or a #!/bin/bash script."""
    text = 'if [[ -n "$A" ]]; then x=(1 2); cat <<< "$A"; fi'
    _, sh_findings = _calls(text, shell_name="sh")
    _, bash_findings = _calls(text, shell_name="bash")
    _, shebang_findings = _calls("#!/bin/bash\n" + text, shell_name="sh")
    assert {f.message.split(" are ")[0] for f in sh_findings} == {"[[ ... ]] tests", "arrays", "here-strings (<<<)"}
    assert bash_findings == [] and shebang_findings == []


def test_syntax_errors_are_reported_with_a_line():
    """Broken quoting is a finding at the line where the shell gives up."""
    _, findings = _calls('echo ok\necho "unterminated\n')
    assert findings and all("shell syntax error" in f.message for f in findings)
    assert findings[0].line >= 2
