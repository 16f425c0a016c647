from odoo.tests import tagged

from .common import BanquetCrmCommon


@tagged("post_install", "-at_install")
class TestBanquetDuplicates(BanquetCrmCommon):
    def test_same_phone_or_email_written_differently_is_a_likely_duplicate(self):
        Lead = self.env["crm.lead"]
        first, same_phone, same_email, other = Lead.create(
            [
                {
                    "name": "Acme annual meeting",
                    "is_banquet": True,
                    "user_id": self.coordinator.id,
                    "phone": "+86 (21) 5555-0101",
                    "email_from": "Li.Wei@Acme.example",
                },
                {
                    "name": "Acme dinner",
                    "is_banquet": True,
                    "user_id": self.colleague.id,
                    "phone": "+86 21 5555 0101",
                },
                {
                    "name": "Acme training",
                    "is_banquet": True,
                    "user_id": self.colleague.id,
                    "email_from": " li.wei@acme.EXAMPLE ",
                },
                {
                    "name": "Other client",
                    "is_banquet": True,
                    "user_id": self.colleague.id,
                    "phone": "+86 10 1234 5678",
                    "email_from": "someone@else.example",
                },
            ]
        )
        self.assertEqual(first.email_normalized, "li.wei@acme.example")
        self.assertEqual(first.duplicate_lead_ids, first | same_phone | same_email, "core's")
        self.assertEqual(first.duplicate_lead_count, 2)
        self.assertEqual(first.banquet_duplicate_ids, same_phone | same_email)
        self.assertEqual(first.banquet_duplicate_count, 2)
        self.assertEqual(same_phone.banquet_duplicate_ids, first)
        self.assertFalse(other.banquet_duplicate_ids)
        action = first.action_view_banquet_duplicates()
        self.assertEqual(Lead.search(action["domain"]), first | same_phone | same_email)

        # Odoo's own merge wizard merges them
        merge = (
            self.env["crm.merge.opportunity"]
            .with_context(active_model="crm.lead", active_ids=(first | same_phone).ids)
            .create({})
        )
        merged = merge.action_merge()
        self.assertTrue(merged)
        self.assertEqual(len((first | same_phone).exists()), 1)

    def test_same_company_written_differently_is_a_likely_duplicate(self):
        first, second = self.env["crm.lead"].create(
            [
                {
                    "name": "Offsite",
                    "is_banquet": True,
                    "user_id": self.coordinator.id,
                    "partner_name": "ACME Ltd.",
                },
                {
                    "name": "Dinner",
                    "is_banquet": True,
                    "user_id": self.coordinator.id,
                    "partner_name": "acme ltd",
                },
            ]
        )
        self.assertEqual(first.banquet_duplicate_ids, second)
