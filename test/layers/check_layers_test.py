#!/usr/bin/env python3
"""Proves the layer check catches an upward include and accepts downward ones."""
import pathlib
import subprocess
import sys
import tempfile

checker = sys.argv[1]


def run(files: dict[str, str]) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / "src"
        for name, text in files.items():
            path = src / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        return subprocess.run([sys.executable, checker, str(src)], capture_output=True, text=True)


clean = run({"common/a.h": '#include <vector>\n', "lake/b.cc": '#include "common/a.h"\n#include "lake/b.h"\n'})
assert clean.returncode == 0, clean.stdout

upward = run({"types/t.h": '#pragma once\n', "column/c.h": '#include "types/t.h"\n',
              "common/bad.cc": '#include "common/x.h"\n  #include "lake/snapshot.h"\n'})
assert upward.returncode == 1, upward.stdout
assert "common/bad.cc:2" in upward.stdout and "'lake'" in upward.stdout, upward.stdout
print("check_layers_test: ok")
