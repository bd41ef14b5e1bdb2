"""The package as a council installs it: a wheel built from this checkout, installed into a fresh virtual
environment and run from another folder, with no checkout in sight. Its dependencies are borrowed from the
test environment (a .pth line) so the test needs no network; familyguide itself comes only from the wheel."""

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .support.services import free_port, http_status, wait_for

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "FAMILYGUIDE_ENV": "production",
    "FAMILYGUIDE_SECRET_KEY": "installed-wheel-secret-key-of-32-characters-or-more",
    "FAMILYGUIDE_ENCRYPTION_KEY": "aW5zdGFsbGVkLXdoZWVsLWtleS1pbnN0YWxsZWQtMTI=",
    "FAMILYGUIDE_COUNCIL_NAME": "Wheel Test Council",
}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python of the fresh environment, a folder far from the checkout, its environment variables)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next((work / "dist").glob("familyguide-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies only: the editable familyguide of the test environment is a .pth hook, not read here.
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAMILYGUIDE_") and k != "PYTHONPATH"}
    env.update(PRODUCTION_ENV, DATABASE_URL=f"sqlite:///{elsewhere / 'familyguide.sqlite3'}")
    return python, elsewhere, env


def run(installed, *args):
    python, elsewhere, env = installed
    return subprocess.run([python, *args], cwd=elsewhere, env=env, capture_output=True, text=True)


def test_the_wheel_is_imported_from_the_fresh_environment_not_the_checkout(installed):
    where = run(installed, "-c", "import familyguide; print(familyguide.__file__)").stdout
    assert str(installed[0].parent.parent) in where and str(ROOT) not in where


def test_the_commands_run_from_another_folder(installed):
    upgrade = run(installed, "-m", "flask", "--app", "familyguide", "db", "upgrade")
    assert upgrade.returncode == 0 and "Database is up to date." in upgrade.stdout, upgrade.stderr
    purge = run(installed, "-m", "flask", "--app", "familyguide", "purge")
    assert purge.returncode == 0 and "Deleted 0 expired draft(s)." in purge.stdout, purge.stderr


def test_gunicorn_serves_every_language_with_its_content_catalogue_and_font(installed):
    python, elsewhere, env = installed
    assert run(installed, "-m", "flask", "--app", "familyguide", "db", "upgrade").returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "--preload",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "familyguide:create_app()",
        ],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: http_status(f"http://127.0.0.1:{port}/livez") == 200, "the installed app to answer")
        import urllib.request

        def get_bytes(path):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:  # noqa: S310
                return response.read()

        def get(path):
            return get_bytes(path).decode("utf-8")

        english = get("/en/")
        assert "Wheel Test Council" in english and "<h1>Your child protection conference</h1>" in english
        assert "<h1>What happens at a first conference</h1>" in get("/en/guide/first-conference")
        urdu = get("/ur/")
        assert 'dir="rtl"' in urdu and "Leave this site" not in urdu  # the compiled Urdu catalogue is used
        font_css = next(line for line in urdu.splitlines() if "/static/fonts/ur" in line and "stylesheet" in line)
        css = get(font_css.split('href="')[1].split('"')[0])
        font_file = css.split("url(")[1].split(")")[0].strip("'\"")
        assert (
            "@font-face" in css
            and len(get_bytes(font_file if font_file.startswith("/") else "/static/fonts/" + font_file)) > 1000
        )
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_unsafe_settings_stop_gunicorn_with_one_clear_line(installed):
    python, elsewhere, env = installed
    unsafe = {**env, "FAMILYGUIDE_SECRET_KEY": "short"}
    refused = subprocess.run(
        [python, "-m", "gunicorn", "--preload", "--bind", f"127.0.0.1:{free_port()}", "familyguide:create_app()"],
        cwd=elsewhere,
        env=unsafe,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0
    errors = [line for line in refused.stderr.splitlines() if line.strip()]
    assert "Traceback" not in refused.stderr
    assert any(line.startswith("Error: FAMILYGUIDE_SECRET_KEY must be a real secret") for line in errors), errors
