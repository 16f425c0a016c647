from datetime import datetime

from odoo.tests import TransactionCase


class BanquetContractCommon(TransactionCase):
    """A small hotel: a ballroom made of sections A, B and C, and a boardroom."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A hotel of its own, so that demo rooms and bookings never mix with the fixtures.
        cls.company = cls.env["res.company"].create({"name": "Harbour View Hotel"})
        cls.env = cls.env(
            context=dict(
                cls.env.context, tracking_disable=True, allowed_company_ids=cls.company.ids
            )
        )
        cls.style_banquet = cls.env.ref("hotel_banquet_crm.setup_style_banquet")
        cls.style_theatre = cls.env.ref("hotel_banquet_crm.setup_style_theatre")
        Room = cls.env["banquet.room"]
        cls.section_a, cls.section_b, cls.section_c = Room.create(
            [
                {
                    "name": "Ballroom %s" % code,
                    "code": "BR-%s" % code,
                    "capacity_max": 200,
                    "setup_minutes": 60,
                    "teardown_minutes": 30,
                    "capacity_ids": [
                        (0, 0, {"setup_style_id": cls.style_banquet.id, "capacity": 100}),
                        (0, 0, {"setup_style_id": cls.style_theatre.id, "capacity": 200}),
                    ],
                }
                for code in "ABC"
            ]
        )
        cls.ballroom = Room.create(
            {
                "name": "Grand Ballroom",
                "code": "BR",
                "capacity_max": 600,
                "setup_minutes": 120,
                "teardown_minutes": 60,
                "component_ids": [(6, 0, (cls.section_a | cls.section_b | cls.section_c).ids)],
                "capacity_ids": [
                    (0, 0, {"setup_style_id": cls.style_banquet.id, "capacity": 300}),
                    (0, 0, {"setup_style_id": cls.style_theatre.id, "capacity": 600}),
                ],
            }
        )
        cls.boardroom = Room.create(
            {
                "name": "Boardroom",
                "code": "BOARD",
                "capacity_max": 12,
                "setup_minutes": 0,
                "teardown_minutes": 0,
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Acme Events"})
        cls.salesperson = cls.env["res.users"].create(
            {
                "name": "Sally Sales",
                "login": "sally.banquet",
                "email": "sally@example.com",
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
                "groups_id": [(6, 0, [cls.env.ref("hotel_banquet_crm.group_banquet_user").id])],
            }
        )

    @classmethod
    def _book(cls, room, start, end, status="inquiry", hold="first_option", pax=50, **vals):
        """A banquet order with one function on ``room``, its event moved to ``status``
        and the function given ``hold``."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "is_banquet": True,
                "event_name": vals.pop("event_name", "Event %s" % room.code),
                "user_id": vals.pop("user_id", cls.salesperson.id),
                "booking_ids": [
                    (
                        0,
                        0,
                        {
                            "room_id": room.id,
                            "date_start": start,
                            "date_end": end,
                            "expected_pax": pax,
                            "setup_style_id": (vals.pop("style", None) or cls.style_banquet).id,
                            "hold": hold
                            if hold in ("first_option", "second_option")
                            else "first_option",
                        },
                    )
                ],
                **vals,
            }
        )
        if hold == "waitlist":
            order.booking_ids.action_waitlist()
        if status != "inquiry":
            order.write({"banquet_status": status})
        return order

    @staticmethod
    def dt(day, hour, minute=0):
        return datetime(2030, 6, day, hour, minute)
