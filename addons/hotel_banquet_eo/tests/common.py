from odoo.tests import TransactionCase, new_test_user


class EventOrderCommon(TransactionCase):
    """A hotel in Shanghai with one confirmed two-function wedding banquet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": "Harbour View Hotel", "banquet_tz": "Asia/Shanghai"}
        )
        cls.env = cls.env(
            context=dict(
                cls.env.context, tracking_disable=True, allowed_company_ids=cls.company.ids
            )
        )
        cls.env.user.company_ids |= cls.company
        common = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.coordinator = new_test_user(
            cls.env, login="eo_coordinator", groups="hotel_banquet_crm.group_banquet_user", **common
        )
        cls.manager = new_test_user(
            cls.env, login="eo_manager", groups="hotel_banquet_crm.group_banquet_manager", **common
        )
        cls.chef = new_test_user(
            cls.env, login="eo_chef", groups="hotel_banquet_crm.group_banquet_department", **common
        )
        cls.engineer = new_test_user(
            cls.env,
            login="eo_engineer",
            groups="hotel_banquet_crm.group_banquet_department",
            **common,
        )
        Department = cls.env["banquet.department"]
        departments = Department.search([("company_id", "=", cls.company.id)])
        cls.kitchen = departments.filtered(lambda d: d.code == "KIT")
        cls.service = departments.filtered(lambda d: d.code == "FB")
        cls.av = departments.filtered(lambda d: d.code == "AV")
        cls.kitchen.user_ids = cls.chef
        cls.av.user_ids = cls.engineer
        cls.av_category = cls.env["product.category"].create({"name": "Banquet AV"})
        cls.av.product_categ_ids = cls.av_category
        cls.style = cls.env["banquet.setup.style"].search([], limit=1)
        Room = cls.env["banquet.room"]
        cls.ballroom = Room.create({"name": "宴会厅", "code": "GBR", "capacity_max": 400})
        cls.boardroom = Room.create({"name": "Boardroom", "code": "BOARD", "capacity_max": 20})
        Product = cls.env["product.product"]
        cls.menu = Product.create({"name": "Wedding menu", "type": "service", "list_price": 888.0})
        cls.projector = Product.create(
            {
                "name": "Projector",
                "type": "service",
                "list_price": 500.0,
                "categ_id": cls.av_category.id,
            }
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Li Na", "phone": "+86 21 5555 0101", "company_id": False}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.partner.id,
                "company_id": cls.company.id,
                "is_banquet": True,
                "user_id": cls.coordinator.id,
                "event_name": "李娜与王强婚宴",
                "event_date_start": "2027-05-01 09:00:00",
                "event_date_end": "2027-05-01 14:00:00",
                "expected_pax": 200,
                "guaranteed_pax": 180,
                "booking_ids": [
                    (
                        0,
                        0,
                        {
                            "room_id": cls.boardroom.id,
                            "date_start": "2027-05-01 09:00:00",
                            "date_end": "2027-05-01 10:00:00",
                            "expected_pax": 12,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "room_id": cls.ballroom.id,
                            "date_start": "2027-05-01 10:00:00",
                            "date_end": "2027-05-01 14:00:00",
                            "setup_style_id": cls.style.id,
                            "expected_pax": 180,
                        },
                    ),
                ],
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": cls.menu.id,
                            "name": "婚宴套餐：龙虾、东星斑、长寿面",
                            "product_uom_qty": 18,
                        },
                    ),
                    (0, 0, {"product_id": cls.projector.id, "product_uom_qty": 2}),
                    (0, 0, {"display_type": "line_note", "name": "Two guests allergic to nuts"}),
                ],
            }
        )
        cls.order.action_confirm()

    def _create_event_order(self):
        action = self.order.with_user(self.coordinator).action_banquet_create_event_order()
        return self.env["banquet.event.order"].browse(action["res_id"])

    def _distributed_event_order(self):
        eo = self._create_event_order()
        eo.override_reason = "Customer confirmed by phone"
        eo.with_user(self.manager).action_override_confirmation()
        eo.with_user(self.coordinator).action_distribute()
        return eo

    def _section(self, eo, department):
        return eo.section_ids.filtered(lambda s: s.department_id == department)
