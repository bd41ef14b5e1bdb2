"""Run every benchmark in scripts/benchmark_*.py (each has a main()) and print what they measure.

`make bench` runs this. Benchmarks print numbers; they are not timed tests and never fail a build.
"""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks():
    return sorted(HERE.glob("benchmark_*.py"))


def run(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    print(f"== {path.stem.removeprefix('benchmark_')} ==", flush=True)
    module.main()


def main():
    sys.path[:0] = [str(HERE.parent), str(HERE)]
    for path in benchmarks():
        run(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
