// KubeSandbox: filled by its issue. See ../../README.md and DESIGN notes.
