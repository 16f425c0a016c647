from odoo import _, api, fields, models
from odoo.exceptions import UserError


class BanquetEventOrder(models.Model):
    """The Event Order (BEO) every department executes on the day."""

    _name = "banquet.event.order"
    _description = "Event Order"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "event_date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default=lambda self: _("New")
    )
    # No check_company: the EO's hotel is the booking's (company_id is related to it), so
    # they cannot differ, and on a new EO the company check would search bookings of no hotel.
    order_id = fields.Many2one(
        "sale.order",
        string="Booking",
        required=True,
        index=True,
        domain="[('is_banquet', '=', True), ('state', '!=', 'cancel')]",
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="order_id.company_id", string="Hotel", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer")
    event_name = fields.Char(related="order_id.event_name")
    event_date_start = fields.Datetime(related="order_id.event_date_start", store=True)
    event_date_end = fields.Datetime(related="order_id.event_date_end", store=True)
    guaranteed_pax = fields.Integer(related="order_id.guaranteed_pax")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("distributed", "Distributed"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    section_ids = fields.One2many(
        "banquet.event.order.section", "event_order_id", string="Departments"
    )
    acknowledged_ratio = fields.Float(compute="_compute_acknowledged_ratio", string="Acknowledged")

    @api.depends("section_ids.acknowledged_on")
    def _compute_acknowledged_ratio(self):
        for eo in self:
            sections = eo.section_ids
            done = sections.filtered("acknowledged_on")
            eo.acknowledged_ratio = 100.0 * len(done) / len(sections) if sections else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("banquet.event.order") or _(
                    "New"
                )
        return super().create(vals_list)

    def action_distribute(self):
        """Send the EO to every department: from now on it is part of the record."""
        for eo in self:
            if eo.state != "draft":
                raise UserError(_("Only a draft Event Order can be distributed (%s).", eo.name))
            if not eo.section_ids:
                raise UserError(
                    _(
                        "Add at least one department to Event Order %s before distributing it.",
                        eo.name,
                    )
                )
        self.state = "distributed"

    def action_cancel(self):
        self.state = "cancel"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_distributed(self):
        if any(eo.state != "draft" for eo in self):
            raise UserError(_("A distributed Event Order is never deleted: cancel it instead."))


class BanquetEventOrderSection(models.Model):
    """One department's part of an Event Order, acknowledged by that department."""

    _name = "banquet.event.order.section"
    _description = "Event Order Department Section"
    _order = "sequence, id"
    _check_company_auto = True

    event_order_id = fields.Many2one(
        "banquet.event.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="event_order_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    department_id = fields.Many2one("banquet.department", required=True, check_company=True)
    instructions = fields.Html()
    acknowledged_by = fields.Many2one("res.users", readonly=True)
    acknowledged_on = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "department_uniq",
            "unique(event_order_id, department_id)",
            "A department appears only once on an Event Order.",
        ),
    ]

    def action_acknowledge(self):
        """The department confirms it has read and will execute its part."""
        for section in self:
            if section.event_order_id.state != "distributed":
                raise UserError(
                    _(
                        "Event Order %s is not distributed yet: nothing to acknowledge.",
                        section.event_order_id.name,
                    )
                )
        self.write({"acknowledged_by": self.env.uid, "acknowledged_on": fields.Datetime.now()})
