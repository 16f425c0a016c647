from odoo import api, fields, models


class BanquetLeadVisit(models.Model):
    """A call, visit or site inspection with the client of an inquiry."""

    _name = "banquet.lead.visit"
    _description = "Banquet Sales Call or Visit"
    _check_company_auto = True
    _order = "date desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one(
        "crm.lead", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
    partner_id = fields.Many2one(
        related="lead_id.partner_id", string="Customer", store=True, index=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    duration = fields.Float(default=1.0, help="Length of the call or visit, in hours.")
    date_end = fields.Datetime(compute="_compute_date_end")
    kind = fields.Selection(
        [
            ("call", "Phone Call"),
            ("visit", "Client Visit"),
            ("site", "Site Inspection"),
            ("meeting", "Meeting"),
        ],
        required=True,
        default="call",
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, default=lambda self: self.env.user
    )
    participant_ids = fields.Many2many(
        "res.partner", string="Participants", help="Client and hotel people who took part."
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost = fields.Monetary(
        currency_field="currency_id", help="Entertainment, travel or samples spent on it."
    )
    note = fields.Text(string="Outcome", help="What was learnt or agreed.")
    next_step = fields.Char(help="What happens next; with a date it becomes a reminder.")
    next_step_date = fields.Date(help="The salesperson gets a to-do on the inquiry for this day.")

    _sql_constraints = [
        ("cost_positive", "CHECK(cost >= 0)", "The cost of a call or visit cannot be negative."),
        ("duration_positive", "CHECK(duration >= 0)", "A call or visit cannot last less than 0."),
    ]

    @api.depends("date", "duration")
    def _compute_date_end(self):
        for visit in self:
            visit.date_end = visit.date and fields.Datetime.add(
                visit.date, minutes=round((visit.duration or 0) * 60)
            )

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        for visit in visits:
            # talking to the client answers the inquiry
            visit.lead_id._banquet_mark_first_response(visit.date)
        visits.filtered("next_step_date")._schedule_next_step()
        return visits

    def write(self, vals):
        result = super().write(vals)
        if vals.get("next_step_date"):
            self._schedule_next_step()
        return result

    def _schedule_next_step(self):
        """A to-do on the inquiry, for the salesperson, on the next step's day."""
        for visit in self:
            visit.lead_id.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=visit.next_step_date,
                summary=visit.next_step or self.env._("Follow up the visit"),
                user_id=visit.user_id.id,
            )
