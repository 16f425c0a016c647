from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from .money_common import BanquetMoneyCommon


class BanquetApprovalCommon(BanquetMoneyCommon):
    """The money hotel with a manager; its default thresholds: salesperson 10 % a line /
    5 % the order, team leader (Finance) 20 % / 10 %, manager 35 % / 20 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.env["res.users"].create(
            {
                "name": "Max Manager",
                "login": "max.banquet.manager",
                "email": "max@example.com",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [
                    Command.set([cls.env.ref("hotel_banquet_crm.group_banquet_manager").id])
                ],
            }
        )

    def _discounted(self, package_discount=0.0, rental_discount=0.0, **vals):
        order = self._order(template=False, require_signature=True, **vals)
        package, rental = order.order_line
        package.discount = package_discount
        rental.discount = rental_discount
        return order

    def _ask(self, order, reason="Repeat customer, three weddings a year"):
        wizard = (
            self.env["banquet.approval.wizard"]
            .with_user(order.user_id)
            .create({"order_id": order.id, "mode": "request", "reason": reason})
        )
        wizard.action_confirm()
        return order.banquet_approval_request_id

    def _decide(self, order, user, mode, reason):
        order = order.with_user(user)
        action = getattr(order, "action_banquet_%s_discount" % mode)()
        wizard = (
            self.env["banquet.approval.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        return wizard.action_confirm()


@tagged("post_install", "-at_install")
class TestDiscountApproval(BanquetApprovalCommon):
    def test_every_hotel_gets_default_thresholds(self):
        hotel = self.env["res.company"].create({"name": "Lakeside Hotel"})
        thresholds = self.env["banquet.discount.threshold"].search([("company_id", "=", hotel.id)])
        self.assertEqual(
            sorted(thresholds.mapped("level")), ["manager", "salesperson", "team_leader"]
        )

    def test_a_pricelist_with_the_discount_built_in_still_needs_approval(self):
        # The salesperson switches the quotation to a pricelist 30 % below the hotel's:
        # measured against the hotel's public pricelist, the discount waits for approval.
        public = self.env["product.pricelist"].create(
            {"name": "Hotel public rates", "company_id": self.company.id, "sequence": 1}
        )
        friends = self.env["product.pricelist"].create(
            {
                "name": "Friends and family",
                "company_id": self.company.id,
                "sequence": 99,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 30,
                        }
                    )
                ],
            }
        )
        order = self._discounted(pricelist_id=public.id)
        self.assertEqual(order.banquet_approval_state, "not_needed")
        order.with_user(self.salesperson).write({"pricelist_id": friends.id})
        order.with_user(self.salesperson).action_update_prices()
        self.assertEqual(order.banquet_line_discount, 30.0)
        self.assertEqual(order.banquet_approval_state, "to_approve")
        with self.assertRaisesRegex(UserError, "Ask for approval"):
            order.with_user(self.salesperson).action_confirm()
        # Nor can the salesperson make it the customer's agreement: a manager records that.
        with self.assertRaisesRegex(AccessError, "Banquet Manager"):
            self.customer.with_user(self.salesperson).write(
                {"banquet_agreement_pricelist_id": friends.id}
            )
        with self.assertRaisesRegex(AccessError, "Banquet Manager"):
            self.env["res.partner"].with_user(self.salesperson).create(
                {
                    "name": "Friends Ltd",
                    "is_company": True,
                    "banquet_agreement_pricelist_id": friends.id,
                }
            )
        # The customer's agreement pricelist is the reference when it has one.
        self.customer.with_user(self.manager).banquet_agreement_pricelist_id = friends
        order.order_line.write({"discount": 0.0})  # the lines are measured again
        self.assertEqual(order.banquet_line_discount, 0.0)
        self.assertEqual(order.banquet_approval_state, "not_needed")

    def test_discount_within_salesperson_limits_needs_no_approval(self):
        order = self._discounted(package_discount=5.0)
        self.assertEqual(order.banquet_line_discount, 5.0)
        self.assertAlmostEqual(order.banquet_order_discount, 3.82, places=2)
        self.assertEqual(order.banquet_approval_state, "not_needed")
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_line_discount_above_limit_blocks_send_sign_and_confirm(self):
        order = self._discounted(rental_discount=15.0)
        self.assertEqual(order.banquet_discount_level, "team_leader")
        self.assertEqual(order.banquet_approval_state, "to_approve")
        as_sales = order.with_user(self.salesperson)
        with self.assertRaisesRegex(UserError, "Ask for approval"):
            as_sales.action_quotation_send()
        with self.assertRaisesRegex(UserError, "Ask for approval"):
            as_sales.action_quotation_sent()
        with self.assertRaisesRegex(UserError, "Ask for approval"):
            as_sales.action_confirm()
        # The request's transaction is rolled back with the refusal.
        with self.assertRaisesRegex(UserError, "Ask for approval"), self.cr.savepoint():
            as_sales.action_banquet_definite()
        order.invalidate_recordset()
        self.assertFalse(order._has_to_be_signed())
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.banquet_status, "inquiry")

    def test_the_mail_composer_does_not_send_an_unapproved_quotation(self):
        order = self._discounted(rental_discount=15.0)
        template = self.env.ref("sale.email_template_edi_sale")
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.salesperson)
            .with_context(default_model="sale.order", default_res_ids=order.ids)
            .create({"template_id": template.id})
        )
        with self.assertRaisesRegex(UserError, "Ask for approval"):
            composer.action_send_mail()
        with self.assertRaisesRegex(UserError, "Ask for approval"):
            order.with_user(self.salesperson).with_context(mark_so_as_sent=True).message_post(
                body="Your quotation"
            )
        self.assertEqual(order.state, "draft")

    def test_a_lowered_unit_price_counts_as_a_discount(self):
        order = self._discounted()
        order.order_line[0].price_unit = 300.0
        self.assertAlmostEqual(order.order_line[0].banquet_discount_percent, 22.68, places=2)
        self.assertEqual(order.banquet_discount_level, "manager")
        self.assertEqual(order.banquet_approval_state, "to_approve")

    def test_an_order_discount_from_the_discount_wizard_counts(self):
        order = self._discounted()
        self.env["sale.order.discount"].create(
            {"sale_order_id": order.id, "discount_type": "so_discount", "discount_percentage": 0.08}
        ).action_apply_discount()
        self.assertEqual(order.banquet_line_discount, 0.0)
        self.assertAlmostEqual(order.banquet_order_discount, 8.0, places=2)
        self.assertEqual(order.banquet_discount_level, "team_leader")
        self.assertEqual(order.banquet_approval_state, "to_approve")

    def test_team_leader_approves_with_reason_and_the_order_confirms(self):
        order = self._discounted(rental_discount=15.0)
        request = self._ask(order)
        self.assertEqual(request.required_level, "team_leader")
        self.assertEqual(request.requested_by_id, self.salesperson)
        activities = order.activity_ids.filtered(
            lambda a: a.activity_type_id.name == "Discount Approval"
        )
        self.assertEqual(activities.user_id, self.finance, "one to-do for the team leader")
        self.assertEqual(order.banquet_approval_state, "to_approve")
        self._decide(order, self.finance, "approve", "Fills a slow Tuesday")
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approver_id, self.finance)
        self.assertEqual(request.decision_reason, "Fills a slow Tuesday")
        self.assertTrue(request.decision_date)
        self.assertEqual(order.banquet_approval_state, "approved")
        self.assertFalse(
            order.activity_ids.filtered(
                lambda a: a.activity_type_id == activities[0].activity_type_id
            )
        )
        self.assertTrue(order._has_to_be_signed())
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_the_approver_decides_from_the_request_itself(self):
        order = self._discounted(rental_discount=15.0)
        request = self._ask(order)
        # the salesperson who asked sees no decision to take, and cannot open one
        self.assertFalse(request.with_user(self.salesperson).can_decide)
        with self.assertRaises(UserError):
            request.with_user(self.salesperson).action_open_reject()
        action = request.with_user(self.finance).action_open_approve()
        self.assertEqual(action["res_model"], "banquet.approval.wizard")
        wizard = (
            self.env["banquet.approval.wizard"]
            .with_user(self.finance)
            .with_context(**action["context"])
            .create({"reason": "Fills a slow Tuesday"})
        )
        self.assertEqual((wizard.request_id, wizard.mode), (request, "approve"))
        wizard.action_confirm()
        self.assertEqual((request.state, request.approver_id), ("approved", self.finance))
        self.assertEqual(order.banquet_approval_state, "approved")
        # decided: nothing more to decide
        with self.assertRaises(UserError):
            request.with_user(self.finance).action_open_approve()

    def test_banquet_sales_roles_give_discounts_without_the_global_setting(self):
        discount = self.env.ref("sale.group_discount_per_so_line")
        self.assertNotIn(discount, self.env.ref("base.group_user").implied_ids)
        self.assertIn(discount, self.salesperson.groups_id)
        plain = new_test_user(
            self.env,
            login="plain.discount.sales",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        self.assertNotIn(discount, plain.groups_id)
        self.assertFalse(self.env["res.config.settings"].create({}).group_discount_per_so_line)
        # the global switch Odoo reads from the superuser's groups stays off: pricelist
        # discounts still show as lowered prices, for everyone
        self.assertFalse(self.env["product.pricelist.item"]._is_discount_feature_enabled())

    def test_nothing_is_sent_while_the_discount_waits(self):
        arch = self.env["sale.order"].get_views(
            [(self.env.ref("hotel_banquet_contract.sale_order_view_form").id, "form")]
        )["views"]["form"]["arch"]
        for button in ("send_by_email_primary", "send_by_email"):
            [node] = etree.fromstring(arch).xpath(f"//button[@id='{button}']")
            waiting = "banquet_approval_state in ('to_approve', 'rejected')"
            self.assertIn(waiting, node.get("invisible"))

    def test_a_raised_discount_after_approval_needs_a_new_approval(self):
        order = self._discounted(rental_discount=15.0)
        self._ask(order)
        self._decide(order, self.finance, "approve", "Fills a slow Tuesday")
        order.order_line[1].discount = 12.0
        self.assertEqual(
            order.banquet_approval_state, "approved", "a lower discount stays approved"
        )
        order.order_line[1].discount = 18.0
        self.assertEqual(order.banquet_approval_state, "to_approve")
        with self.assertRaisesRegex(UserError, "Ask for approval"):
            order.action_confirm()

    def test_manager_rejects_with_reason_and_the_order_stays_blocked(self):
        order = self._discounted(package_discount=30.0)
        request = self._ask(order)
        self.assertEqual(request.required_level, "manager")
        activities = order.activity_ids.filtered(
            lambda a: a.activity_type_id.name == "Discount Approval"
        )
        self.assertEqual(activities.user_id, self.manager)
        with self.assertRaisesRegex(AccessError, "needs the approval of a Manager"):
            self._decide(order, self.finance, "approve", "Fine by me")
        with self.assertRaisesRegex(UserError, "reason"):
            request.with_user(self.manager).action_reject("  ")
        self._decide(order, self.manager, "reject", "Below our floor rate in high season")
        self.assertEqual(request.state, "rejected")
        self.assertEqual(order.banquet_approval_state, "rejected")
        with self.assertRaisesRegex(UserError, "was rejected"):
            order.action_confirm()
        order.order_line[0].discount = 5.0
        self.assertEqual(order.banquet_approval_state, "not_needed")

    def test_salesperson_cannot_approve_nor_set_the_approval(self):
        order = self._discounted(rental_discount=15.0)
        request = self._ask(order)
        with self.assertRaises(AccessError):
            request.with_user(self.salesperson).action_approve("I deserve it")
        with self.assertRaises(AccessError):
            order.with_user(self.salesperson).write({"banquet_approval_state": "approved"})
        with self.assertRaises(AccessError):
            request.with_user(self.salesperson).write({"state": "approved"})
        self.assertEqual(request.state, "pending")
        self.assertEqual(order.banquet_approval_state, "to_approve")

    def test_an_approver_cannot_approve_a_discount_on_their_own_quotation(self):
        order = self._discounted(rental_discount=25.0, user_id=self.finance.id)
        self.assertEqual(order.banquet_discount_level, "manager")
        request = self._ask(order)
        self.assertEqual(request.requested_by_id, self.finance)
        with self.assertRaisesRegex(AccessError, "cannot approve their own"):
            request.with_user(self.finance).action_approve("Mine")
        # Nor by writing the decision: decision fields are the actions' only.
        with self.assertRaisesRegex(AccessError, "record a decision"):
            request.with_user(self.finance).write(
                {
                    "state": "approved",
                    "approver_id": self.finance.id,
                    "decision_reason": "Mine",
                    "decision_date": "2030-01-01 00:00:00",
                }
            )
        self._decide(order, self.manager, "approve", "Strategic account")
        self.assertEqual(order.banquet_approval_state, "approved")

    def test_a_changed_discount_cannot_be_approved_on_the_old_request(self):
        order = self._discounted(rental_discount=15.0)
        self._ask(order)
        order.order_line[1].discount = 18.0
        with self.assertRaisesRegex(UserError, "changed since approval was asked"):
            self._decide(order, self.finance, "approve", "Ok")

    def test_department_staff_read_no_approval_request(self):
        request = self._ask(self._discounted(rental_discount=15.0))
        with self.assertRaises(AccessError):
            request.with_user(self.department).read(["amount_untaxed"])

    def test_requests_stay_in_their_hotel(self):
        order = self._discounted(rental_discount=15.0)
        request = self._ask(order)
        other = self.env["res.company"].create({"name": "Lakeside Hotel"})
        outsider = new_test_user(
            self.env,
            login="lake.manager",
            groups="hotel_banquet_crm.group_banquet_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        env = self.env(user=outsider, context=dict(self.env.context, allowed_company_ids=other.ids))
        self.assertFalse(env["banquet.approval.request"].search([("id", "=", request.id)]))
        self.assertFalse(
            env["banquet.discount.threshold"].search([("company_id", "=", self.company.id)])
        )
        self.assertTrue(env["banquet.discount.threshold"].search([("company_id", "=", other.id)]))
        with self.assertRaises(AccessError):
            request.with_env(env).action_approve("Not my hotel")


@tagged("post_install", "-at_install")
class TestDiscountApprovalRpc(HttpCase, BanquetApprovalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.salesperson, cls.manager):
            user.password = user.login

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @mute_logger("odoo.http")
    def test_salesperson_cannot_approve_over_json_rpc(self):
        order = self._discounted(rental_discount=15.0)
        request = self._ask(order)
        self.authenticate(self.salesperson.login, self.salesperson.login)
        with self.assertRaises(JsonRpcException) as caught:
            self._call("sale.order", "write", [order.ids, {"banquet_approval_state": "approved"}])
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        with self.assertRaises(JsonRpcException):
            self._call("banquet.approval.request", "action_approve", [request.ids, "Please"])
        with self.assertRaises(JsonRpcException):
            self._call(
                "banquet.approval.request",
                "write",
                [request.ids, {"state": "approved", "decision_reason": "Please"}],
            )
        with self.assertRaises(JsonRpcException):
            self._call("sale.order", "action_confirm", [order.ids])
        request.invalidate_recordset()
        order.invalidate_recordset()
        self.assertEqual(request.state, "pending")
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.banquet_approval_state, "to_approve")
        # The manager approves over the same route.
        self.authenticate(self.manager.login, self.manager.login)
        self._call("banquet.approval.request", "action_approve", [request.ids, "Key account"])
        request.invalidate_recordset()
        order.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        self.assertEqual(order.banquet_approval_state, "approved")

    def test_portal_customer_cannot_sign_an_unapproved_quotation(self):
        order = self._discounted(rental_discount=15.0)
        order._portal_ensure_token()
        result = self.make_jsonrpc_request(
            "/my/orders/%s/accept" % order.id,
            {"access_token": order.access_token, "name": "Mr Chen", "signature": "R0lGOD"},
        )
        self.assertIn("reviewed by the hotel", result.get("error", ""))
        order.invalidate_recordset()
        self.assertFalse(order.signature)
        self.assertEqual(order.state, "draft")
        # A wrong token is refused before anything is said about the approval.
        result = self.make_jsonrpc_request(
            "/my/orders/%s/accept" % order.id,
            {"access_token": "wrong", "name": "Mr Chen", "signature": "R0lGOD"},
        )
        self.assertEqual(result.get("error"), "Invalid order.")
