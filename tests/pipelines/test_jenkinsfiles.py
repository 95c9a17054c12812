"""Static checks of the Jenkins pipelines (no Jenkins here): structure, parameters, variables, exit-code handling."""

import os
import re

import pytest

import check_pipelines
from conftest import REPOSITORY
from pipelinecheck import groovy, shell

JENKINSFILES = [REPOSITORY / "Jenkinsfile", REPOSITORY / "etc" / "Jenkinsfile.route", REPOSITORY / "etc" / "Jenkinsfile.purge"]
HELPER = REPOSITORY / "etc" / "jenkins" / "bluegreen.groovy"
#: Variables Jenkins itself puts in the environment of every sh step, plus the usual process ones.
JENKINS_ENVIRONMENT = {"BUILD_NUMBER", "BUILD_ID", "BUILD_URL", "JOB_NAME", "WORKSPACE", "NODE_NAME", "JENKINS_URL", "BRANCH_NAME", "GIT_COMMIT", "HOME", "PATH", "PWD"}
PARAMETER_STEPS = {"string", "booleanParam", "choice", "password", "text"}


def _tokens(path):
    return groovy.tokenize(path.read_text())


def _parameters(tokens) -> dict[str, str]:
    """name -> kind of every `parameters { kind(name: '...') }` entry."""
    found = {}
    for index, token in enumerate(tokens[:-4]):
        if token.kind == "ident" and token.value in PARAMETER_STEPS and tokens[index + 1].value == "(":
            if tokens[index + 2].value == "name" and tokens[index + 3].value == ":" and tokens[index + 4].kind == "string":
                found[tokens[index + 4].value.text()] = token.value
    return found


def _environment_names(tokens) -> set[str]:
    """Names assigned in `environment { NAME = ... }` blocks and in `withEnv(["NAME=..."])`."""
    names = set()
    for index, token in enumerate(tokens):
        if token.kind == "ident" and token.value == "environment" and index + 1 < len(tokens) and tokens[index + 1].value == "{":
            depth = 0
            for inner in range(index + 1, len(tokens)):
                value = tokens[inner].value
                if value == "{":
                    depth += 1
                elif value == "}":
                    depth -= 1
                    if depth == 0:
                        break
                elif depth == 1 and tokens[inner].kind == "ident" and tokens[inner + 1].value == "=":
                    names.add(value)
        if token.kind == "ident" and token.value == "withEnv":
            for inner in tokens[index + 1 : index + 20]:
                if inner.kind == "string" and "=" in inner.value.text():
                    names.add(inner.value.text().split("=", 1)[0])
    return names


@pytest.mark.parametrize("path", JENKINSFILES + [HELPER], ids=lambda p: p.name)
def test_groovy_reads_cleanly_with_balanced_brackets(path):
    """Each Groovy file lexes without error and its (), [] and {} balance."""
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for token in _tokens(path):
        if token.kind == "punct" and token.value in "([{":
            stack.append((token.value, token.line))
        elif token.kind == "punct" and token.value in pairs:
            assert stack and stack[-1][0] == pairs[token.value], f"{path.name}:{token.line}: unbalanced {token.value}"
            stack.pop()
    assert not stack, f"{path.name}: unclosed {stack}"


@pytest.mark.parametrize("path", JENKINSFILES, ids=lambda p: p.name)
def test_pipelines_take_the_cluster_and_credential_parameters(path):
    """Every pipeline is parameterised by cluster, region, app, namespace and an optional Jenkins AWS credential."""
    assert {"EKS_CLUSTER", "AWS_REGION", "APP", "NAMESPACE", "AWS_CREDENTIALS_ID"} <= set(_parameters(_tokens(path)))


def test_purge_pipeline_has_keep_and_a_dry_run():
    """The purge pipeline takes KEEP, and runs bluegreen-purge --dry-run before the real purge."""
    path = JENKINSFILES[2]
    assert "KEEP" in _parameters(_tokens(path))
    scripts = [s.text for s in groovy.scripts(str(path), path.read_text())[0] if shell.calls(s, check_pipelines.is_ours)[0]]
    assert len(scripts) == 2 and "--dry-run" in scripts[0] and "--dry-run" not in scripts[1]
    assert all('--keep "$KEEP"' in s for s in scripts)


def test_route_pipeline_asks_with_choices_from_the_listing():
    """The route pipeline lists with -o json, reads it with readJSON, offers the versions in an input, then routes --to."""
    text = JENKINSFILES[1].read_text()
    assert "--list -o json" in text and "readJSON(file:" in text
    assert re.search(r"input\(\s*message:.*parameters: \[choice\(name: 'VERSION', choices: choices", text, re.S)
    assert '--to "$TARGET_VERSION"' in text


@pytest.mark.parametrize("path", JENKINSFILES, ids=lambda p: p.name)
def test_every_tool_call_maps_its_exit_code(path):
    """Each sh step that runs one of our tools returns its status (so that 3/4/5 reach bluegreen.finish) and is followed by finish()."""
    def calls_a_tool(step) -> bool:
        script = groovy.step_script(str(path), step.script, step.line)
        return bool(shell.calls(script, check_pipelines.is_ours)[0])

    steps = [step for step in groovy.sh_steps(_tokens(path)) if step.script is not None and calls_a_tool(step)]
    assert steps
    text_lines = path.read_text().splitlines()
    for step in steps:
        assert step.returns, f"{path.name}:{step.line}: run the tool with returnStatus: true"
        after = "\n".join(text_lines[step.line : step.line + 12])
        assert "bluegreen.finish(" in after, f"{path.name}:{step.line}: pass the exit code to bluegreen.finish"


@pytest.mark.parametrize("path", JENKINSFILES, ids=lambda p: p.name)
def test_sh_steps_read_only_defined_variables(path):
    """Every $VAR an sh step reads is a parameter, an environment/withEnv entry, a Jenkins variable, or set by the step."""
    tokens = _tokens(path)
    defined = set(_parameters(tokens)) | _environment_names(tokens) | JENKINS_ENVIRONMENT
    scripts, _ = groovy.scripts(str(path), path.read_text())
    undefined = []
    for script in scripts:
        reads, assigned = shell.variables(script)
        undefined += [f"{path.name}:{line}: ${name}" for name, line in reads if name not in defined | assigned]
    assert not undefined, undefined


@pytest.mark.parametrize("path", JENKINSFILES, ids=lambda p: p.name)
def test_helper_functions_called_exist(path):
    """Every bluegreen.X(...) a pipeline calls is defined in etc/jenkins/bluegreen.groovy, which it loads."""
    text = path.read_text()
    assert "load 'etc/jenkins/bluegreen.groovy'" in text
    defined = set(re.findall(r"^(?:void|String|List<String>|def|Map|boolean)\s+(\w+)\(", HELPER.read_text(), re.M))
    called = set(re.findall(r"\bbluegreen\.(\w+)\(", text))
    assert called and called <= defined, called - defined


def test_helper_credentials_binding_is_the_aws_plugin():
    """Jenkins credentials go through the AWS Credentials plugin binding into the standard AWS variables."""
    text = HELPER.read_text()
    assert "$class: 'AmazonWebServicesCredentialsBinding'" in text
    assert "accessKeyVariable: 'AWS_ACCESS_KEY_ID'" in text and "secretKeyVariable: 'AWS_SECRET_ACCESS_KEY'" in text


def test_helper_explains_exit_codes_with_the_shared_script():
    """The helper runs etc/ci/explain-exit, which exists and is executable, and makes exit 5 NOT_BUILT."""
    text = HELPER.read_text()
    assert "etc/ci/explain-exit" in text
    assert os.access(REPOSITORY / "etc" / "ci" / "explain-exit", os.X_OK)
    assert re.search(r"code == 5\)\s*\{[^}]*NOT_BUILT", text)


def test_default_check_covers_the_helper():
    """The checker's default files include the Groovy helper, so its sh steps are checked too."""
    assert HELPER in check_pipelines.default_files()
