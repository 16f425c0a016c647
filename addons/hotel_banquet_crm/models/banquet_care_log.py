from odoo import api, fields, models

from .crm_lead import LEAD_GRADES


class BanquetCareLog(models.Model):
    """One care contact planned for a customer by the cadence of its grade.

    Written by the care cron in one insert per run; the contact counts as done when its
    to-do is marked done. The share of contacts done by their due day is the care-cadence
    compliance reported to managers.
    """

    _name = "banquet.care.log"
    _description = "Banquet Customer Care Contact"
    _order = "date_due desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", string="Key-Account Owner", required=True, index=True)
    company_id = fields.Many2one("res.company", string="Hotel", required=True, index=True)
    grade = fields.Selection(LEAD_GRADES, required=True)
    date_due = fields.Date(string="Due On", required=True)
    date_done = fields.Date(string="Done On", readonly=True)
    activity_id = fields.Many2one("mail.activity", ondelete="set null", readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("on_time", "Done on Time"), ("late", "Done Late")],
        compute="_compute_state",
        store=True,
    )
    on_time_percent = fields.Float(
        string="On Time (%)",
        compute="_compute_state",
        store=True,
        aggregator="avg",
        help="100 when the contact was done by its due day, else 0: its average is the "
        "care-cadence compliance.",
    )

    @api.depends("date_due", "date_done")
    def _compute_state(self):
        for log in self:
            if not log.date_done:
                log.state = "open"
            else:
                log.state = "on_time" if log.date_done <= log.date_due else "late"
            log.on_time_percent = 100.0 if log.state == "on_time" else 0.0
