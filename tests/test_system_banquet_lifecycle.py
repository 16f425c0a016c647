"""The booking lifecycle over JSON-RPC, as the web client and the mobile app reach it.

Every forbidden change of an event status or a function's hold is refused with a readable
UserError naming the order and both statuses, for a salesperson and for a manager alike;
nothing changes on the server after a refusal.
"""

import itertools
from datetime import datetime, timedelta

import pytest
from conftest import RpcError

EVENT_TRANSITIONS = {
    "inquiry": ("tentative", "definite", "cancelled", "lost"),
    "tentative": ("inquiry", "definite", "cancelled", "lost"),
    "definite": ("actualised", "cancelled"),
    "actualised": ("closed",),
    "closed": (),
    "cancelled": ("inquiry",),
    "lost": ("inquiry",),
}
PATHS = {
    "inquiry": [],
    "tentative": ["action_banquet_tentative"],
    "definite": ["action_banquet_definite"],
    "actualised": ["action_banquet_definite", "action_banquet_actualise"],
    "closed": ["action_banquet_definite", "action_banquet_actualise", "action_banquet_close"],
    "cancelled": ["action_banquet_cancel"],
    "lost": ["action_banquet_lost"],
}
LABELS = {
    "inquiry": "Inquiry",
    "tentative": "Tentative",
    "definite": "Definite",
    "actualised": "Actualised",
    "closed": "Closed",
    "cancelled": "Cancelled",
    "lost": "Lost",
}
ACTIONS = {
    "tentative": "action_banquet_tentative",
    "definite": "action_banquet_definite",
    "actualised": "action_banquet_actualise",
    "closed": "action_banquet_close",
    "cancelled": "action_banquet_cancel",
    "lost": "action_banquet_lost",
    "inquiry": "action_banquet_reopen",
}
_slots = itertools.count()
_base = []


def _room(session):
    return session.call("banquet.room", "search", [("code", "=", "JADE")], limit=1)[0]


def _order_in(session, status, user_id, room_id):
    """A banquet order with one function (a 2-hour slot after every booking of the room,
    so that a database used before stays usable), moved to ``status``."""
    if not _base:
        last = session.call(
            "banquet.room.booking",
            "search_read",
            [("room_id", "=", room_id)],
            fields=["date_end"],
            order="date_end desc",
            limit=1,
        )
        latest = datetime.fromisoformat(last[0]["date_end"]) if last else datetime(2041, 1, 1)
        _base.append(max(latest, datetime(2041, 1, 1)) + timedelta(days=1))
    slot = next(_slots)
    start = _base[0] + timedelta(hours=3 * slot)
    end = start + timedelta(hours=2)
    start, end = (value.strftime("%Y-%m-%d %H:%M:%S") for value in (start, end))
    partner = session.call("res.partner", "create", {"name": f"RPC customer {slot}"})
    order = session.call(
        "sale.order",
        "create",
        {
            "partner_id": partner,
            "user_id": user_id,
            "is_banquet": True,
            "event_name": f"RPC event {slot}",
            "booking_ids": [
                [
                    0,
                    0,
                    {"room_id": room_id, "date_start": start, "date_end": end, "expected_pax": 10},
                ]
            ],
        },
    )
    for action in PATHS[status]:
        session.call("sale.order", action, [order])
    return order


def _read(session, order):
    return session.call("sale.order", "read", [order], ["name", "banquet_status", "state"])[0]


@pytest.mark.parametrize("login_name", ["lily.chen", "admin"])
def test_every_forbidden_event_transition_is_refused_over_jsonrpc(login, login_name):
    session = login(login_name, login_name)
    room = _room(session)
    for current, allowed in EVENT_TRANSITIONS.items():
        order = _order_in(session, current, session.uid, room)
        before = _read(session, order)
        assert before["banquet_status"] == current
        for new in EVENT_TRANSITIONS:
            if new == current or new in allowed:
                continue
            for method, args in (
                ("write", [{"banquet_status": new}]),
                (ACTIONS[new], []),
            ):
                with pytest.raises(RpcError) as error:
                    session.call("sale.order", method, [order], *args)
                assert error.value.name == "odoo.exceptions.UserError", error.value
                assert before["name"] in error.value.message
                assert LABELS[current] in error.value.message
                assert LABELS[new] in error.value.message
            assert _read(session, order) == before, "a refusal changes nothing"


@pytest.mark.parametrize("login_name", ["lily.chen", "admin"])
def test_forbidden_hold_changes_are_refused_over_jsonrpc(login, login_name):
    session = login(login_name, login_name)
    order = _order_in(session, "tentative", session.uid, _room(session))
    function = session.call("sale.order", "read", [order], ["booking_ids"])[0]["booking_ids"][0]
    with pytest.raises(RpcError) as error:
        session.call("banquet.room.booking", "write", [function], {"hold": "held"})
    assert error.value.name == "odoo.exceptions.UserError"
    assert "definite" in error.value.message
    session.call("banquet.room.booking", "action_release", [function])
    with pytest.raises(RpcError) as error:
        session.call("banquet.room.booking", "action_hold", [function])
    assert "Released" in error.value.message and "Held" in error.value.message
    hold = session.call("banquet.room.booking", "read", [function], ["hold"])[0]["hold"]
    assert hold == "released"


def test_salesperson_cannot_change_a_colleagues_function(login):
    admin = login("admin", "admin")
    order = _order_in(admin, "tentative", admin.uid, _room(admin))
    function = admin.call("sale.order", "read", [order], ["booking_ids"])[0]["booking_ids"][0]
    lily = login("lily.chen", "lily.chen")
    assert lily.call("banquet.room.booking", "read", [function], ["room_id"]), "diary is shared"
    for method, args in (("write", [{"expected_pax": 1}]), ("unlink", []), ("action_release", [])):
        with pytest.raises(RpcError) as error:
            lily.call("banquet.room.booking", method, [function], *args)
        assert error.value.name == "odoo.exceptions.AccessError", (method, error.value)


def test_department_staff_read_sale_prices_but_not_costs(login):
    chef = login("chef.wang", "chef.wang")
    products = chef.call("product.product", "search_read", [], fields=["lst_price"], limit=1)
    assert products and "lst_price" in products[0]
    for model in ("product.product", "product.template"):
        with pytest.raises(RpcError) as error:
            chef.call(model, "search_read", [], fields=["standard_price"], limit=1)
        assert error.value.name == "odoo.exceptions.AccessError"


def test_demo_bookings_tell_the_inquiries_story(login):
    """The demo bookings belong to the demo inquiries' customers, with their attendance and
    dates, sold by the inquiry's salesperson and priced (DESIGN.md: one consistent demo
    story), in both hotels of the group."""
    manager = login("michael.zhou", "michael.zhou")
    hotels = manager.call("res.users", "read", [manager.uid], ["company_ids"])[0]["company_ids"]
    context = {"allowed_company_ids": hotels, "active_test": False}
    leads = manager.call(
        "crm.lead",
        "search_read",
        [("is_banquet", "=", True), ("order_ids", "!=", False)],
        fields=["partner_id", "expected_pax", "event_date_start", "order_ids", "user_id"],
        context=context,
    )
    assert len(leads) >= 25
    assert len({lead["user_id"][0] for lead in leads}) >= 3, "several salespeople sell"
    companies = set()
    for lead in leads:
        orders = manager.call(
            "sale.order",
            "read",
            lead["order_ids"],
            [
                "partner_id",
                "expected_pax",
                "event_date_start",
                "user_id",
                "amount_total",
                "company_id",
            ],
            context=context,
        )
        for order in orders:
            assert order["partner_id"] == lead["partner_id"]
            assert order["expected_pax"] == lead["expected_pax"]
            assert order["event_date_start"][:10] == lead["event_date_start"][:10]
            assert order["user_id"] == lead["user_id"]
            assert order["amount_total"] > 0
            companies.add(order["company_id"][0])
    assert len(companies) == 2, "both hotels have events"
