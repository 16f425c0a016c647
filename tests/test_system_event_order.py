"""Event Orders over JSON-RPC, as the web client and the Odoo mobile app reach them:
department staff read their part and acknowledge it, and no amount reaches them."""

import json
import uuid

import pytest
from conftest import RpcError

EO_MODELS = (
    "banquet.event.order",
    "banquet.event.order.function",
    "banquet.event.order.section",
    "banquet.event.order.line",
    "banquet.event.order.version",
    "banquet.event.order.acknowledgement",
)
MENU_PRICE = 8888.0


@pytest.fixture(scope="module")
def distributed_event_order(odoo_server):
    """A confirmed banquet event of Lily Chen's with a distributed Event Order."""
    from conftest import OdooClient

    admin = OdooClient(odoo_server["url"], odoo_server["db"])
    admin.authenticate("admin", "admin")
    lily = OdooClient(odoo_server["url"], odoo_server["db"])
    lily.authenticate("lily.chen", "lily.chen")
    chef_id = admin.call("res.users", "search", [("login", "=", "chef.wang")])[0]
    company_id = admin.call("res.users", "read", [admin.uid], ["company_id"])[0]["company_id"][0]
    kitchen = admin.call(
        "banquet.department", "search", [("code", "=", "KIT"), ("company_id", "=", company_id)]
    )
    admin.call("banquet.department", "write", kitchen, {"user_ids": [(4, chef_id)]})
    room = admin.call(
        "banquet.room",
        "create",
        {"name": "RPC Hall", "code": f"RPC-{uuid.uuid4().hex[:8]}", "capacity_max": 300},
    )
    product = admin.call(
        "product.product",
        "create",
        {"name": "Gala menu", "type": "service", "list_price": MENU_PRICE},
    )
    partner = admin.call("res.partner", "create", {"name": "RPC Pharma"})
    order = admin.call(
        "sale.order",
        "create",
        {
            "partner_id": partner,
            "user_id": lily.uid,
            "is_banquet": True,
            "event_name": "RPC gala dinner",
            "event_date_start": "2031-02-01 10:00:00",
            "event_date_end": "2031-02-01 14:00:00",
            "guaranteed_pax": 120,
            "booking_ids": [
                (
                    0,
                    0,
                    {
                        "room_id": room,
                        "date_start": "2031-02-01 10:00:00",
                        "date_end": "2031-02-01 14:00:00",
                        "expected_pax": 120,
                        "guaranteed_pax": 120,
                    },
                )
            ],
            "order_line": [(0, 0, {"product_id": product, "product_uom_qty": 12})],
        },
    )
    admin.call("sale.order", "action_confirm", [order])
    action = lily.call("sale.order", "action_banquet_create_event_order", [order])
    eo = action["res_id"]
    admin.call("banquet.event.order", "write", [eo], {"override_reason": "Signed on paper"})
    admin.call("banquet.event.order", "action_override_confirmation", [eo])
    lily.call("banquet.event.order", "action_distribute", [eo])
    return {"eo": eo, "order": order, "chef": chef_id, "kitchen": kitchen[0]}


def test_department_staff_get_no_amount_from_any_event_order_model(login, distributed_event_order):
    chef = login("chef.wang", "chef.wang")
    for model in EO_MODELS:
        fields = chef.call(model, "fields_get", attributes=["type"])
        assert not [name for name, f in fields.items() if f["type"] == "monetary"], model
        assert "sale_line_id" not in fields, model
        records = chef.call(model, "search_read", [], fields=list(fields))
        dump = json.dumps(records, default=str)
        assert str(MENU_PRICE) not in dump, model
        assert "8888" not in dump, model
    with pytest.raises(RpcError) as error:
        chef.call("sale.order", "read", [distributed_event_order["order"]], ["amount_total"])
    assert error.value.name == "odoo.exceptions.AccessError"


def test_department_staff_read_their_part_and_acknowledge_it_through_the_button(
    login, distributed_event_order
):
    chef = login("chef.wang", "chef.wang")
    eo = distributed_event_order["eo"]
    [header] = chef.call("banquet.event.order", "read", [eo], ["event_name", "guaranteed_pax"])
    assert (header["event_name"], header["guaranteed_pax"]) == ("RPC gala dinner", 120)
    sections = chef.call(
        "banquet.event.order.section",
        "search_read",
        [("event_order_id", "=", eo)],
        fields=["department_id", "acknowledgement_state"],
    )
    assert [s["department_id"][0] for s in sections] == [distributed_event_order["kitchen"]]
    lines = chef.call(
        "banquet.event.order.line",
        "search_read",
        [("event_order_id", "=", eo)],
        fields=["description", "quantity", "department_id"],
    )
    assert [(line["description"], line["quantity"]) for line in lines] == [("Gala menu", 12.0)]
    section = sections[0]["id"]
    with pytest.raises(RpcError) as error:
        chef.call("banquet.event.order.section", "write", [section], {"acknowledged_by": chef.uid})
    assert error.value.name == "odoo.exceptions.AccessError"
    with pytest.raises(RpcError) as error:
        chef.call("banquet.event.order.section", "write", [section], {"instructions": "nothing"})
    assert error.value.name == "odoo.exceptions.AccessError"
    chef.call("banquet.event.order.section", "write", [section], {"department_notes": "OK"})
    chef.call("banquet.event.order.section", "action_acknowledge", [section])
    [done] = chef.call(
        "banquet.event.order.section",
        "read",
        [section],
        ["acknowledgement_state", "acknowledged_by", "department_notes"],
    )
    assert done["acknowledgement_state"] == "done"
    assert done["acknowledged_by"][0] == chef.uid
    assert done["department_notes"] == "OK"
