"""The Markdown source: shell blocks of documents are checked like pipeline steps."""

from pathlib import Path

from pipelinecheck import markdown


def test_shell_blocks_keep_their_lines(tmp_path: Path) -> None:
    """Only sh/bash/shell blocks are read, with the document's line numbers."""
    source = "# Title\n\n```swift\nlet x = 1\n```\n\n```sh\necho one\nbluegreen-route --app web \\\n  --to 41\n```\n"
    scripts, findings = markdown.scripts("README.md", source)
    assert findings == []
    assert len(scripts) == 1
    script = scripts[0]
    assert script.text == "echo one\nbluegreen-route --app web \\\n  --to 41\n"
    assert script.line_at(script.text.index("--to")) == 10
    assert script.line_at(0) == 8


def test_unknown_flag_in_a_document_is_reported(tmp_path: Path, contract_dir: Path) -> None:
    """A README example with a flag the tool does not have is a finding at its line."""
    import check_pipelines
    from pipelinecheck.toolinfo import ToolInfoSource

    document = tmp_path / "README.md"
    document.write_text("intro\n\n```sh\nbluegreen-purge --app web --kep 1\n```\n", encoding="utf-8")
    findings = check_pipelines.check_file(document, ToolInfoSource(contract_dir, saved=True), "README.md")
    assert [(f.line, "--kep" in f.message) for f in findings] == [(4, True)]
