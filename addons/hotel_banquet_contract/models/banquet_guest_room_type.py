from odoo import fields, models


class BanquetGuestRoomType(models.Model):
    _name = "banquet.guest.room.type"
    _description = "Guest Room Type"
    _order = "company_id, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code of the room type in the hotel's property system.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Hotel", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    group_rate = fields.Monetary(
        groups="hotel_banquet_crm.group_banquet_user",
        help="Default nightly rate of this room type in a group block.",
    )

    _sql_constraints = [
        (
            "code_company_unique",
            "UNIQUE(company_id, code)",
            "A hotel uses each room type code once.",
        ),
        ("group_rate_positive", "CHECK(group_rate >= 0)", "A room rate cannot be negative."),
    ]
