"""A wheel that runs anywhere, not only from the checkout: the build compiles the translations and the
fonts, and ships the content and the compiled catalogues inside the package (familyguide/_data/).
Everything else is in pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self):
        for script in ("translations.py compile", "build_fonts.py"):
            name, *args = script.split()
            subprocess.run([sys.executable, str(ROOT / "scripts" / name), *args], check=True, cwd=ROOT)
        super().run()  # the built fonts are package data (familyguide/static/fonts, familyguide/pdf/fonts)
        if not self.dry_run:
            data = Path(self.build_lib) / "familyguide" / "_data"
            shutil.rmtree(data, ignore_errors=True)
            shutil.copytree(ROOT / "content", data / "content")
            shutil.copytree(ROOT / "translations", data / "translations", ignore=shutil.ignore_patterns("*.pot"))


setup(cmdclass={"build_py": BuildWithData})
