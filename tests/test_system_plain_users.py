"""Installing the Banquet addons changes nothing for anyone outside banquet roles (issue 19).

Plain Odoo users (Sales, CRM, Invoicing) do their everyday work over JSON-RPC exactly as the
web client does it: ``get_views`` for the form, ``onchange`` for a new record, ``web_save``
and ``web_read`` with the specification the arch implies, the core wizards and buttons. The
server runs with two HTTP workers, as in production.
"""

import datetime
import uuid
import xml.etree.ElementTree as ET

import pytest
from conftest import OdooClient, RpcError

SUBVIEW_TAGS = {"list", "kanban", "form"}
BANQUET_MODULES = ["hotel_banquet_crm", "hotel_banquet_contract", "hotel_banquet_eo"]


# Helpers ----------------------------------------------------------------------------------


def _tag():
    return uuid.uuid4().hex[:8]


def _ref(admin, xmlid):
    module, name = xmlid.split(".")
    return admin.call("ir.model.data", "check_object_reference", module, name)[1]


def _merge(spec, other):
    for name, entry in other.items():
        target = spec.setdefault(name, {})
        if "fields" in entry:
            _merge(target.setdefault("fields", {}), entry["fields"])


def _field_spec(node, model, models):
    """The ``web_read`` specification of the fields under ``node``, as the web client
    builds it from an arch: a many2one reads its name, an x2many the fields of its
    inline sub-views."""
    fields = models[model]["fields"]
    spec = {}
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag != "field":
            _merge(spec, _field_spec(child, model, models))
            continue
        name = child.get("name")
        # the web client refuses to render an arch naming a field it was not given
        assert name in fields, f'"{model}"."{name}" field is undefined.'
        field = fields[name]
        if field["type"] == "many2one":
            entry = {"fields": {"display_name": {}}}
        elif field["type"] in ("one2many", "many2many"):
            sub = {"display_name": {}}
            for view in child:
                if view.tag in SUBVIEW_TAGS:
                    _merge(sub, _field_spec(view, field["relation"], models))
            entry = {"fields": sub}
        else:
            entry = {}
        _merge(spec, {name: entry})
    return spec


def _views(session, model, context=None):
    """What the web client loads before it shows a list or a form of ``model``."""
    result = session.call(
        model,
        "get_views",
        [[False, "list"], [False, "form"], [False, "search"]],
        {"toolbar": True, "load_filters": True},
        context=context or {},
    )
    specs = {}
    for view_type in ("list", "form"):
        arch = ET.fromstring(result["views"][view_type]["arch"])
        specs[view_type] = _field_spec(arch, model, result["models"])
    return specs


def _open(session, model, res_id, context=None):
    """Open a record in its form as the web client does; returns the values read."""
    spec = _views(session, model, context)["form"]
    [values] = session.call(model, "web_read", [res_id], spec, context=context or {})
    assert values["id"] == res_id
    return values


def _new(session, model, vals, context=None):
    """Create a record through its form: defaults and onchanges, then save."""
    spec = _views(session, model, context)["form"]
    session.call(model, "onchange", [], {}, [], spec, context=context or {})
    [values] = session.call(model, "web_save", [], vals, specification=spec, context=context or {})
    return values


def _amounts(session, order_id):
    [values] = session.call(
        "sale.order",
        "read",
        [order_id],
        ["amount_untaxed", "amount_total", "invoice_status", "invoice_ids"],
    )
    return values


def _is_banquet(admin, order_id):
    return admin.call("sale.order", "read", [order_id], ["is_banquet"])[0]["is_banquet"]


def _copy_id(result):
    return result if isinstance(result, int) else result[0]


def _assert_refused(session, model, res_id, field):
    """``field`` is a banquet amount the user may not read: absent from the fields the
    client can use, and refused when read anyway."""
    assert field not in session.call(model, "fields_get", [], ["type"])
    with pytest.raises(RpcError) as error:
        session.call(model, "read", [res_id], [field])
    assert error.value.name == "odoo.exceptions.AccessError", error.value


def _banquet_group_ids(admin):
    return admin.call(
        "ir.model.data",
        "search_read",
        [("module", "in", BANQUET_MODULES), ("model", "=", "res.groups")],
        ["res_id"],
    )


@pytest.fixture(scope="module")
def server(odoo_server_workers):
    return odoo_server_workers


@pytest.fixture(scope="module")
def admin(server):
    session = OdooClient(server["url"], server["db"])
    session.authenticate("admin", "admin")
    return session


@pytest.fixture
def login(server):
    def _login(user, password=None):
        session = OdooClient(server["url"], server["db"])
        session.authenticate(user, password or user)
        return session

    return _login


@pytest.fixture
def new_user(admin):
    """A plain internal user of the admin's company with the given core groups only."""

    def _new_user(name, group_xmlids):
        login = f"{name.split()[0].lower()}.{_tag()}"
        groups = [_ref(admin, xmlid) for xmlid in group_xmlids]
        admin.call(
            "res.users",
            "create",
            {
                "name": name,
                "login": login,
                "password": login,
                "email": f"{login}@example.com",
                "groups_id": [(6, 0, groups)],
            },
        )
        return login

    return _new_user


@pytest.fixture
def plain_product(admin):
    """A plain service product (no banquet package), invoiced on the ordered quantity."""
    tag = _tag()
    return admin.call(
        "product.product",
        "create",
        {
            "name": f"Meeting room hire {tag}",
            "type": "service",
            "invoice_policy": "order",
            "list_price": 1000.0,
        },
    )


def test_plain_users_hold_no_banquet_group(admin, new_user):
    """The fixtures below test what they claim: their users have no banquet group."""
    banquet = {row["res_id"] for row in _banquet_group_ids(admin)}
    assert banquet, "the banquet addons declare groups"
    for groups in (
        ["sales_team.group_sale_salesman"],
        ["sales_team.group_sale_salesman_all_leads"],
        ["account.group_account_invoice"],
    ):
        login = new_user("Probe User", groups)
        [user] = admin.call("res.users", "search_read", [("login", "=", login)], ["groups_id"])
        assert not banquet & set(user["groups_id"]), groups


# 1. Sales ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "group", ["sales_team.group_sale_salesman", "sales_team.group_sale_salesman_all_leads"]
)
def test_sales_user_quotes_copies_confirms_and_invoices_a_plain_order(
    admin, login, new_user, plain_product, group
):
    sales = login(new_user("Sam Sales", [group]))
    partner = admin.call("res.partner", "create", {"name": f"Plain Customer {_tag()}"})

    # The list of quotations the Sales app opens on, then a new quotation in its form.
    list_spec = _views(sales, "sale.order")["list"]
    sales.call("sale.order", "web_search_read", [], list_spec, limit=80)
    order = _new(
        sales,
        "sale.order",
        {
            "partner_id": partner,
            "order_line": [(0, 0, {"product_id": plain_product, "product_uom_qty": 3})],
        },
    )
    assert order["state"] == "draft"
    assert not _is_banquet(admin, order["id"])
    assert order["user_id"]["id"] == sales.uid
    assert len(order["order_line"]) == 1
    assert _amounts(sales, order["id"])["amount_untaxed"] == pytest.approx(3000.0)

    copy = _copy_id(sales.call("sale.order", "copy", [order["id"]]))
    assert copy != order["id"]
    copied = _open(sales, "sale.order", copy)
    assert copied["state"] == "draft"
    assert _amounts(sales, copy)["amount_untaxed"] == pytest.approx(3000.0)

    sales.call("sale.order", "action_confirm", [order["id"]])
    confirmed = _open(sales, "sale.order", order["id"])
    assert confirmed["state"] == "sale"

    # A 30 % down payment, then the final invoice deducting it, through core's wizard.
    context = {
        "active_model": "sale.order",
        "active_ids": [order["id"]],
        "active_id": order["id"],
    }
    wizard = sales.call(
        "sale.advance.payment.inv",
        "create",
        {"advance_payment_method": "percentage", "amount": 30},
        context=context,
    )
    sales.call("sale.advance.payment.inv", "create_invoices", [wizard], context=context)
    wizard = sales.call(
        "sale.advance.payment.inv",
        "create",
        {"advance_payment_method": "delivered"},
        context=context,
    )
    sales.call("sale.advance.payment.inv", "create_invoices", [wizard], context=context)

    _open(sales, "sale.order", order["id"])
    invoiced = _amounts(sales, order["id"])
    assert invoiced["invoice_status"] == "invoiced"
    invoices = sales.call(
        "account.move",
        "search_read",
        [("id", "in", invoiced["invoice_ids"])],
        ["amount_total", "state", "move_type"],
        order="id",
    )
    assert [invoice["move_type"] for invoice in invoices] == ["out_invoice", "out_invoice"]
    down_payment, final = invoices
    assert down_payment["amount_total"] == pytest.approx(0.3 * invoiced["amount_total"], abs=0.01)
    assert final["amount_total"] == pytest.approx(
        invoiced["amount_total"] - down_payment["amount_total"], abs=0.01
    )


@pytest.mark.parametrize("model", ["product.product", "product.template"])
@pytest.mark.parametrize("who", ["sales", "admin"])
def test_product_fields_load_for_sales_user_and_admin(admin, login, new_user, model, who):
    session = (
        admin
        if who == "admin"
        else login(new_user("Sam Sales", ["sales_team.group_sale_salesman"]))
    )
    fields = session.call(model, "fields_get")
    assert {"name", "list_price", "type"} <= set(fields)
    fields = session.call(model, "fields_get", [], ["string", "type", "groups"])
    assert fields["list_price"]["type"] == "float"


# 2. Invoicing -----------------------------------------------------------------------------


def _post_pay_and_refund(acct, invoice_id):
    """Post the invoice, register its payment, credit it and pay the credit note back, all
    from the invoice form's buttons and wizards. Returns the credit note's id."""
    _open(acct, "account.move", invoice_id)
    acct.call("account.move", "action_post", [invoice_id])
    [invoice] = acct.call("account.move", "read", [invoice_id], ["state", "amount_total"])
    assert invoice["state"] == "posted"
    amount = invoice["amount_total"]
    assert amount > 0

    context = {"active_model": "account.move", "active_ids": [invoice_id]}
    wizard = acct.call("account.payment.register", "create", {}, context=context)
    acct.call("account.payment.register", "action_create_payments", [wizard], context=context)
    [invoice] = acct.call("account.move", "read", [invoice_id], ["payment_state"])
    assert invoice["payment_state"] in ("paid", "in_payment")

    context = {"active_model": "account.move", "active_ids": [invoice_id], "active_id": invoice_id}
    journal = acct.call("account.move", "read", [invoice_id], ["journal_id"])[0]["journal_id"][0]
    wizard = acct.call(
        "account.move.reversal",
        "create",
        {"reason": "Credited in full", "journal_id": journal},
        context=context,
    )
    action = acct.call("account.move.reversal", "refund_moves", [wizard], context=context)
    refund_id = action["res_id"]
    refund = _open(acct, "account.move", refund_id)
    assert refund["move_type"] == "out_refund"
    assert refund["reversed_entry_id"]["id"] == invoice_id
    acct.call("account.move", "action_post", [refund_id])

    context = {"active_model": "account.move", "active_ids": [refund_id]}
    wizard = acct.call("account.payment.register", "create", {}, context=context)
    acct.call("account.payment.register", "action_create_payments", [wizard], context=context)
    [refund] = acct.call(
        "account.move", "read", [refund_id], ["state", "payment_state", "amount_total"]
    )
    assert refund["state"] == "posted"
    assert refund["payment_state"] in ("paid", "in_payment")
    assert refund["amount_total"] == pytest.approx(amount)
    return refund_id


@pytest.fixture
def accountant(login, new_user):
    return login(new_user("Ada Billing", ["account.group_account_invoice"]))


def test_billing_user_posts_pays_and_credits_a_plain_invoice(admin, accountant, plain_product):
    partner = admin.call("res.partner", "create", {"name": f"Plain Invoice Customer {_tag()}"})
    context = {"default_move_type": "out_invoice"}
    invoice = _new(
        accountant,
        "account.move",
        {
            "move_type": "out_invoice",
            "partner_id": partner,
            "invoice_line_ids": [
                (0, 0, {"product_id": plain_product, "quantity": 2, "price_unit": 500.0})
            ],
        },
        context,
    )
    assert invoice["state"] == "draft"
    _post_pay_and_refund(accountant, invoice["id"])


@pytest.fixture
def banquet_deposit_invoice(admin):
    """A new deposit, invoiced by Finance, on a signed demo event of the admin's hotel that
    already has a deposit invoice."""
    company = admin.call("res.users", "read", [admin.uid], ["company_id"])[0]["company_id"][0]
    today = datetime.date.today().isoformat()
    deposits = admin.call(
        "account.move",
        "search_read",
        [("banquet_bill_kind", "=", "deposit"), ("company_id", "=", company)],
        ["banquet_order_id"],
    )
    orders = {move["banquet_order_id"][0] for move in deposits if move["banquet_order_id"]}
    assert orders, "the demo has deposit invoices of the admin's hotel"
    candidates = admin.call(
        "sale.order",
        "search_read",
        [
            ("id", "in", sorted(orders)),
            ("state", "=", "sale"),
            ("banquet_event_date", ">=", today),
        ],
        ["banquet_deposit_line_ids"],
    )
    for order in candidates:
        lines = admin.call(
            "banquet.deposit.line", "read", order["banquet_deposit_line_ids"], ["percent"]
        )
        if sum(line["percent"] for line in lines) <= 98:
            break
    else:
        pytest.fail("no signed demo event with room left in its deposit schedule")
    finance = OdooClient(admin.base_url, admin.db)
    finance.authenticate("fiona.liu", "fiona.liu")
    line = admin.call(
        "banquet.deposit.line",
        "create",
        {
            "order_id": order["id"],
            "name": f"Extra deposit {_tag()}",
            "percent": 1.0,
            "due_date": today,
        },
    )
    finance.call("banquet.deposit.line", "action_create_invoice", [line])
    [line] = admin.call("banquet.deposit.line", "read", [line], ["invoice_id"])
    invoice = line["invoice_id"][0]
    [move] = admin.call("account.move", "read", [invoice], ["state", "banquet_bill_kind"])
    assert move["banquet_bill_kind"] == "deposit"
    assert move["state"] == "draft", "the demo hotel has Finance review and post deposits"
    return {"invoice": invoice, "order": order["id"]}


def test_billing_user_posts_pays_and_credits_a_banquet_deposit_invoice(
    accountant, banquet_deposit_invoice
):
    _post_pay_and_refund(accountant, banquet_deposit_invoice["invoice"])


def test_billing_user_reads_no_banquet_amount(accountant, banquet_deposit_invoice):
    order = banquet_deposit_invoice["order"]
    [values] = accountant.call("sale.order", "read", [order], ["amount_total"])
    assert values["amount_total"] > 0
    _assert_refused(accountant, "sale.order", order, "banquet_amount_outstanding")


# 3. CRM -----------------------------------------------------------------------------------


def test_crm_user_opens_edits_converts_and_wins_a_plain_lead(admin, login, new_user):
    login_name = new_user("Carla Crm", ["sales_team.group_sale_salesman"])
    crm = login(login_name)
    # Like any Odoo salesperson, she sells in the core Sales team.
    admin.call(
        "crm.team.member",
        "create",
        {"crm_team_id": _ref(admin, "sales_team.team_sales_department"), "user_id": crm.uid},
    )
    tag = _tag()
    list_spec = _views(crm, "crm.lead")["list"]
    crm.call("crm.lead", "web_search_read", [], list_spec, limit=80)
    lead = _new(
        crm,
        "crm.lead",
        {
            "type": "lead",
            "name": f"Corporate rate request {tag}",
            "partner_name": f"Plain Lead Company {tag}",
            "contact_name": "Ms. Plain",
            "email_from": f"plain.{tag}@example.com",
        },
        {"default_type": "lead"},
    )
    assert lead["type"] == "lead"
    assert lead["user_id"]["id"] == crm.uid
    lead_id = lead["id"]

    opened = _open(crm, "crm.lead", lead_id)
    assert opened["name"] == f"Corporate rate request {tag}"
    spec = _views(crm, "crm.lead")["form"]
    [edited] = crm.call(
        "crm.lead",
        "web_save",
        [lead_id],
        {"expected_revenue": 12345.0, "phone": "+86 21 5555 0101"},
        specification=spec,
    )
    assert edited["expected_revenue"] == pytest.approx(12345.0)

    context = {"active_model": "crm.lead", "active_id": lead_id, "active_ids": [lead_id]}
    wizard = crm.call(
        "crm.lead2opportunity.partner",
        "create",
        {"name": "convert", "action": "create"},
        context=context,
    )
    crm.call("crm.lead2opportunity.partner", "action_apply", [wizard], context=context)
    converted = _open(crm, "crm.lead", lead_id)
    assert converted["type"] == "opportunity"
    assert converted["partner_id"], "the wizard created the customer"

    crm.call("crm.lead", "action_set_won_rainbowman", [lead_id])
    [won] = crm.call("crm.lead", "read", [lead_id], ["probability", "stage_id", "active"])
    assert won["probability"] == 100
    assert won["active"]
    [stage] = crm.call("crm.stage", "read", [won["stage_id"][0]], ["is_won"])
    assert stage["is_won"]


# 4. The demo's rooms division sales manager ------------------------------------------------


def test_demo_rooms_sales_manager_reads_her_quotations_and_leads_without_banquet(admin, login):
    [grace] = admin.call("res.users", "search_read", [("login", "=", "grace.sun")], ["groups_id"])
    assert _ref(admin, "sales_team.group_sale_salesman") in grace["groups_id"]
    assert _ref(admin, "sales_team.group_sale_salesman_all_leads") not in grace["groups_id"]
    banquet = {row["res_id"] for row in _banquet_group_ids(admin)}
    assert not banquet & set(grace["groups_id"])

    session = login("grace.sun")
    assert session.uid == grace["id"]

    list_spec = _views(session, "sale.order")["list"]
    orders = session.call("sale.order", "web_search_read", [], list_spec, limit=80)["records"]
    assert orders, "her demo quotation"
    assert {order["user_id"]["id"] for order in orders} == {session.uid}
    for order in orders:
        values = _open(session, "sale.order", order["id"])
        assert not _is_banquet(admin, order["id"])
        assert not any(name.startswith("banquet_amount") for name in values)
        _assert_refused(session, "sale.order", order["id"], "banquet_amount_outstanding")

    leads = session.call(
        "crm.lead", "search_read", [("user_id", "=", session.uid)], ["name", "type"]
    )
    assert {lead["type"] for lead in leads} >= {"lead", "opportunity"}
    for lead in leads:
        _open(session, "crm.lead", lead["id"])

    menus = session.load_menus()
    banquet_menus = [
        menu["name"]
        for menu in menus.values()
        if isinstance(menu, dict) and (menu.get("xmlid") or "").startswith("hotel_banquet_")
    ]
    assert not banquet_menus
