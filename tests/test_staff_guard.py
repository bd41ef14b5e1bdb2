"""The one guard: every /staff/ route goes through it, roles are kept apart, and the family side never
imports or links to the staff area."""

import ast
from pathlib import Path

import pytest
from sqlalchemy import select

from familyguide import db
from familyguide.models import StaffAccount
from familyguide.staff import guard

from .support.pagecheck import text_of
from .support.staff import post_form, set_up

PACKAGE = Path(__file__).resolve().parent.parent / "familyguide"


def staff_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/staff")]


def sample_path(rule):
    return (
        rule.rule.replace("<int:account_id>", "1")
        .replace("<int:team_id>", "1")
        .replace("<token>", "x")
        .replace("<code>", "pl")
        .replace("<path:page>", "guide/who-will-be-there")
    )


def test_every_staff_route_is_declared_to_the_guard_and_in_the_staff_blueprint(app):
    rules = staff_rules(app)
    assert len(rules) >= 15
    for rule in rules:
        assert rule.endpoint.startswith("staff."), f"{rule.rule} is not in the staff blueprint (no guard)"
        assert rule.endpoint in guard.RULES, f"{rule.rule} has no access declaration"
    assert not [r for r in app.url_map.iter_rules() if r.endpoint.startswith("staff.") and r not in rules]


def test_without_a_session_only_the_sign_in_pages_answer(app):
    client = app.test_client()
    public = {"staff.sign_in", "staff.signed_out", "staff.open_setup_link", "staff.sign_in_sso", "staff.sso_callback"}
    for rule in staff_rules(app):
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(sample_path(rule), method=method)
            if rule.endpoint in public:
                continue
            assert response.status_code in (302, 400), f"{method} {rule.rule}: {response.status_code}"
            if method == "GET":
                assert response.location.endswith("/staff/sign-in"), rule.rule


def test_an_undeclared_staff_route_is_closed(app):
    @app.get("/staff/forgotten")  # in the app, not the blueprint: the url_map test above would fail on it
    def forgotten():
        return "open"

    assert app.url_map.bind("localhost").match("/staff/forgotten")[0] == "forgotten"
    with pytest.raises(AssertionError):
        test_every_staff_route_is_declared_to_the_guard_and_in_the_staff_blueprint(app)


def test_no_admin_route_answers_a_worker_or_a_manager(any_app, clock_):
    admin_rules = [r for r in staff_rules(any_app) if guard.RULES[r.endpoint].roles == ("admin",)]
    assert len(admin_rules) >= 6
    for role in ("worker", "manager"):
        client = any_app.test_client()
        set_up(any_app, client, clock_, f"{role}@council.gov.uk", role=role, team="North")
        page = client.get("/staff/")
        assert "Audit log" not in text_of(page.get_data(as_text=True))
        for rule in admin_rules:
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                data = {"csrf_token": _token(page), "action": "delete", "name": "x", "email": "a@b.cd", "role": "admin"}
                response = client.open(sample_path(rule), method=method, data=data if method == "POST" else None)
                assert response.status_code == 404, f"{role}: {method} {rule.rule} answered {response.status_code}"
    with any_app.app_context(), db.session() as s:
        assert s.scalar(select(StaffAccount.role).where(StaffAccount.email == "worker@council.gov.uk")) == "worker"


def _token(page):
    from .support.staff import csrf_token

    return csrf_token(page)


def test_admin_reaches_admin_pages_and_an_unknown_account_is_not_found(any_app, clock_):
    client = any_app.test_client()
    set_up(any_app, client, clock_, "admin@council.gov.uk", role="admin")
    for path in ("/staff/admin/accounts", "/staff/admin/teams", "/staff/admin/audit"):
        assert client.get(path).status_code == 200, path
    assert client.get("/staff/admin/accounts/999").status_code == 404
    assert client.get("/staff/admin/teams/999").status_code == 404


def test_half_signed_in_is_not_signed_in(any_app, clock_):
    staff = set_up(any_app, any_app.test_client(), clock_, "half@council.gov.uk", role="admin")
    client = any_app.test_client()
    from .support.staff import PASSWORD

    post_form(client, "/staff/sign-in", {"email": staff.email, "password": PASSWORD})
    assert client.get("/staff/").location.endswith("/staff/sign-in")
    assert client.get("/staff/admin/audit").location.endswith("/staff/sign-in")


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_family_code_never_imports_the_staff_area():
    family_parts = [p for p in PACKAGE.rglob("*.py") if "staff" not in p.relative_to(PACKAGE).parts]
    family_parts = [p for p in family_parts if p.name not in ("__init__.py", "cli.py") or p.parent != PACKAGE]
    assert len(family_parts) > 20
    for path in family_parts:
        for name in _imports(path):
            assert "staff" not in name.split("."), f"{path.relative_to(PACKAGE)} imports {name}"


def test_no_family_page_or_template_links_to_the_staff_area(client):
    for template in (PACKAGE / "templates").rglob("*.html"):
        assert "/staff" not in template.read_text(encoding="utf-8") and "staff." not in template.read_text(
            encoding="utf-8"
        ), template
    for path in ("/en/", "/en/prepare/", "/en/guide/who-will-be-there", "/ar/"):
        html = client.get(path).get_data(as_text=True)
        assert "/staff" not in html, path


def test_a_translator_reaches_only_translation_work_for_their_languages(any_app, clock_):
    """Every staff route, walked from app.url_map: a translator for Polish gets 404 from every page that is
    not translation work (records, the inbox, admin pages) and from Arabic's translation pages; a worker and a
    manager get 404 from every translation page."""
    translator = any_app.test_client()
    set_up(any_app, translator, clock_, "pl@council.gov.uk", role="translator", languages=["pl"])
    token = _token(translator.get("/staff/"))
    for rule in staff_rules(any_app):
        declared = guard.RULES[rule.endpoint]
        if declared.stage != guard.FULL:
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            data = {"csrf_token": token} if method == "POST" else None
            response = translator.open(sample_path(rule), method=method, data=data)
            if "translator" not in declared.roles:
                assert response.status_code == 404, f"{method} {rule.rule} answered {response.status_code}"
            elif declared.per_language:
                arabic = sample_path(rule).replace("/pl", "/ar", 1)
                assert translator.open(arabic, method=method, data=data).status_code == 404, arabic
                if method == "GET":
                    assert response.status_code == 200, f"{rule.rule} answered {response.status_code}"
    for role in ("worker", "manager"):
        client = any_app.test_client()
        set_up(any_app, client, clock_, f"{role}@council.gov.uk", role=role, team="North")
        for rule in staff_rules(any_app):
            roles = guard.RULES[rule.endpoint].roles
            if "translator" in roles and role not in roles:
                assert client.get(sample_path(rule)).status_code in (404, 405), f"{role}: {rule.rule}"
