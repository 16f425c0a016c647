import base64
import io
from datetime import datetime, timedelta

from PIL import Image
from PyPDF2 import PdfReader

from odoo import Command


def pdf_text(data):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def signature_png():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


class ContractWorld:
    """A hotel in Shanghai with a wedding contract template (clauses in English and
    Chinese), a ballroom, a salesperson, Department Staff and a customer."""

    @classmethod
    def _setup_contract_world(cls):
        env = cls.env
        group = env.ref
        cls.company = env["res.company"].create(
            {"name": "Bund Garden Hotel", "banquet_tz": "Asia/Shanghai", "city": "Shanghai"}
        )
        env.user.company_ids |= cls.company
        cls.env = env = env(context=dict(env.context, allowed_company_ids=cls.company.ids))
        cls.event_type = env["banquet.event.type"].create(
            {"name": "Test Wedding", "code": "TWED", "company_id": cls.company.id}
        )
        cls.template = env["sale.order.template"].create(
            {
                "name": "Bund Garden wedding contract",
                "company_id": cls.company.id,
                "banquet_event_type_id": cls.event_type.id,
                "require_signature": True,
                "banquet_guarantee_cutoff_days": 5,
                "banquet_deposit_template_line_ids": [
                    Command.create({"name": "At signature", "percent": 30.0, "due_days": 7})
                ],
                "banquet_clause_ids": [
                    Command.create(
                        {
                            "sequence": 1,
                            "kind": "deposit",
                            "title_en": "Deposit",
                            "title_zh": "定金条款",
                            "body_en": "{customer} pays for {event} on {event_date} in {rooms}: "
                            "{deposit_schedule}. Total {amount_total}.",
                            "body_zh": "{customer}为{event}于{event_date}在{rooms}"
                            "支付：{deposit_schedule}。",
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 2,
                            "kind": "guarantee",
                            "title_en": "Guarantee",
                            "title_zh": "保证人数条款",
                            "body_en": "Final number of {pax} guests by {guarantee_cutoff}.",
                            "body_zh": "最终人数{pax}人须于{guarantee_cutoff}前确认。",
                        }
                    ),
                ],
            }
        )
        cls.room = env["banquet.room"].create(
            {"name": "Crystal Ballroom", "code": "CRY", "capacity_max": 300}
        )
        cls.product = env["product.product"].create(
            {"name": "Wedding Banquet Menu", "type": "service", "list_price": 2888.0}
        )
        cls.customer = env["res.partner"].create(
            {"name": "Li Na Weddings", "email": "lina@example.com"}
        )
        cls.other_customer = env["res.partner"].create(
            {"name": "Wang Trading", "email": "wang@example.com"}
        )
        cls.salesperson = env["res.users"].create(
            {
                "name": "Sam Sales",
                "login": "sam.contract",
                "password": "sam.contract",
                "email": "sam@example.com",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [Command.set([group("hotel_banquet_crm.group_banquet_user").id])],
            }
        )
        cls.department = env["res.users"].create(
            {
                "name": "Kitchen Staff",
                "login": "kitchen.contract",
                "password": "kitchen.contract",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [
                    Command.set([group("hotel_banquet_crm.group_banquet_department").id])
                ],
            }
        )

    @classmethod
    def _contract_order(cls, partner=None, start=datetime(2030, 6, 14, 17, 0), **vals):
        """A banquet quotation on the wedding template: one function in the ballroom
        (UTC ``start``, 4 hours) and 10 tables of the menu."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "company_id": cls.company.id,
                "is_banquet": True,
                "event_name": "Li-Wang Wedding",
                "event_type_id": cls.event_type.id,
                "user_id": cls.salesperson.id,
                "booking_ids": [
                    Command.create(
                        {
                            "room_id": cls.room.id,
                            "date_start": start,
                            "date_end": start + timedelta(hours=4),
                            "expected_pax": 120,
                        }
                    )
                ],
                "order_line": [
                    Command.create(
                        {"product_id": cls.product.id, "product_uom_qty": 10, "price_unit": 2888.0}
                    )
                ],
                **vals,
            }
        )
        return order
