from odoo.tests import TransactionCase, new_test_user


class BanquetCrmCommon(TransactionCase):
    """A small hotel group: two hotels, a sales team with a coordinator and a chef."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotel = cls.env.company
        cls.other_hotel = cls.env["res.company"].create({"name": "Lakeside Resort"})
        cls.coordinator = new_test_user(
            cls.env,
            login="coordinator",
            groups="hotel_banquet_crm.group_banquet_user",
            company_ids=[(6, 0, cls.hotel.ids)],
        )
        cls.colleague = new_test_user(
            cls.env,
            login="colleague",
            groups="hotel_banquet_crm.group_banquet_user",
            company_ids=[(6, 0, cls.hotel.ids)],
        )
        cls.outsider = new_test_user(
            cls.env,
            login="outsider",
            groups="hotel_banquet_crm.group_banquet_user",
            company_ids=[(6, 0, cls.hotel.ids)],
        )
        cls.chef = new_test_user(
            cls.env,
            login="chef",
            groups="hotel_banquet_crm.group_banquet_department",
            company_ids=[(6, 0, cls.hotel.ids)],
        )
        cls.manager = new_test_user(
            cls.env,
            login="banquet_manager",
            groups="hotel_banquet_crm.group_banquet_manager",
            company_ids=[(6, 0, cls.hotel.ids)],
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Banquet Sales",
                "is_banquet": True,
                "sequence": 1,
                "company_id": cls.hotel.id,
                "member_ids": [(6, 0, (cls.coordinator | cls.colleague).ids)],
            }
        )
        cls.wedding = cls.env.ref("hotel_banquet_crm.banquet_event_type_wedding")


def generate_api_key(channel, name="Test key", duration="365"):
    """Make a key for ``channel`` through the manager's wizard; return it in clear."""
    wizard = (
        channel.env["banquet.intake.key.wizard"]
        .with_context(**channel.action_generate_key()["context"])
        .create({"name": name, "duration": duration})
    )
    return wizard.action_make_key()["context"]["default_key"]
