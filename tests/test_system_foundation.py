"""A real Odoo server, reached over HTTP and JSON-RPC like the web and mobile clients."""

import pytest
import requests
from conftest import RpcError

SUB_MENUS = {"Sales", "Rooms & Diary", "Events", "Customers", "Reporting"}


def _banquet_menu(menus):
    root = next(m for m in menus.values() if isinstance(m, dict) and m.get("name") == "Banquet")
    return root, {menus[str(c)]["name"] for c in root["children"]}


def test_login_page_is_served(odoo_server):
    response = requests.get(odoo_server["url"] + "/web/login", timeout=30)
    assert response.status_code == 200
    assert 'name="login"' in response.text


def test_admin_logs_in_like_the_web_client(client):
    info = client.authenticate("admin", "admin")
    assert info["uid"] == 2
    assert info["db"] == client.db


def test_wrong_password_is_refused(client):
    with pytest.raises(RpcError) as error:
        client.authenticate("admin", "not-the-password")
    assert "AccessDenied" in error.value.name


def test_external_jsonrpc_api_login(odoo_server):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {
            "service": "common",
            "method": "login",
            "args": [odoo_server["db"], "lily.chen", "lily.chen"],
        },
    }
    body = requests.post(odoo_server["url"] + "/jsonrpc", json=payload, timeout=30).json()
    assert isinstance(body["result"], int) and body["result"] > 2


def test_banquet_user_sees_the_banquet_app_and_its_menus(login):
    session = login("lily.chen", "lily.chen")
    root, children = _banquet_menu(session.load_menus())
    assert root["webIconData"] or root["webIcon"]
    assert SUB_MENUS <= children
    assert "Configuration" not in children, "configuration is for Banquet managers only"


def test_admin_sees_the_configuration_menu(login):
    session = login("admin", "admin")
    _root, children = _banquet_menu(session.load_menus())
    assert SUB_MENUS | {"Configuration"} <= children


def test_banquet_user_reads_inquiries_over_jsonrpc(login):
    session = login("lily.chen", "lily.chen")
    leads = session.call(
        "crm.lead",
        "search_read",
        [("is_banquet", "=", True)],
        fields=["name", "expected_pax", "event_type_id"],
    )
    assert any(lead["expected_pax"] == 300 for lead in leads)


def test_department_staff_cannot_read_sale_prices(login):
    session = login("chef.wang", "chef.wang")
    with pytest.raises(RpcError) as error:
        session.call("sale.order.line", "search_read", [], fields=["price_unit"], limit=1)
    assert error.value.name == "odoo.exceptions.AccessError"
    with pytest.raises(RpcError) as error:
        session.call("sale.order", "search_read", [], fields=["amount_total"], limit=1)
    assert error.value.name == "odoo.exceptions.AccessError"


def test_department_staff_reads_event_orders_and_sees_the_events_menu(login):
    session = login("chef.wang", "chef.wang")
    assert isinstance(session.call("banquet.event.order", "search_count", []), int)
    _root, children = _banquet_menu(session.load_menus())
    assert "Events" in children
    assert "Sales" not in children
