from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..models.sale_order import ALLOWED_TRANSITIONS
from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestBanquetLifecycle(BanquetContractCommon):
    """One allowed-transition map for the event status and the function hold; every
    path (button, RPC write, confirmation, cancellation) goes through it."""

    def _order_in(self, status, slot=0):
        start = datetime(2031, 1, 1, 8) + timedelta(hours=4 * slot)
        order = self._book(self.boardroom, start, start + timedelta(hours=2), pax=6)
        path = {
            "inquiry": [],
            "tentative": ["tentative"],
            "definite": ["definite"],
            "actualised": ["definite", "actualised"],
            "closed": ["definite", "actualised", "closed"],
            "cancelled": ["cancelled"],
            "lost": ["lost"],
        }[status]
        for step in path:
            order._banquet_set_status(step)
        self.assertEqual(order.banquet_status, status)
        return order

    def test_every_forbidden_event_transition_is_refused_by_write(self):
        statuses = list(ALLOWED_TRANSITIONS["banquet_status"])
        slot = 10
        for current in statuses:
            for new in statuses:
                if new == current or new in ALLOWED_TRANSITIONS["banquet_status"][current]:
                    continue
                with self.subTest(current=current, new=new):
                    slot += 1
                    order = self._order_in(current, slot)
                    state = order.state
                    with self.assertRaisesRegex(UserError, order.name):
                        order.write({"banquet_status": new})
                    self.assertEqual(order.banquet_status, current)
                    self.assertEqual(order.state, state)

    def test_refusal_names_the_order_and_both_statuses(self):
        order = self._order_in("inquiry")
        with self.assertRaises(UserError) as error:
            order.write({"banquet_status": "actualised"})
        message = str(error.exception)
        self.assertIn(order.name, message)
        self.assertIn("Inquiry", message)
        self.assertIn("Actualised", message)

    def test_lost_or_released_never_cancels_a_definite_event(self):
        order = self._order_in("definite")
        with self.assertRaises(UserError):
            order.action_banquet_lost()
        with self.assertRaises(UserError):
            order.write({"banquet_status": "tentative"})
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.booking_ids.option_expiry_date, "no expiry on a contract")

    def test_definite_goes_through_order_confirmation(self):
        order = self._order_in("tentative")
        order.write({"banquet_status": "definite"})
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.booking_ids.hold, "held")
        other = self._order_in("inquiry", 2)
        other.action_confirm()
        self.assertEqual(other.banquet_status, "definite", "core confirmation makes it definite")

    def test_confirming_a_lost_event_is_refused(self):
        order = self._order_in("lost")
        self.assertEqual(order.state, "cancel")
        with self.assertRaises(UserError):
            order.action_confirm()
        order.action_draft()
        self.assertEqual((order.banquet_status, order.state), ("inquiry", "draft"))

    def test_cancelled_after_invoicing_stays_confirmed_and_locked(self):
        self.env["account.chart.template"].try_loading(
            "generic_coa", company=self.company, install_demo=False
        )
        order = self._order_in("definite")
        # A price set as a new contract version would (signed prices are locked otherwise).
        order.order_line.with_context(banquet_contract_revision=True).price_unit = 1000
        invoice = order._create_invoices()
        invoice.action_post()
        order.action_banquet_cancel()
        self.assertEqual(order.banquet_status, "cancelled")
        self.assertEqual(order.state, "sale", "fee lines can still be invoiced")
        self.assertTrue(order.locked)
        self.assertFalse(
            self.env["banquet.room.occupancy"].search(
                [("booking_id", "in", order.booking_ids.ids), ("blocking", "=", True)]
            )
        )
        with self.assertRaisesRegex(UserError, "invoiced"):
            order.action_banquet_reopen()

    def test_core_cancel_button_cancels_the_event(self):
        order = self._order_in("tentative")
        order.action_cancel()
        self.assertEqual((order.banquet_status, order.state), ("cancelled", "cancel"))
        closed = self._order_in("closed", 3)
        with self.assertRaises(UserError):
            closed._action_cancel()

    def test_forbidden_hold_changes_are_refused(self):
        order = self._order_in("tentative")
        function = order.booking_ids
        with self.assertRaisesRegex(UserError, "definite"):
            function.action_hold()
        function.action_release()
        with self.assertRaisesRegex(UserError, "cannot go from Released to Held"):
            function.write({"hold": "held"})
        lost = self._order_in("lost", 4)
        with self.assertRaisesRegex(UserError, "reopen"):
            lost.booking_ids.action_second_option()

    def test_blocking_follows_event_status_and_hold(self):
        order = self._order_in("inquiry")
        function = order.booking_ids
        self.assertFalse(function.blocking, "an inquiry blocks nothing")
        order.action_banquet_tentative()
        self.assertTrue(function.blocking)
        self.assertEqual(function.state, "first_option")
        function.action_second_option()
        self.assertFalse(function.blocking)
        function.action_first_option()
        order.action_banquet_definite()
        self.assertTrue(function.blocking)
        order.action_banquet_actualise()
        self.assertTrue(function.blocking, "an actualised event keeps its rooms")

    def test_salesperson_cannot_change_functions_of_orders_they_cannot_read(self):
        colleague = new_test_user(
            self.env,
            login="colleague.sales",
            groups="hotel_banquet_crm.group_banquet_user",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        order = self._order_in("inquiry")
        function = order.booking_ids.with_user(colleague)
        self.assertTrue(function.read(["room_id"]), "everyone reads the diary")
        with self.assertRaises(AccessError):
            function.write({"expected_pax": 3})
        with self.assertRaises(AccessError):
            function.unlink()
        with self.assertRaises(AccessError):
            self.env["banquet.room.booking"].with_user(colleague).create(
                {
                    "order_id": order.id,
                    "room_id": self.section_a.id,
                    "date_start": self.dt(20, 9),
                    "date_end": self.dt(20, 10),
                }
            )
        order.booking_ids.with_user(self.salesperson).write({"expected_pax": 3})
        self.assertEqual(order.expected_pax, 3)

    def test_department_staff_read_sale_prices_but_never_costs(self):
        chef = new_test_user(
            self.env, login="chef.costs", groups="hotel_banquet_crm.group_banquet_department"
        )
        product = self.env["product.product"].create(
            {"name": "Gala menu", "list_price": 688, "standard_price": 210}
        )
        as_chef = product.with_user(chef)
        self.assertEqual(as_chef.read(["list_price", "lst_price"])[0]["lst_price"], 688)
        for record in (as_chef, as_chef.product_tmpl_id):
            with self.assertRaises(AccessError):
                record.read(["standard_price"])
            self.assertNotIn("standard_price", record.read()[0])
            self.assertNotIn("standard_price", record.fields_get())
        self.assertEqual(
            product.with_user(self.salesperson).read(["standard_price"])[0]["standard_price"], 210
        )
