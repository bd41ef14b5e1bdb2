"""The production path, as the README sets it up: gunicorn started by the lines of deploy/familyguide.service,
behind nginx running deploy/nginx-familyguide.conf with a certificate made here, PostgreSQL when the run has
one, and a real browser on HTTPS. Behind a TLS proxy every form once failed with "This form has expired" (now
worded "We could not use this form")."""

import datetime
import ipaddress
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ..support import services
from ..support.services import free_port, http_status, unavailable, wait_for
from .conftest import launch_chromium, wait_until_enhanced
from .houses_steps import start as start_three_houses

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
HOST = "familyguide.example.org"
UNIT_VENV = "/srv/familyguide/venv/bin/"


def self_signed_certificate(folder):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(HOST), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def unit_commands(app_port):
    """ExecStartPre and ExecStart of the systemd unit, as argument lists run from this virtual environment."""
    lines = (DEPLOY / "familyguide.service").read_text(encoding="utf-8").splitlines()
    commands = {}
    for line in lines:
        key, _, value = line.partition("=")
        if key in ("ExecStartPre", "ExecStart"):
            value = value.replace("%%", "%").replace(UNIT_VENV, str(Path(sys.executable).parent) + "/")
            commands[key] = [arg.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}") for arg in shlex.split(value)]
    return commands["ExecStartPre"], commands["ExecStart"]


def environment_file(overrides):
    """The example environment file, read as systemd reads it, with this run's values put in."""
    settings = {}
    for line in (DEPLOY / "familyguide.env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            settings[key] = value
    return {**settings, **overrides}


def nginx_config(folder, tls_port, http_port, app_port, cert, key):
    site = (DEPLOY / "nginx-familyguide.conf").read_text(encoding="utf-8")
    for old, new in (
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{tls_port} ssl http2;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("/etc/ssl/certs/familyguide.example.org.pem", str(cert)),
        ("/etc/ssl/private/familyguide.example.org.key", str(key)),
        ("/var/log/nginx/familyguide.access.log", str(folder / "access.log")),
        ("/var/log/nginx/familyguide.error.log", str(folder / "site-error.log")),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
    ):
        assert old in site, old
        site = site.replace(old, new)
    (folder / "site.conf").write_text(site, encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""
    temp = " ".join(
        f"{kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = (
        f"{user} pid {folder / 'nginx.pid'}; error_log {folder / 'error.log'}; daemon off;"
        f" events {{ worker_connections 64; }}"
        f" http {{ {temp} include {folder / 'site.conf'}; }}"
    )
    (folder / "nginx.conf").write_text(main, encoding="utf-8")
    return folder / "nginx.conf"


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def database_for_proxy(tmp_path_factory):
    if services.POSTGRES_URL:
        with services.postgres_database() as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('proxy') / 'proxy.sqlite3'}"


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory, database_for_proxy):
    """https://familyguide.example.org:<port>, as a council runs it. Yields (base URL, app log, nginx log)."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        unavailable("nginx is not installed (apt-get install nginx-light): the TLS proxy run needs it")
    folder = tmp_path_factory.mktemp("tls")
    app_port, tls_port, http_port = free_port(), free_port(), free_port()
    cert, key = self_signed_certificate(folder)
    env = {
        **os.environ,
        **environment_file(
            {
                "FAMILYGUIDE_SECRET_KEY": "proxy-test-secret-key-of-more-than-32-characters",
                "FAMILYGUIDE_ENCRYPTION_KEY": "cHJveHktdGVzdC1rZXktcHJveHktdGVzdC1rZXktMTI=",
                "DATABASE_URL": database_for_proxy,
                "FAMILYGUIDE_COUNCIL_NAME": "Proxy Test Council",
            }
        ),
    }
    pre, start = unit_commands(app_port)
    subprocess.run(pre, env=env, cwd=folder, check=True, capture_output=True)
    app_log = open(folder / "gunicorn.log", "w")  # noqa: SIM115 - closed when the module's tests end
    app = subprocess.Popen(start, env=env, cwd=folder, stdout=app_log, stderr=subprocess.STDOUT)
    proxy = subprocess.Popen(
        [nginx, "-c", str(nginx_config(folder, tls_port, http_port, app_port, cert, key)), "-p", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:

        def answering(port, status):
            def check():
                assert app.poll() is None, (folder / "gunicorn.log").read_text()
                assert proxy.poll() is None, (folder / "error.log").read_text()
                return http_status(f"http://127.0.0.1:{port}/livez", host=HOST) == status

            return check

        wait_for(answering(app_port, 200), "gunicorn to answer")
        wait_for(answering(http_port, 301), "nginx to answer")
        yield f"https://{HOST}:{tls_port}", folder / "gunicorn.log", folder / "access.log"
    finally:
        stop(proxy)
        stop(app)
        app_log.close()


@pytest.fixture(scope="module")
def proxied_browser(playwright, behind_nginx):
    browser = launch_chromium(playwright, [HOST])
    yield browser
    browser.close()


@pytest.fixture
def secure_page(proxied_browser, behind_nginx):
    context = proxied_browser.new_context(base_url=behind_nginx[0], ignore_https_errors=True, locale="en-GB")
    yield context.new_page()
    context.close()


def test_the_preparation_chat_works_through_the_tls_proxy(secure_page, behind_nginx):
    page = secure_page
    page.goto("/en/prepare/")
    assert page.url.startswith("https://")
    page.click("form button.button")
    page.click("#choice-first")
    page.wait_for_function("() => document.getElementById('question-title')?.textContent.includes('kept your child')")
    page.fill("#answer", "Wir essen jeden Abend zusammen")
    page.click("button[value=answer]")
    page.wait_for_function("() => document.getElementById('question-title')?.textContent.includes('going well')")
    page.click("text=Save and come back later")
    code = page.inner_text(".resume-code").strip()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{3}", code)
    page.goto("/en/prepare/check-your-answers")
    assert "Wir essen jeden Abend zusammen" in page.inner_text("main")
    with page.expect_download() as download:
        page.click("a[href$='.pdf']")
    assert download.value.suggested_filename.endswith(".pdf")
    cookies = page.context.cookies()
    assert [c["name"] for c in cookies] == ["__Host-session"] and cookies[0]["secure"]
    assert "We could not use this form" not in page.content()


def test_the_three_houses_work_through_the_tls_proxy(secure_page):
    page = secure_page
    start_three_houses(page)  # the worker's start form, as houses_steps does it
    page.goto("/en/three-houses/houses/dreams#say")  # the "Say or write" choice
    page.fill("#text", "A dog called Biscuit")
    page.click("form[action$='/words'] button[type=submit]")
    page.wait_for_url(lambda url: "/houses/dreams?added=" in url)
    assert "A dog called Biscuit" in page.inner_text("main")


def _requests_in(log):
    return [line for line in log.splitlines() if " HTTP/" in line]  # not gunicorn's start-up lines


def test_the_logs_hold_no_addresses_or_query_strings(secure_page, behind_nginx):
    _, app_log, access_log = behind_nginx
    response = secure_page.goto("/en/key-dates/?day=20&month=1&year=2027&kind=first")
    assert response.status == 200 and response.headers["strict-transport-security"].startswith("max-age=")
    wait_for(lambda: "/en/key-dates/" in access_log.read_text(), "the request in nginx's access log")
    requests = _requests_in(access_log.read_text())
    assert any('"GET /en/key-dates/ HTTP/' in line for line in requests)
    for line in requests:
        # Not "2027" alone: a request's size or duration (0.012027 s) may hold those digits by chance.
        assert "?" not in line and "day=" not in line and "year=" not in line, line
        assert "127.0.0.1" not in line, line
    assert _requests_in(app_log.read_text()) == []  # nginx keeps the one access log


def test_a_question_to_the_question_box_stays_out_of_both_access_logs(secure_page, behind_nginx):
    _, app_log, access_log = behind_nginx
    assert secure_page.goto("/en/ask").status == 200
    wait_until_enhanced(secure_page, "ask")
    secure_page.fill("#ask-q", "zzquestionmark my partner hits me")
    secure_page.press("#ask-q", "Enter")  # sent by ask.js, in a POST's body, through nginx
    secure_page.wait_for_selector("#ask-answer .ask-safety")
    wait_for(lambda: '"POST /en/ask HTTP/' in access_log.read_text(), "the question's request in nginx's log")
    for log in (app_log.read_text(), access_log.read_text()):
        assert "zzquestionmark" not in log and "partner" not in log and "q=" not in log


def test_a_set_up_or_invitation_link_is_logged_without_its_secret(secure_page, behind_nginx):
    _, app_log, access_log = behind_nginx
    secret = "zzLinkSecret0123456789abcdefghijklmnopqrstu"
    for path in (f"/staff/setup/{secret}", f"/en/prepare/invite/{secret}"):
        assert secure_page.goto(path).status == 404  # no such link: the log is the same for one that works
    wait_for(lambda: "/en/prepare/invite/" in access_log.read_text(), "the invitation link in nginx's log")
    requests = _requests_in(access_log.read_text())
    assert any('"GET /staff/setup/[secret] HTTP/' in line for line in requests)
    assert any('"GET /en/prepare/invite/[secret] HTTP/' in line for line in requests)
    for log in (app_log.read_text(), access_log.read_text(), (access_log.parent / "site-error.log").read_text()):
        assert secret not in log


def test_a_staff_sign_in_refused_is_an_audit_line_in_the_units_log_without_the_address(secure_page, behind_nginx):
    """The journal (here the file the unit's ExecStart writes to) gets each audit entry as a line for the
    council's log collection (familyguide/audit_lines.py), the e-mail address left out."""
    _, app_log, _ = behind_nginx
    assert secure_page.goto("/staff/sign-in").status == 200
    secure_page.fill("#email", "zzsomeone@council.gov.uk")
    secure_page.fill("#password", "not the password at all")
    secure_page.click("button:has-text('Continue')")
    wait_for(lambda: '"action": "sign_in_failed"' in app_log.read_text(), "the refused sign-in in the unit's log")
    audit = [line for line in app_log.read_text().splitlines() if line.startswith("AUDIT ")]
    assert any('"target": "unknown or unusable account"' in line for line in audit), audit
    assert "zzsomeone" not in app_log.read_text()
