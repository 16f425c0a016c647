"""One banquet from the first e-mail to the final bill, over the real interfaces only.

A channel posts an inquiry to the intake API; routing gives it to the salesperson the hotel's
rule names; she answers inside the first-response SLA, searches a free room, quotes it with a
menu and holds it as an option; the customer signs in the portal with an access token; Finance
invoices the deposit through Odoo's down payment wizard and registers its payment, which makes
the event definite (the hotel's policy: signature and first deposit); the Event Order goes to
the customer, who confirms it in the portal, then to the departments, the kitchen acknowledges;
after the event the actual attendance is entered and Finance bills the rest: the final invoice
deducts the deposit to the cent.

Everything goes through HTTP: the intake endpoint, JSON-RPC as the web client and the Odoo
mobile app use it, and the customer's portal pages. The test makes its own hotel staff, room,
menu, channel and routing rule, so it does not depend on the demo story.
"""

import base64
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests
from conftest import OdooClient

MENU_PRICE = 250.0
GUARANTEED = 40
ACTUAL = 43
# a 1x1 PNG: what the portal's signature pad posts, as base64
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
).decode()


def _xmlid(session, xmlid):
    module, name = xmlid.split(".")
    return session.call("ir.model.data", "check_object_reference", module, name)[1]


def _fmt(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _user(admin, name, group, company):
    login = f"{name.split()[0].lower()}.{uuid.uuid4().hex[:6]}"
    uid = admin.call(
        "res.users",
        "create",
        {
            "name": name,
            "login": login,
            "password": login,
            "email": f"{login}@example.com",
            "company_id": company,
            "company_ids": [(6, 0, [company])],
            "groups_id": [(6, 0, [group])],
        },
    )
    return uid, login


@pytest.fixture(scope="module")
def hotel(odoo_server):
    """The hotel's set-up a manager makes once: staff, a room with rates, a menu, a
    channel with an API key, and the rule that routes the channel's city to one
    salesperson. The hotel's policy wants the first deposit paid before an event is
    definite; it is restored afterwards."""
    admin = OdooClient(odoo_server["url"], odoo_server["db"])
    admin.authenticate("admin", "admin")
    company = admin.call("res.users", "read", [admin.uid], ["company_id"])[0]["company_id"][0]
    tag = uuid.uuid4().hex[:6]
    seller, seller_login = _user(
        admin, "Sally Seller", _xmlid(admin, "hotel_banquet_crm.group_banquet_user"), company
    )
    _finance, finance_login = _user(
        admin, "Frank Finance", _xmlid(admin, "hotel_banquet_crm.group_banquet_finance"), company
    )
    cook, cook_login = _user(
        admin, "Carl Cook", _xmlid(admin, "hotel_banquet_crm.group_banquet_department"), company
    )
    kitchen = admin.call(
        "banquet.department", "search", [("code", "=", "KIT"), ("company_id", "=", company)]
    )[0]
    admin.call("banquet.department", "write", [kitchen], {"user_ids": [(4, cook)]})
    team = admin.call(
        "crm.team",
        "create",
        {
            "name": f"E2E Banquet {tag}",
            "is_banquet": True,
            "use_opportunities": True,
            "company_id": company,
            "member_ids": [(6, 0, [seller])],
        },
    )
    city = f"Lakeside {tag}"
    admin.call(
        "banquet.routing.rule",
        "create",
        {"name": f"Clients in {city}", "city": city, "company_id": company, "team_id": team},
    )
    source = admin.call("utm.source", "create", {"name": f"E2E partner site {tag}"})
    channel = admin.call(
        "banquet.intake.channel",
        "create",
        {"name": f"E2E partner site {tag}", "source_id": source, "first_response_hours": 2},
    )
    wizard = admin.call(
        "banquet.intake.key.wizard",
        "create",
        {"channel_id": channel, "name": "e2e", "duration": "30"},
    )
    key = admin.call("banquet.intake.key.wizard", "action_make_key", [wizard])["context"][
        "default_key"
    ]
    room = admin.call(
        "banquet.room",
        "create",
        {
            "name": f"Lakeside Room {tag}",
            "code": f"E2E-{tag}",
            "capacity_max": 120,
            "rate_ids": [
                (0, 0, {"day_part": part, "price": 6000.0})
                for part in ("morning", "afternoon", "evening", "full_day")
            ],
        },
    )
    menu = admin.call(
        "product.product",
        "create",
        {
            "name": f"Lakeside lunch menu {tag}",
            "type": "service",
            "invoice_policy": "delivery",
            "list_price": MENU_PRICE,
            "banquet_is_package": True,
            "taxes_id": [(5, 0, 0)],
        },
    )
    policy = admin.call("res.company", "read", [company], ["banquet_definite_policy"])[0][
        "banquet_definite_policy"
    ]
    admin.call(
        "res.company",
        "write",
        [company],
        {"banquet_definite_policy": "signature_and_first_deposit"},
    )
    try:
        yield {
            "admin": admin,
            "url": odoo_server["url"],
            "db": odoo_server["db"],
            "company": company,
            "seller": seller,
            "seller_login": seller_login,
            "finance_login": finance_login,
            "cook": cook,
            "cook_login": cook_login,
            "kitchen": kitchen,
            "team": team,
            "city": city,
            "key": key,
            "room": room,
            "menu": menu,
        }
    finally:
        admin.call("res.company", "write", [company], {"banquet_definite_policy": policy})


def _portal_csrf(http, url):
    page = http.get(url, timeout=60)
    assert page.status_code == 200, page.text[:500]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "the portal page carries a CSRF token for its forms"
    return page, token.group(1)


def test_an_inquiry_becomes_a_paid_event(hotel, login):
    url = hotel["url"]
    # -- an inquiry arrives through a channel's API --------------------------------------
    now = datetime.now(UTC).replace(tzinfo=None, second=0, microsecond=0)
    start = now - timedelta(hours=1)
    end = start + timedelta(hours=4)
    response = requests.post(
        url + "/banquet/api/v1/inquiries",
        json={
            "contact_name": "Grace Ho",
            "company_name": "Lakeside Biotech",
            "email": "grace.ho@lakeside-bio.example.com",
            "phone": "+86 21 5555 0101",
            "city": hotel["city"],
            "event_type": "MTG",
            "event_date_start": start.isoformat() + "Z",
            "event_date_end": end.isoformat() + "Z",
            "expected_pax": GUARANTEED,
            "setup_style": "classroom",
            "budget_per_head": 300,
        },
        headers={"Authorization": f"Bearer {hotel['key']}"},
        timeout=60,
    )
    assert response.status_code == 201, response.text
    lead_id = response.json()["id"]
    assert response.json()["reference"]

    # -- routed to the salesperson of the hotel's rule, with an SLA deadline --------------
    seller = login(hotel["seller_login"], hotel["seller_login"])
    [lead] = seller.call(
        "crm.lead",
        "read",
        [lead_id],
        ["user_id", "team_id", "company_id", "first_response_deadline", "first_response_date"],
    )
    assert lead["user_id"][0] == hotel["seller"]
    assert lead["team_id"][0] == hotel["team"]
    assert lead["company_id"][0] == hotel["company"]
    assert not lead["first_response_date"]
    deadline = datetime.fromisoformat(lead["first_response_deadline"])
    assert now < deadline <= datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=2)

    # -- she answers in the chatter: the first response is inside the SLA ----------------
    seller.call(
        "crm.lead",
        "message_post",
        [lead_id],
        body="Thank you, Ms Ho: the Lakeside Room is free on your date. Quotation follows.",
        message_type="comment",
        subtype_xmlid="mail.mt_comment",
    )
    [lead] = seller.call(
        "crm.lead", "read", [lead_id], ["first_response_date", "sla_overdue", "sla_met_percent"]
    )
    assert lead["first_response_date"]
    assert datetime.fromisoformat(lead["first_response_date"]) <= deadline
    assert not lead["sla_overdue"]

    # -- availability search from the inquiry, quotation with the free room ---------------
    classroom = seller.call("banquet.setup.style", "search", [("code", "=", "classroom")])[0]
    wizard = seller.call(
        "banquet.availability.wizard",
        "create",
        {
            "opportunity_id": lead_id,
            "event_name": "Lakeside Biotech training day",
            "date_start": _fmt(start),
            "date_end": _fmt(end),
            "pax": GUARANTEED,
            "setup_style_id": classroom,
        },
    )
    seller.call("banquet.availability.wizard", "action_search", [wizard])
    free = seller.call(
        "banquet.availability.wizard.line",
        "search_read",
        [("wizard_id", "=", wizard)],
        fields=["room_id", "rental_price"],
    )
    ours = [line for line in free if line["room_id"][0] == hotel["room"]]
    assert ours and ours[0]["rental_price"] == 6000.0, free
    action = seller.call(
        "banquet.availability.wizard.line", "action_create_quotation", [ours[0]["id"]]
    )
    order_id = action["res_id"]
    seller.call(
        "sale.order",
        "write",
        [order_id],
        {"order_line": [(0, 0, {"product_id": hotel["menu"], "product_uom_qty": GUARANTEED})]},
    )
    [order] = seller.call(
        "sale.order",
        "read",
        [order_id],
        ["opportunity_id", "banquet_status", "booking_ids", "amount_total", "partner_id"],
    )
    assert order["opportunity_id"][0] == lead_id
    assert order["banquet_status"] == "inquiry"
    assert len(order["booking_ids"]) == 1

    # -- option: the room is held for her ------------------------------------------------
    seller.call("sale.order", "action_banquet_tentative", [order_id])
    [function] = seller.call(
        "banquet.room.booking", "read", order["booking_ids"], ["room_id", "hold", "blocking"]
    )
    assert (function["room_id"][0], function["hold"], function["blocking"]) == (
        hotel["room"],
        "first_option",
        True,
    )

    # -- the customer signs in the portal with the quotation's access token --------------
    # signed online, the deposit comes by bank transfer (no online payment on this quotation)
    seller.call(
        "sale.order", "write", [order_id], {"require_signature": True, "require_payment": False}
    )
    portal_url = seller.call("sale.order", "get_portal_url", [order_id])
    token = re.search(r"access_token=([\w-]+)", portal_url).group(1)
    customer = OdooClient(url, hotel["db"])  # not logged in: the customer's browser
    page = customer.http.get(url + portal_url, timeout=60)
    assert page.status_code == 200 and "Lakeside" in page.text
    signed = customer.rpc(
        f"/my/orders/{order_id}/accept",
        {"access_token": token, "name": "Grace Ho", "signature": SIGNATURE},
    )
    assert "error" not in signed, signed
    [order] = seller.call(
        "sale.order", "read", [order_id], ["state", "banquet_status", "signed_by", "amount_total"]
    )
    # signed, yet still an option: the hotel waits for the first deposit
    assert (order["state"], order["banquet_status"], order["signed_by"]) == (
        "sale",
        "tentative",
        "Grace Ho",
    )
    total = order["amount_total"]

    # -- Finance invoices the deposit (Odoo's down payment wizard) and books its payment -
    finance = login(hotel["finance_login"], hotel["finance_login"])
    deposit = finance.call(
        "banquet.deposit.line",
        "create",
        {
            "order_id": order_id,
            "name": "Deposit at signature",
            "percent": 30.0,
            "due_date": now.strftime("%Y-%m-%d"),
        },
    )
    finance.call("banquet.deposit.line", "action_create_invoice", [deposit])
    [dep] = finance.call("banquet.deposit.line", "read", [deposit], ["invoice_id", "amount"])
    deposit_invoice = dep["invoice_id"][0]
    [inv] = finance.call(
        "account.move", "read", [deposit_invoice], ["state", "amount_total", "invoice_line_ids"]
    )
    if inv["state"] == "draft":
        finance.call("account.move", "action_post", [deposit_invoice])
    assert inv["amount_total"] == pytest.approx(round(total * 0.3, 2), abs=0.005)
    lines = finance.call("account.move.line", "read", inv["invoice_line_ids"], ["sale_line_ids"])
    down_payment_lines = finance.call(
        "sale.order.line",
        "search_read",
        [("id", "in", [i for line in lines for i in line["sale_line_ids"]])],
        fields=["is_downpayment"],
    )
    assert down_payment_lines and all(line["is_downpayment"] for line in down_payment_lines)
    deposits_due = finance.call(
        "banquet.deposit.line", "search", [("state", "=", "not_paid"), ("id", "=", deposit)]
    )
    assert deposits_due == [deposit], "Finance's list of deposits due shows it"
    context = {"active_model": "account.move", "active_ids": [deposit_invoice]}
    pay = finance.call("account.payment.register", "create", {}, context=context)
    finance.call("account.payment.register", "action_create_payments", [pay], context=context)
    [dep] = finance.call("banquet.deposit.line", "read", [deposit], ["state"])
    assert dep["state"] in ("paid", "in_payment")

    # -- paid: the event is definite and the room held ------------------------------------
    [order] = seller.call("sale.order", "read", [order_id], ["banquet_status"])
    assert order["banquet_status"] == "definite"
    [function] = seller.call("banquet.room.booking", "read", [function["id"]], ["hold"])
    assert function["hold"] == "held"

    # -- the Event Order: created, confirmed by the customer in the portal, distributed --
    eo_id = seller.call("sale.order", "action_banquet_create_event_order", [order_id])["res_id"]
    seller.call("banquet.event.order", "action_send_to_customer", [eo_id])
    eo_url = seller.call("banquet.event.order", "get_portal_url", [eo_id])
    eo_token = re.search(r"access_token=([\w-]+)", eo_url).group(1)
    page, csrf = _portal_csrf(customer.http, url + eo_url)
    assert "Lakeside Biotech training day" in page.text
    confirmed = customer.http.post(
        f"{url}/my/event_orders/{eo_id}/confirm",
        data={"access_token": eo_token, "name": "Grace Ho", "csrf_token": csrf},
        timeout=60,
    )
    assert confirmed.status_code == 200 and "message=confirmed" in confirmed.url, confirmed.url
    [eo] = seller.call("banquet.event.order", "read", [eo_id], ["state", "customer_confirmed_by"])
    assert (eo["state"], eo["customer_confirmed_by"]) == ("confirmed", "Grace Ho")
    seller.call("banquet.event.order", "action_distribute", [eo_id])
    [eo] = seller.call("banquet.event.order", "read", [eo_id], ["state", "version_count"])
    assert (eo["state"], eo["version_count"]) == ("distributed", 1)

    # -- the kitchen reads its part (no price) and acknowledges it ------------------------
    cook = login(hotel["cook_login"], hotel["cook_login"])
    [section] = cook.call(
        "banquet.event.order.section",
        "search_read",
        [("event_order_id", "=", eo_id), ("department_id", "=", hotel["kitchen"])],
        fields=["acknowledgement_state"],
    )
    kitchen_lines = cook.call(
        "banquet.event.order.line",
        "search_read",
        [("event_order_id", "=", eo_id), ("department_id", "=", hotel["kitchen"])],
        fields=["description", "quantity"],
    )
    assert [line["quantity"] for line in kitchen_lines] == [GUARANTEED]
    assert str(MENU_PRICE) not in str(kitchen_lines)
    cook.call("banquet.event.order.section", "action_acknowledge", [section["id"]])
    [section] = cook.call(
        "banquet.event.order.section",
        "read",
        [section["id"]],
        ["acknowledgement_state", "acknowledged_by"],
    )
    assert section["acknowledgement_state"] == "done"
    assert section["acknowledged_by"][0] == hotel["cook"]

    # -- after the start: the actual attendance, then the event is actualised -------------
    functions = seller.call(
        "banquet.event.order.function", "search", [("event_order_id", "=", eo_id)]
    )
    seller.call("banquet.event.order.function", "write", functions, {"actual_pax": ACTUAL})
    menu_lines = seller.call(
        "banquet.event.order.line",
        "search",
        [("event_order_id", "=", eo_id), ("department_id", "=", hotel["kitchen"])],
    )
    seller.call("banquet.event.order.line", "write", menu_lines, {"actual_quantity": ACTUAL})
    seller.call("banquet.event.order", "action_enter_actuals", [eo_id])
    seller.call("sale.order", "action_banquet_actualise", [order_id])
    [order] = seller.call("sale.order", "read", [order_id], ["banquet_status", "actual_pax"])
    assert (order["banquet_status"], order["actual_pax"]) == ("actualised", ACTUAL)

    # -- Finance bills the rest: the final invoice follows the actuals, minus the deposit
    lines = finance.call(
        "sale.order.line",
        "search_read",
        [("order_id", "=", order_id), ("is_downpayment", "=", False)],
        fields=["product_id", "qty_delivered", "price_total"],
    )
    menu_line = next(line for line in lines if line["product_id"][0] == hotel["menu"])
    assert menu_line["qty_delivered"] == ACTUAL
    rental_total = sum(
        line["price_total"] for line in lines if line["product_id"][0] != hotel["menu"]
    )
    context = {"active_model": "sale.order", "active_ids": [order_id]}
    final_wizard = finance.call(
        "sale.advance.payment.inv",
        "create",
        {"advance_payment_method": "delivered"},
        context=context,
    )
    finance.call("sale.advance.payment.inv", "create_invoices", [final_wizard], context=context)
    [final] = finance.call(
        "account.move",
        "search_read",
        [("banquet_order_id", "=", order_id), ("id", "!=", deposit_invoice)],
        fields=["state", "amount_total", "amount_residual", "banquet_bill_kind"],
    )
    finance.call("account.move", "action_post", [final["id"]])
    [final] = finance.call(
        "account.move", "read", [final["id"]], ["state", "amount_total", "amount_residual"]
    )
    expected = rental_total + MENU_PRICE * ACTUAL - inv["amount_total"]
    assert final["state"] == "posted"
    assert round(final["amount_total"] - expected, 2) == 0, (final, expected)
    assert round(final["amount_residual"] - expected, 2) == 0
    [order] = finance.call("sale.order", "read", [order_id], ["invoice_status"])
    assert order["invoice_status"] == "invoiced"

    # -- the customer pays the rest: the event is closed ----------------------------------
    context = {"active_model": "account.move", "active_ids": [final["id"]]}
    pay = finance.call("account.payment.register", "create", {}, context=context)
    [wizard] = finance.call("account.payment.register", "read", [pay], ["amount"])
    assert round(wizard["amount"] - expected, 2) == 0
    finance.call("account.payment.register", "action_create_payments", [pay], context=context)
    [final] = finance.call("account.move", "read", [final["id"]], ["payment_state"])
    assert final["payment_state"] in ("paid", "in_payment")
    seller.call("sale.order", "action_banquet_close", [order_id])
    [order] = seller.call("sale.order", "read", [order_id], ["banquet_status"])
    assert order["banquet_status"] == "closed"
