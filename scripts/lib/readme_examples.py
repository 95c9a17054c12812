#!/usr/bin/env python3
"""Writes the README's Swift examples into a package that depends on this repository by path.

    readme_examples.py README.md PACKAGE_DIR REPOSITORY_DIR [NAME=PRODUCT ...]

Every ```swift block that starts with `import` is a complete program: it becomes the executable
target `Example<N>` (N counting from 1 in README order), depending on the products it imports.
Each NAME=PRODUCT adds an executable target NAME (its sources already in Sources/NAME) depending on
PRODUCT, so that one build serves several checks. Prints one line per example: `Example<N> <first import>`.
"""

import re
import sys
from pathlib import Path

PRODUCTS = {"AWSKit", "KubeKit", "BlueGreen"}


def examples(readme: str) -> list[str]:
    blocks = re.findall(r"^```swift\n(.*?)^```", readme, flags=re.S | re.M)
    return [block for block in blocks if block.lstrip().startswith("import ")]


def main() -> int:
    readme, package, repository = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]).resolve()
    extra = [argument.split("=", 1) for argument in sys.argv[4:]]
    found = examples(readme.read_text(encoding="utf-8"))
    if not found:
        print(f"no Swift example in {readme}", file=sys.stderr)
        return 1
    targets = []
    for number, code in enumerate(found, start=1):
        name = f"Example{number}"
        imports = [module for module in re.findall(r"^import (\w+)", code, flags=re.M) if module in PRODUCTS]
        source = package / "Sources" / name
        source.mkdir(parents=True, exist_ok=True)
        (source / "main.swift").write_text(code, encoding="utf-8")
        dependencies = ", ".join(f'.product(name: "{module}", package: "swift-bluegreen")' for module in imports)
        targets.append(f'        .executableTarget(name: "{name}", dependencies: [{dependencies}]),')
        print(f"{name} {imports[0] if imports else '-'}")
    for name, product in extra:
        targets.append(f'        .executableTarget(name: "{name}", dependencies: [.product(name: "{product}", package: "swift-bluegreen")]),')
    (package / "Package.swift").write_text(
        "// swift-tools-version:6.0\n"
        "import PackageDescription\n\n"
        "let package = Package(\n"
        '    name: "Embedding",\n'
        "    platforms: [.macOS(.v15)],\n"
        f'    dependencies: [.package(name: "swift-bluegreen", path: "{repository}")],\n'
        "    targets: [\n" + "\n".join(targets) + "\n    ]\n)\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
