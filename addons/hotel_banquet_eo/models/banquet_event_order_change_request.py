from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class BanquetEventOrderChangeRequest(models.Model):
    """A change asked for an Event Order, handled as a work item with deadlines."""

    _name = "banquet.event.order.change.request"
    _description = "Event Order Change Request"
    _inherit = ["mail.thread"]
    _order = "requested_on desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Change", required=True, tracking=True)
    event_order_id = fields.Many2one(
        "banquet.event.order", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="event_order_id.company_id", store=True, index=True)
    requested_by_id = fields.Many2one(
        "res.partner",
        required=True,
        default=lambda self: self.env.user.partner_id,
    )
    urgency = fields.Selection(
        [("normal", "Normal"), ("major", "Major"), ("critical", "Critical (safety, allergy)")],
        default="normal",
        required=True,
        tracking=True,
    )
    department_id = fields.Many2one(
        "banquet.department", string="Target Department", check_company=True
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Event Manager",
        compute="_compute_manager_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("answered", "Answered"),
            ("done", "Done"),
            ("rejected", "Rejected"),
        ],
        default="new",
        required=True,
        tracking=True,
    )
    answer = fields.Text()
    requested_on = fields.Datetime(
        required=True, default=fields.Datetime.now, readonly=True, index=True
    )
    response_deadline = fields.Datetime(compute="_compute_deadlines", store=True)
    close_deadline = fields.Datetime(compute="_compute_deadlines", store=True)
    answered_on = fields.Datetime(readonly=True)
    closed_on = fields.Datetime(readonly=True)
    response_minutes = fields.Float(
        compute="_compute_metrics", store=True, aggregator="avg", string="Response (min)"
    )
    close_minutes = fields.Float(
        compute="_compute_metrics", store=True, aggregator="avg", string="Closing (min)"
    )
    response_late = fields.Boolean(compute="_compute_metrics", store=True)

    @api.depends("event_order_id")
    def _compute_manager_id(self):
        for request in self:
            order = request.event_order_id
            request.manager_id = order.event_manager_id or order.user_id

    @api.depends("requested_on", "urgency", "company_id")
    def _compute_deadlines(self):
        for request in self:
            start = request.requested_on or fields.Datetime.now()
            company = request.company_id or self.env.company
            request.response_deadline = start + timedelta(
                minutes=company.banquet_eo_response_minutes
            )
            request.close_deadline = (
                start + timedelta(hours=company.banquet_eo_major_close_hours)
                if request.urgency in ("major", "critical")
                else False
            )

    @api.depends("answered_on", "closed_on", "requested_on", "response_deadline")
    def _compute_metrics(self):
        for request in self:
            start = request.requested_on
            request.response_minutes = (
                (request.answered_on - start).total_seconds() / 60
                if start and request.answered_on
                else 0.0
            )
            request.close_minutes = (
                (request.closed_on - start).total_seconds() / 60
                if start and request.closed_on
                else 0.0
            )
            request.response_late = bool(
                request.answered_on
                and request.response_deadline
                and request.answered_on > request.response_deadline
            )

    def _check_request_state(self, allowed):
        for request in self:
            if request.state not in allowed:
                raise UserError(
                    self.env._(
                        "Change request %(name)s is %(state)s: it cannot move this way.",
                        name=request.name,
                        state=dict(self._fields["state"].selection)[request.state],
                    )
                )

    def action_answer(self):
        """The event manager answers the request (the response clock stops)."""
        self._check_request_state(("new",))
        for request in self:
            if not (request.answer or "").strip():
                raise UserError(
                    self.env._("Write the answer to change request %s first.", request.name)
                )
        self.write({"state": "answered", "answered_on": fields.Datetime.now()})
        return True

    def action_done(self):
        """The change is made on the Event Order (the closing clock stops)."""
        self._check_request_state(("new", "answered"))
        now = fields.Datetime.now()
        for request in self:
            request.write(
                {"state": "done", "closed_on": now, "answered_on": request.answered_on or now}
            )
            order = request.event_order_id
            if not order.change_reason:
                order.change_reason = request.name
            if request.urgency == "critical":
                order.change_critical = True
        return True

    def action_reject(self):
        self._check_request_state(("new", "answered"))
        now = fields.Datetime.now()
        for request in self:
            request.write(
                {"state": "rejected", "closed_on": now, "answered_on": request.answered_on or now}
            )
        return True
