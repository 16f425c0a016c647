from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_datetime

COMPLAINT_STATES = [
    ("record", "Recorded"),
    ("investigate", "Investigating"),
    ("resolve", "Resolved"),
    ("analyse", "Analysed"),
    ("closed", "Closed"),
]
# each move, from the states it may leave
COMPLAINT_TRANSITIONS = {
    "investigate": ("record",),
    "resolve": ("record", "investigate"),
    "analyse": ("resolve",),
    "closed": ("analyse",),
}


class BanquetComplaint(models.Model):
    """A customer complaint, handled to closure within the hotel's resolution time."""

    _name = "banquet.complaint"
    _description = "Banquet Customer Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True
    _order = "date_recorded desc, id desc"
    _banquet_cron_batch = 100

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default=lambda self: self.env._("New")
    )
    subject = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Hotel",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True, check_company=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True, string="Account"
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Inquiry", check_company=True, help="Inquiry the complaint is about."
    )
    category = fields.Selection(
        [
            ("food", "Food & Beverage"),
            ("service", "Service"),
            ("room", "Function Room"),
            ("av", "Audio-Visual & Engineering"),
            ("billing", "Billing"),
            ("staff", "Staff Behaviour"),
            ("other", "Other"),
        ],
        required=True,
        default="service",
        tracking=True,
    )
    severity = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")],
        required=True,
        default="medium",
        tracking=True,
    )
    state = fields.Selection(
        COMPLAINT_STATES, required=True, default="record", tracking=True, index=True, copy=False
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
    )
    description = fields.Html(help="What the customer said, when and to whom.")
    resolution = fields.Text(tracking=True, help="What was done for the customer.")
    root_cause = fields.Text(tracking=True)
    corrective_action = fields.Text(
        tracking=True, help="What changes so that it does not happen again."
    )
    date_recorded = fields.Datetime(
        string="Recorded On", required=True, readonly=True, default=fields.Datetime.now, copy=False
    )
    date_deadline = fields.Datetime(
        string="Resolve Before",
        readonly=True,
        copy=False,
        help="Recorded time plus the hotel's resolution time (default 24 hours).",
    )
    date_deadline_hotel = fields.Char(
        string="Deadline (hotel time)", compute="_compute_date_deadline_hotel"
    )
    date_resolved = fields.Datetime(readonly=True, copy=False)
    date_closed = fields.Datetime(readonly=True, copy=False)
    overdue = fields.Boolean(readonly=True, copy=False, index=True, tracking=True)
    resolution_hours = fields.Float(
        compute="_compute_resolution_hours",
        store=True,
        aggregator="avg",
        help="Hours from recording to resolution.",
    )
    on_time_percent = fields.Float(
        string="Resolved on Time (%)",
        compute="_compute_resolution_hours",
        store=True,
        aggregator="avg",
    )

    @api.depends("date_deadline", "company_id")
    def _compute_date_deadline_hotel(self):
        for complaint in self:
            complaint.date_deadline_hotel = complaint.date_deadline and format_datetime(
                self.env,
                complaint.date_deadline,
                tz=complaint.company_id.banquet_tz,
                dt_format="short",
            )

    @api.depends("date_resolved", "date_deadline", "date_recorded")
    def _compute_resolution_hours(self):
        for complaint in self:
            resolved = complaint.date_resolved
            complaint.resolution_hours = (
                (resolved - complaint.date_recorded).total_seconds() / 3600 if resolved else 0.0
            )
            complaint.on_time_percent = (
                100.0 if resolved and resolved <= complaint.date_deadline else 0.0
            )

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        sequence = self.env["ir.sequence"]
        for complaint in complaints:
            complaint.name = sequence.next_by_code("banquet.complaint") or complaint.name
            complaint.date_deadline = complaint.date_recorded + timedelta(
                hours=complaint.company_id.banquet_complaint_hours
            )
        return complaints

    # ------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------

    def _banquet_check_move(self, state):
        labels = dict(COMPLAINT_STATES)
        for complaint in self:
            if complaint.state not in COMPLAINT_TRANSITIONS[state]:
                raise UserError(
                    self.env._(
                        "Complaint %(name)s is %(current)s: it cannot be moved to %(target)s.",
                        name=complaint.name,
                        current=labels[complaint.state],
                        target=labels[state],
                    )
                )

    def _banquet_move(self, state, vals=None):
        self._banquet_check_move(state)
        self.write(dict(vals or {}, state=state))
        return True

    def action_investigate(self):
        return self._banquet_move("investigate")

    def action_resolve(self):
        self._banquet_check_move("resolve")
        missing = self.filtered(lambda c: not c.resolution)
        if missing:
            raise UserError(
                self.env._(
                    "Complaint %s: write down what was done for the customer (Resolution) "
                    "before resolving it.",
                    missing[0].name,
                )
            )
        return self._banquet_move("resolve", {"date_resolved": fields.Datetime.now()})

    def action_analyse(self):
        self._banquet_check_move("analyse")
        missing = self.filtered(lambda c: not c.root_cause or not c.corrective_action)
        if missing:
            raise UserError(
                self.env._(
                    "Complaint %s: fill in the root cause and the corrective action before "
                    "closing the analysis.",
                    missing[0].name,
                )
            )
        return self._banquet_move("analyse")

    def action_close(self):
        return self._banquet_move("closed", {"date_closed": fields.Datetime.now()})

    # ------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------

    @api.model
    def _banquet_overdue_domain(self):
        return [
            ("state", "in", ("record", "investigate")),
            ("overdue", "=", False),
            ("date_deadline", "<", fields.Datetime.now()),
        ]

    @api.model
    def _cron_banquet_overdue(self):
        """Flag complaints not resolved in time and give their responsible a to-do.

        Batched: a constant number of queries per run, flagged ones are not searched again.
        """
        domain = self._banquet_overdue_domain()
        complaints = self.search(domain, limit=self._banquet_cron_batch)
        # the to-do says it: no tracking message per complaint
        complaints.with_context(tracking_disable=True).write({"overdue": True})
        self.env["mail.activity"]._banquet_schedule_todos(
            [
                (
                    complaint,
                    complaint.user_id,
                    {
                        "date_deadline": complaint.company_id._banquet_today(),
                        "summary": self.env._("Complaint overdue"),
                        "note": self.env._(
                            "Complaint %(name)s was due for resolution on %(deadline)s.",
                            name=complaint.name,
                            deadline=complaint.date_deadline_hotel,
                        ),
                    },
                )
                for complaint in complaints
                if complaint.user_id
            ]
        )
        self.env["ir.cron"]._notify_progress(
            done=len(complaints), remaining=self.search_count(domain)
        )
