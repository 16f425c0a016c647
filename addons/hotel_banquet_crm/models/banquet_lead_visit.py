from odoo import api, fields, models
from odoo.tools.misc import format_datetime


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
    next_step_date = fields.Date(
        help="The salesperson gets a to-do on the inquiry for this day; changing the day "
        "moves that to-do, clearing it removes the to-do."
    )
    next_step_activity_id = fields.Many2one(
        "mail.activity", string="Next Step To-Do", readonly=True, copy=False, ondelete="set null"
    )

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
            # talking to the client answers the inquiry, when the call or visit is
            # recorded: its date is typed by the salesperson and may be any day
            visit.lead_id._banquet_mark_first_response(visit.create_date)
        visits.filtered("next_step_date")._schedule_next_step()
        return visits

    def write(self, vals):
        result = super().write(vals)
        if {"next_step_date", "next_step", "user_id"} & set(vals):
            self._schedule_next_step()
        return result

    def _next_step_note(self):
        """The visit the next step comes from, with its time in the hotel's zone."""
        self.ensure_one()
        hotel = self.company_id or self.env.company
        return self.env._(
            "Agreed during the %(kind)s of %(date)s (%(zone)s).",
            kind=dict(self._fields["kind"]._description_selection(self.env))[self.kind],
            date=format_datetime(self.env, self.date, tz=hotel.banquet_tz, dt_format="short"),
            zone=hotel.banquet_tz,
        )

    def _schedule_next_step(self):
        """One to-do per visit on the inquiry, for the salesperson, on the next step's day.

        A new day, step or salesperson updates the visit's open to-do instead of adding
        another; clearing the day removes it. A to-do already done is history: a new day
        then schedules a new one.
        """
        open_todos = self.next_step_activity_id.filtered("active")
        (open_todos & self.filtered(lambda v: not v.next_step_date).next_step_activity_id).unlink()
        for visit in self.filtered("next_step_date"):
            values = {
                "date_deadline": visit.next_step_date,
                "summary": visit.next_step or self.env._("Follow up the visit"),
                "note": visit._next_step_note(),
                "user_id": visit.user_id.id,
            }
            if visit.next_step_activity_id in open_todos:
                visit.next_step_activity_id.write(values)
            else:
                visit.next_step_activity_id = visit.lead_id.activity_schedule(
                    "mail.mail_activity_data_todo", **values
                )
