"""Banquet money over JSON-RPC: who may see and set what, as the web client does it."""

import uuid

import pytest
from conftest import OdooClient, RpcError


@pytest.fixture(scope="module")
def money(odoo_server):
    """A signed order of Lily Chen's with a posted deposit invoice, and a Finance clerk."""

    admin = OdooClient(odoo_server["url"], odoo_server["db"])
    admin.authenticate("admin", "admin")
    login = f"finance.{uuid.uuid4().hex[:8]}"
    finance_group = admin.call(
        "ir.model.data", "check_object_reference", "hotel_banquet_crm", "group_banquet_finance"
    )[1]
    admin.call(
        "res.users",
        "create",
        {
            "name": "Fiona Finance",
            "login": login,
            "password": login,
            "email": f"{login}@example.com",
            "groups_id": [(6, 0, [finance_group])],
        },
    )
    lily = admin.call("res.users", "search", [("login", "=", "lily.chen")])[0]
    partner = admin.call("res.partner", "create", {"name": "RPC Wedding Party"})
    product = admin.call(
        "product.product",
        "create",
        {
            "name": "RPC Dinner Package",
            "type": "service",
            "invoice_policy": "order",
            "list_price": 333.33,
        },
    )
    order = admin.call(
        "sale.order",
        "create",
        {
            "partner_id": partner,
            "is_banquet": True,
            "event_name": "RPC Wedding",
            "event_date_start": "2031-06-20 04:00:00",
            "event_date_end": "2031-06-20 08:00:00",
            "user_id": lily,
            "order_line": [(0, 0, {"product_id": product, "product_uom_qty": 7})],
        },
    )
    admin.call("sale.order", "action_confirm", [order])
    deposit = admin.call(
        "banquet.deposit.line",
        "create",
        {"order_id": order, "name": "At signature", "percent": 30.0, "due_date": "2031-01-10"},
    )
    admin.call("banquet.deposit.line", "action_create_invoice", [deposit])
    invoice = admin.call("banquet.deposit.line", "read", [deposit], ["invoice_id"])[0][
        "invoice_id"
    ][0]
    admin.call("account.move", "action_post", [invoice])
    line = admin.call("sale.order", "read", [order], ["order_line"])[0]["order_line"][0]
    return {"order": order, "deposit": deposit, "invoice": invoice, "line": line, "finance": login}


def test_salesperson_sees_the_deposit_state_but_cannot_set_it(login, money):
    session = login("lily.chen", "lily.chen")
    [deposit] = session.call(
        "banquet.deposit.line", "read", [money["deposit"]], ["state", "amount"]
    )
    assert deposit["state"] == "not_paid"
    with pytest.raises(RpcError) as error:
        session.call(
            "banquet.deposit.line", "write", [money["deposit"]], {"due_date": "2031-01-11"}
        )
    assert error.value.name == "odoo.exceptions.AccessError"
    with pytest.raises(RpcError) as error:
        session.call(
            "account.payment.register",
            "create",
            {},
            context={"active_model": "account.move", "active_ids": [money["invoice"]]},
        )
    assert error.value.name == "odoo.exceptions.AccessError"


def test_finance_registers_the_payment_and_the_salesperson_sees_it_paid(login, money):
    finance = login(money["finance"], money["finance"])
    context = {"active_model": "account.move", "active_ids": [money["invoice"]]}
    wizard = finance.call("account.payment.register", "create", {}, context=context)
    finance.call("account.payment.register", "action_create_payments", [wizard], context=context)
    session = login("lily.chen", "lily.chen")
    [deposit] = session.call("banquet.deposit.line", "read", [money["deposit"]], ["state"])
    assert deposit["state"] in ("paid", "in_payment")
    [order] = session.call(
        "sale.order", "read", [money["order"]], ["amount_total", "banquet_amount_outstanding"]
    )
    assert order["banquet_amount_outstanding"] < order["amount_total"]


def test_finance_cannot_change_a_signed_price(login, money):
    finance = login(money["finance"], money["finance"])
    with pytest.raises(RpcError) as error:
        finance.call("sale.order.line", "write", [money["line"]], {"price_unit": 1.0})
    assert error.value.name == "odoo.exceptions.UserError"


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        ("account.move", ["amount_total"]),
        ("account.move.line", ["price_unit", "balance"]),
        ("sale.order", ["amount_total"]),
        ("sale.order.line", ["price_unit"]),
        ("banquet.deposit.line", ["amount"]),
    ],
)
def test_department_staff_read_no_amount(login, money, model, fields):
    session = login("chef.wang", "chef.wang")
    with pytest.raises(RpcError) as error:
        session.call(model, "search_read", [], fields=fields, limit=1)
    assert error.value.name == "odoo.exceptions.AccessError"
