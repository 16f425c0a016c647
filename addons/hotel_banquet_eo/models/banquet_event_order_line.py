from odoo import fields, models
from odoo.exceptions import AccessError

STAFF_WRITABLE_LINE_FIELDS = {"notes"}


class BanquetEventOrderLine(models.Model):
    """What one department does for one function: item, quantity, time, notes.

    Deliberately without any price: department staff read these lines.
    """

    _name = "banquet.event.order.line"
    _description = "Event Order Department Line"
    _order = "event_order_id, department_id, sequence, service_time, id"
    _check_company_auto = True

    event_order_id = fields.Many2one(
        "banquet.event.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="event_order_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    function_id = fields.Many2one(
        "banquet.event.order.function",
        ondelete="cascade",
        domain="[('event_order_id', '=', event_order_id)]",
        index=True,
    )
    department_id = fields.Many2one(
        "banquet.department", required=True, check_company=True, index=True
    )
    description = fields.Text(required=True)
    quantity = fields.Float(digits="Product Unit of Measure")
    uom_name = fields.Char(string="Unit")
    service_time = fields.Datetime(string="Time")
    notes = fields.Text()
    actual_quantity = fields.Float(
        digits="Product Unit of Measure",
        help="Consumed on the day; becomes the order line's delivered quantity.",
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Order Line",
        ondelete="set null",
        groups="hotel_banquet_crm.group_banquet_user",
    )

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group("hotel_banquet_crm.group_banquet_user"):
            forbidden = set(vals) - STAFF_WRITABLE_LINE_FIELDS
            if forbidden:
                raise AccessError(
                    self.env._(
                        "Department staff write only the notes of their department's lines, "
                        "not %s.",
                        ", ".join(sorted(forbidden)),
                    )
                )
        return super().write(vals)
