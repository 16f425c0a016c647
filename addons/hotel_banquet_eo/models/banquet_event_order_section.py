from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# What Department Staff may write themselves: their own notes, nothing else.
STAFF_WRITABLE_SECTION_FIELDS = {"department_notes"}


class BanquetEventOrderSection(models.Model):
    """One department's part of an Event Order, acknowledged by that department."""

    _name = "banquet.event.order.section"
    _inherit = ["banquet.decision.mixin"]
    _description = "Event Order Department Section"
    # The version each department must acknowledge (set by the distribution) and its
    # acknowledgement (computed from the department's acknowledgements): never written.
    _banquet_decision_fields = (
        "required_version_id",
        "acknowledgement_state",
        "acknowledged_by",
        "acknowledged_on",
    )
    _order = "sequence, id"
    _check_company_auto = True

    event_order_id = fields.Many2one(
        "banquet.event.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="event_order_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    department_id = fields.Many2one("banquet.department", required=True, check_company=True)
    responsible_id = fields.Many2one("res.users")
    instructions = fields.Text(help="What this department does for the event, in free text.")
    department_notes = fields.Text(
        help="The department's own notes (questions, remarks); written by the department."
    )
    line_ids = fields.One2many(
        "banquet.event.order.line", compute="_compute_line_ids", string="Lines"
    )
    event_name = fields.Char(related="event_order_id.event_name")
    event_date_start = fields.Datetime(related="event_order_id.event_date_start")
    event_state = fields.Selection(related="event_order_id.state", string="Event Order Status")
    required_version_id = fields.Many2one(
        "banquet.event.order.version",
        readonly=True,
        help="Latest version that concerns this department: the one to acknowledge.",
    )
    acknowledgement_ids = fields.One2many(
        "banquet.event.order.acknowledgement", "section_id", string="Acknowledgements"
    )
    acknowledgement_state = fields.Selection(
        [
            ("none", "Nothing to acknowledge"),
            ("pending", "To acknowledge"),
            ("done", "Acknowledged"),
        ],
        compute="_compute_acknowledgement",
        store=True,
    )
    acknowledged_by = fields.Many2one("res.users", compute="_compute_acknowledgement", store=True)
    acknowledged_on = fields.Datetime(compute="_compute_acknowledgement", store=True)

    _sql_constraints = [
        (
            "department_uniq",
            "unique(event_order_id, department_id)",
            "A department appears only once on an Event Order.",
        ),
    ]

    @api.depends("event_order_id.name", "department_id.name")
    def _compute_display_name(self):
        for section in self:
            section.display_name = " · ".join(
                filter(None, [section.event_order_id.name, section.department_id.name])
            )

    def _compute_line_ids(self):
        for section in self:
            section.line_ids = section.event_order_id.line_ids.filtered(
                lambda line, s=section: line.department_id == s.department_id
            )

    @api.depends("required_version_id", "acknowledgement_ids.version_id")
    def _compute_acknowledgement(self):
        for section in self:
            version = section.required_version_id
            acks = section.acknowledgement_ids.filtered(lambda a, v=version: a.version_id == v)
            ack = acks.sorted("acknowledged_on")[-1:]
            section.acknowledged_by = ack.user_id
            section.acknowledged_on = ack.acknowledged_on
            if not version:
                section.acknowledgement_state = "none"
            else:
                section.acknowledgement_state = "done" if ack else "pending"

    @api.model_create_multi
    def create(self, vals_list):
        self._banquet_refuse_decision_fields(vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._banquet_refuse_decision_fields([vals])
        if not self.env.su and not self.env.user.has_group("hotel_banquet_crm.group_banquet_user"):
            forbidden = set(vals) - STAFF_WRITABLE_SECTION_FIELDS
            if forbidden:
                raise AccessError(
                    self.env._(
                        "Department staff write only their department's notes on an Event "
                        "Order, not %s.",
                        ", ".join(sorted(forbidden)),
                    )
                )
        return super().write(vals)

    def action_acknowledge(self):
        """The department confirms it has read the latest version concerning it."""
        is_user = self.env.user.has_group("hotel_banquet_crm.group_banquet_user")
        vals_list = []
        for section in self:
            if section.event_order_id.state != "distributed" or not section.required_version_id:
                raise UserError(
                    self.env._(
                        "Event Order %s is not distributed yet: nothing to acknowledge.",
                        section.event_order_id.name,
                    )
                )
            department = section.department_id
            if not is_user and self.env.user not in (
                department.user_ids | department.responsible_id
            ):
                raise AccessError(
                    self.env._(
                        "Only members of %(department)s acknowledge its part of %(eo)s.",
                        department=department.name,
                        eo=section.event_order_id.name,
                    )
                )
            if section.acknowledgement_state == "done":
                continue
            vals_list.append(
                {
                    "section_id": section.id,
                    "version_id": section.required_version_id.id,
                    "user_id": self.env.uid,
                    "acknowledged_on": fields.Datetime.now(),
                }
            )
        # sudo: who and when are set here from the session, never by the client; staff have
        # no create right on acknowledgements so that they cannot forge them.
        self.env["banquet.event.order.acknowledgement"].sudo().create(vals_list)
        return True
