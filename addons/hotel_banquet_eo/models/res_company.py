from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    banquet_eo_freeze_days = fields.Integer(
        string="EO Freeze Window (days)",
        default=3,
        help="Inside this many days before the event (hotel time), a non-critical change "
        "to a distributed Event Order waits for a manager's approval.",
    )
    banquet_eo_milestone_days = fields.Char(
        string="EO Milestones (days)",
        default="-90,-60,-30,-7,-1,0,1",
        help="Days relative to the event day (negative: before) on which the event manager "
        "gets a milestone to-do, separated by commas.",
    )
    banquet_eo_response_minutes = fields.Integer(
        string="Change Response (minutes)",
        default=15,
        help="Time the event manager has to answer a change request.",
    )
    banquet_eo_major_close_hours = fields.Float(
        string="Major Change Closing (hours)",
        default=2.0,
        help="Time within which a major change request must be closed.",
    )

    _sql_constraints = [
        (
            "banquet_eo_freeze_days_positive",
            "CHECK(banquet_eo_freeze_days >= 0)",
            "The Event Order freeze window cannot be negative.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["banquet.department"].sudo()._banquet_seed_company(companies)  # sudo: the
        # user creating a hotel may not manage banquet departments; the defaults are the
        # module's own records.
        return companies

    def _banquet_eo_milestone_offsets(self):
        """The configured milestone offsets in days, sorted, ignoring what is not a number."""
        self.ensure_one()
        offsets = set()
        for part in (self.banquet_eo_milestone_days or "").split(","):
            part = part.strip()
            if part.lstrip("+-").isdigit():
                offsets.add(int(part))
        return sorted(offsets)
