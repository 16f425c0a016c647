from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "banquet_demo")
class TestDemoEventOrders(TransactionCase):
    """The demo events carry the Event Orders their status implies.

    Tagged ``banquet_demo``: ``make test`` runs it on the database with demo data only.
    """

    def setUp(self):
        super().setUp()
        self.eos = self.env["banquet.event.order"].search(
            [("order_id.is_banquet", "=", True), ("order_id.opportunity_id", "!=", False)]
        )
        self.assertTrue(
            self.env.ref(
                "hotel_banquet_contract.sale_order_sino_auto_launch_demo",
                raise_if_not_found=False,
            ),
            "these tests need the demo data (make test runs them on the 'all' database)",
        )

    def test_event_orders_at_every_step(self):
        self.assertEqual(
            set(self.eos.mapped("state")), {"draft", "sent", "confirmed", "distributed", "done"}
        )

    def test_a_changed_event_order_has_two_versions_acknowledged_by_the_kitchen(self):
        eo = self.env.ref("hotel_banquet_contract.sale_order_sino_auto_launch_demo")
        eo = eo.banquet_event_order_ids
        self.assertEqual(eo.version_count, 2)
        self.assertEqual(eo.current_version_id.number, 2)
        kitchen = eo.section_ids.filtered(
            lambda s: s.department_id == self.env.ref("hotel_banquet_eo.banquet_department_kitchen")
        )
        self.assertEqual(kitchen.acknowledgement_state, "done")
        self.assertEqual(
            kitchen.acknowledged_by, self.env.ref("hotel_banquet_crm.user_banquet_chef_demo")
        )
        pdfs = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "banquet.event.order.version"),
                ("res_id", "=", eo.current_version_id.id),
                ("mimetype", "=", "application/pdf"),
            ]
        )
        self.assertTrue(pdfs, "each distributed version keeps its PDFs")

    def test_past_events_have_their_actual_attendance(self):
        done = self.eos.filtered(lambda eo: eo.state == "done")
        self.assertGreaterEqual(len(done), 4)
        for eo in done:
            self.assertTrue(eo.order_id.actual_pax, eo.name)
            self.assertIn(eo.order_id.banquet_status, ("actualised", "closed"), eo.name)
