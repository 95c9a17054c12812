"""Checks that pipeline files call our executables only with flags those executables have.

The flags come from each executable's `--experimental-dump-help` document (swift-argument-parser's
ToolInfoV0), so the check follows the code, not a copy of the documentation.
"""
