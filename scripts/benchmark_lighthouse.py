"""Lighthouse (mobile) on the home page, a guide page and the preparation start, in English and Arabic, and
on Urdu and Bengali pages (the languages whose web font arrives after the first paint). Pass paths to score
only those (``python scripts/benchmark_lighthouse.py /ur/ /bn/``). ``--devtools-throttling`` slows the network
for real (Lighthouse's devtools throttling) instead of simulating it, so a web font arrives after the first paint
as on a slow phone, and its swap shows in the layout shift (CLS, printed for each page).

Prints the four category scores (performance, accessibility, best practices, SEO; the aim is 100 each) and
the audits that scored below full marks. Lighthouse comes from npm into build/lighthouse/ (installed on the
first run) and drives Debian's chromium with the browser tests' flags, against gunicorn on loopback. When it
cannot run, this says why. Prints numbers; never fails a build.
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from benchmark_load import gunicorn_server  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

LIGHTHOUSE_VERSION = "12"
INSTALL_DIR = ROOT / "build" / "lighthouse"
LIGHTHOUSE = INSTALL_DIR / "node_modules" / ".bin" / "lighthouse"
ATTEMPTS = 2
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = [
    "/en/",
    "/en/guide/who-will-be-there",
    "/en/prepare/",
    "/ar/",
    "/ar/guide/who-will-be-there",
    "/ar/prepare/",
    "/ur/",
    "/ur/prepare/",
    "/bn/",
    "/bn/guide/who-will-be-there",
]


def install():
    """Lighthouse from the npm registry; None when it is there, else the reason it cannot be."""
    if LIGHTHOUSE.exists():
        return None
    if shutil.which("npm") is None:
        return "npm is not installed (Debian package `npm`)"
    INSTALL_DIR.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"],
        cwd=INSTALL_DIR,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not LIGHTHOUSE.exists():
        return f"`npm install lighthouse` failed: {done.stderr.strip()[-300:]}"
    return None


def audit(url, output, throttling="simulate"):
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        f"--throttling-method={throttling}",
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "CHROME_PATH": CHROMIUM, "HOME": str(INSTALL_DIR)},
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-300:])
    return json.loads(Path(output).read_text(encoding="utf-8"))


def shortfalls(report):
    """Audits that count towards a score and did not get full marks."""
    found = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and result["score"] is not None and result["score"] < 1:
                found.append(f"{category['title']}: {result['title']} {result.get('displayValue', '')}".strip())
    return found


def main(arguments=()):
    throttling = "devtools" if "--devtools-throttling" in arguments else "simulate"
    pages = [argument for argument in arguments if argument.startswith("/")] or PAGES
    reason = None if Path(CHROMIUM).exists() else f"no chromium at {CHROMIUM} (`make system` installs it)"
    reason = reason or install()
    if reason:
        print(f"Lighthouse cannot run here: {reason}.")
        return 0
    print(f"{'page':<30} " + " ".join(f"{name:>14}" for name in CATEGORIES) + f" {'CLS':>6}")
    below = []
    with tempfile.TemporaryDirectory() as folder, gunicorn_server(folder) as (base, _master):
        for path in pages:
            report, error = None, None
            for _attempt in range(ATTEMPTS):  # on a busy machine Chrome's trace is sometimes lost (NO_NAVSTART)
                try:
                    report = audit(base + path, Path(folder) / "report.json", throttling)
                    break
                except (RuntimeError, subprocess.TimeoutExpired) as failure:
                    error = failure
            if report is None:
                print(f"{path:<30} Lighthouse failed {ATTEMPTS} times: {error}")
                continue
            scores = [report["categories"][name]["score"] for name in CATEGORIES]
            shift = report["audits"]["cumulative-layout-shift"]["numericValue"]
            print(
                f"{path:<30} "
                + " ".join(f"{round(score * 100) if score is not None else '-':>14}" for score in scores)
                + f" {shift:>6.3f}"
            )
            below += [f"  {path}: {item}" for item in shortfalls(report)]
    print("Audits below full marks:" if below else "Every audit that counts got full marks.")
    print("\n".join(below))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
