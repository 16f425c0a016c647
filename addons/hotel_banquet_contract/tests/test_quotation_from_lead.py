from odoo.tests import Form, tagged

from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestQuotationFromLead(BanquetContractCommon):
    def test_quotation_from_a_banquet_inquiry_carries_the_event(self):
        wedding = self.env.ref("hotel_banquet_crm.banquet_event_type_wedding")
        lead = self.env["crm.lead"].create(
            {
                "name": "Zhang-Li wedding",
                "type": "opportunity",
                "is_banquet": True,
                "partner_id": self.customer.id,
                "event_type_id": wedding.id,
                "event_date_start": self.dt(6, 10),
                "event_date_end": self.dt(6, 15),
                "expected_pax": 280,
            }
        )
        action = lead.action_new_quotation()
        order = Form(self.env["sale.order"].with_context(**action["context"])).save()
        self.assertTrue(order.is_banquet)
        self.assertEqual(order.opportunity_id, lead)
        self.assertEqual(order.event_name, "Zhang-Li wedding")
        self.assertEqual(order.event_type_id, wedding)
        self.assertEqual(order.event_date_start, self.dt(6, 10))
        self.assertEqual(order.expected_pax, 280)
        self.assertEqual(order.banquet_status, "inquiry")

    def test_quotation_from_an_ordinary_lead_is_not_a_banquet(self):
        lead = self.env["crm.lead"].create(
            {"name": "Office supplies", "type": "opportunity", "partner_id": self.customer.id}
        )
        action = lead.action_new_quotation()
        self.assertNotIn("default_is_banquet", action["context"])
