from odoo.tests import freeze_time, tagged

from .common import EventOrderCommon


@tagged("post_install", "-at_install")
class TestEventOrderPackages(EventOrderCommon):
    """Packages reach the Event Order with their components; their delivered quantity is
    the larger of actual and guaranteed attendance; the minimum-spend shortfall is money,
    not work for a department."""

    def test_package_delivered_at_the_larger_of_actual_and_guaranteed_pax(self):
        ballroom = self.order.booking_ids.filtered(lambda b: b.room_id == self.ballroom)
        ballroom.guaranteed_pax = 170
        package = self.env["product.product"].create(
            {
                "name": "Wedding Package",
                "type": "service",
                "list_price": 988.0,
                "banquet_is_package": True,
                "banquet_component_ids": [
                    (0, 0, {"product_id": self.projector.id, "quantity": 1, "basis": "package"})
                ],
            }
        )
        Line = self.env["sale.order.line"]
        line = Line.create(
            {"order_id": self.order.id, "product_id": package.id, "banquet_booking_id": ballroom.id}
        )
        self.assertEqual(line.product_uom_qty, 180, "expected attendance before the cut-off")
        shortfall = Line.create(
            {
                "order_id": self.order.id,
                "product_id": self.env.ref(
                    "hotel_banquet_contract.product_minimum_spend_shortfall"
                ).id,
                "banquet_booking_id": ballroom.id,
                "price_unit": 5000.0,
            }
        )
        eo = self._distributed_event_order()
        self.assertNotIn(shortfall, eo.line_ids.sale_line_id)
        package_lines = eo.line_ids.filtered(lambda eo_line: eo_line.sale_line_id == line)
        self.assertTrue(package_lines)
        self.assertIn("1 × Projector (per package)", package_lines[0].description)
        with freeze_time("2027-05-01 15:00:00"):
            for function in eo.function_ids:
                function.actual_pax = function.pax - 10 if function.pax > 100 else function.pax
            eo.action_enter_actuals()
        self.assertEqual(ballroom.actual_pax, 160)
        self.assertEqual(line.qty_delivered, 170, "the guarantee is billed")
        ballroom.actual_pax = 176
        self.assertEqual(line.qty_delivered, 176)
