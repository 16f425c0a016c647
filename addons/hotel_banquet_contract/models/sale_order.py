from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    is_banquet = fields.Boolean(
        string="Banquet Booking",
        default=lambda self: self.env.context.get("default_is_banquet", False),
    )
    event_name = fields.Char(tracking=True)
    event_type_id = fields.Many2one("banquet.event.type", tracking=True, check_company=True)
    event_date_start = fields.Datetime(string="Event Start", tracking=True)
    event_date_end = fields.Datetime(string="Event End", tracking=True)
    expected_pax = fields.Integer(string="Expected Attendance", tracking=True)
    guaranteed_pax = fields.Integer(string="Guaranteed Attendance", tracking=True)
    actual_pax = fields.Integer(string="Actual Attendance", tracking=True)

    _sql_constraints = [
        (
            "banquet_pax_positive",
            "CHECK(expected_pax >= 0 AND guaranteed_pax >= 0 AND actual_pax >= 0)",
            "Attendance figures cannot be negative.",
        ),
        (
            "banquet_event_dates_ordered",
            (
                "CHECK(event_date_end IS NULL OR event_date_start IS NULL"
                " OR event_date_end >= event_date_start)"
            ),
            "The event cannot end before it starts.",
        ),
    ]
