"""The Jenkinsfile reader: Groovy strings decoded as Groovy does, `sh` steps found in all their forms."""

import pytest

from pipelinecheck import groovy
from pipelinecheck.groovy import GroovySyntaxError


def _scripts(source: str):
    found, findings = groovy.scripts("Jenkinsfile", source)
    return found, findings


def test_single_quoted_strings_keep_dollars_and_decode_escapes():
    """'...' strings do not interpolate: $HOME reaches the shell; \\' and \\\\ are decoded."""
    (script,), findings = _scripts("sh 'echo $HOME it\\'s a \\\\ backslash'")
    assert script.text == "echo $HOME it's a \\ backslash"
    assert script.expressions == [] and findings == []


def test_double_quoted_strings_interpolate():
    """"..." strings turn ${expr} and $name.path into opaque expressions; \\$ stays a literal dollar."""
    (script,), _ = _scripts('sh "deploy ${params.APP} $env.BUILD_NUMBER \\$HOME"')
    assert script.expressions == ["${params.APP}", "${env.BUILD_NUMBER}"]
    assert script.describe(script.text) == "deploy ${params.APP} ${env.BUILD_NUMBER} $HOME"


def test_interpolation_may_contain_strings_and_braces():
    """An interpolation ends at its own closing brace, even with quotes and braces inside it."""
    (script,), _ = _scripts("""sh "a ${x ? '}' : "b${y}"} c" """)
    assert script.expressions == ["""${x ? '}' : "b${y}"}"""]
    assert script.text.endswith(" c")


def test_triple_quoted_strings_keep_line_numbers():
    """A '''...''' script's lines map back to the Jenkinsfile's lines."""
    source = "stage('x') {\n  sh '''\n    one\n    two\n  '''\n}\n"
    (script,), _ = _scripts(source)
    two = script.text.index("two")
    assert script.line_at(len(script.text[:two].encode())) == 4


def test_groovy_line_continuation_and_shell_continuation():
    """In '''...''', \\<newline> joins lines (Groovy) while \\\\<newline> leaves a shell continuation."""
    (joined,), _ = _scripts("sh '''a \\\nb'''")
    (shell,), _ = _scripts("sh '''a \\\\\nb'''")
    assert joined.text == "a b"
    assert shell.text == "a \\\nb"


@pytest.mark.parametrize(
    "source",
    [
        "sh 'x'",
        "sh('x')",
        "sh script: 'x', label: 'l'",
        "sh label: 'l', script: 'x'",
        "def rc = sh(returnStatus: true, script: 'x')",
        "int rc = sh returnStatus: true, label: 'l', script: 'x'",
        "sh(\n  label: 'l',\n  script: 'x'\n)",
    ],
)
def test_every_form_of_the_sh_step_is_found(source):
    """The script is found whether given positionally, as script:, in parentheses or command style."""
    found, findings = _scripts(source)
    assert [s.text for s in found] == ["x"] and findings == []


def test_sh_names_that_are_not_steps_are_ignored():
    """obj.sh(...) and a variable called sh are not sh steps."""
    found, _ = _scripts("tools.sh('x')\ndef sh = 1\nprintln(sh)")
    assert found == []


def test_comments_are_skipped():
    """sh steps in // and /* */ comments are not read."""
    found, _ = _scripts("// sh 'a'\n/* sh 'b' */\nsh 'c'")
    assert [s.text for s in found] == ["c"]


def test_non_literal_script_is_reported():
    """An sh step whose script is a variable is reported: its calls cannot be checked."""
    found, findings = _scripts("def cmd = 'x'\nsh cmd")
    assert found == []
    assert len(findings) == 1 and findings[0].line == 2 and "not a string literal" in findings[0].message


def test_bare_dollar_in_gstring_is_reported_with_its_line():
    """A `$` that starts no expression in "..." is what Groovy refuses; it is reported with the fix."""
    _, findings = _scripts('\n\nsh "echo $(date)"')
    assert len(findings) == 1
    assert findings[0].line == 3 and "\\$" in findings[0].message


def test_unterminated_string_is_a_finding_not_a_crash():
    """A broken file yields one finding with the line of the opening quote."""
    _, findings = _scripts("x\nsh 'oops\n")
    assert len(findings) == 1 and findings[0].line == 2 and "unterminated" in findings[0].message


def test_tokenize_rejects_unknown_escapes():
    """An unknown escape such as \\d is a Groovy compile error, so the lexer refuses it too."""
    with pytest.raises(GroovySyntaxError):
        groovy.tokenize("sh 'a\\d'")
