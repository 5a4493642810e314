#!/usr/bin/env python3
"""Fails when a file under src/<layer>/ includes a header of a layer above its own.

Usage: check_layers.py SRC_DIR. The order is the one in docs/architecture (STYLE.md):
a layer may include only its own headers and those of the layers below it.
"""
import pathlib
import re
import sys

LAYERS = ["common", "types", "column", "io", "format", "lake", "catalog", "functions", "sql", "planner",
          "exec", "runtime", "ingest", "mv", "engine", "server", "main"]
RANK = {name: i for i, name in enumerate(LAYERS)}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)/[^"]*"')


def check(src: pathlib.Path) -> list[str]:
    problems = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cc", ".hpp", ".cpp") or not path.is_file():
            continue
        layer = path.relative_to(src).parts[0]
        if layer not in RANK:
            problems.append(f"{path}: folder '{layer}' is not a known layer")
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match or match.group(1) not in RANK:
                continue
            target = match.group(1)
            if RANK[target] > RANK[layer]:
                problems.append(f"{path}:{number}: layer '{layer}' includes '{match.group(0).strip()}' "
                                f"from higher layer '{target}'")
    return problems


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: check_layers.py SRC_DIR", file=sys.stderr)
        return 2
    problems = check(pathlib.Path(sys.argv[1]))
    for problem in problems:
        print(problem)
    if problems:
        print(f"layer check: {len(problems)} violation(s)")
        return 1
    print("layer check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
