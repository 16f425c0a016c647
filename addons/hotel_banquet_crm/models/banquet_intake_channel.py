from odoo import fields, models


class BanquetIntakeChannel(models.Model):
    """A partner system (WeChat mini-program, meeting platform, TMC ...) posting inquiries."""

    _name = "banquet.intake.channel"
    _description = "Banquet Intake Channel"
    _check_company_auto = True
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="Hotel receiving the inquiries of this channel.",
    )
    source_id = fields.Many2one("utm.source", required=True, string="UTM Source")
    medium_id = fields.Many2one("utm.medium", string="UTM Medium")
    team_id = fields.Many2one(
        "crm.team",
        check_company=True,
        help="Sales team receiving the inquiries. Empty: the routing rules decide.",
    )
    first_response_hours = fields.Float(
        help="First-response deadline for inquiries of this channel, in hours. "
        "Zero uses the hotel's setting."
    )
    rate_limit_per_minute = fields.Integer(
        default=60, help="Requests accepted per API key and minute."
    )
    key_ids = fields.One2many("banquet.intake.key", "channel_id", string="API Keys")
    lead_count = fields.Integer(compute="_compute_lead_count")

    _sql_constraints = [
        (
            "rate_limit_positive",
            "CHECK(rate_limit_per_minute > 0)",
            "The rate limit must be positive.",
        ),
    ]

    def _compute_lead_count(self):
        counts = dict(
            self.env["crm.lead"]._read_group(
                [("banquet_intake_channel_id", "in", self.ids)],
                ["banquet_intake_channel_id"],
                ["__count"],
            )
        )
        for channel in self:
            channel.lead_count = counts.get(channel, 0)

    def action_generate_key(self):
        """Ask for the new key's description and lifetime; the key is then shown once."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New API Key"),
            "res_model": "banquet.intake.key.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_channel_id": self.id},
        }

    def action_view_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hotel_banquet_crm.crm_lead_action_banquet"
        )
        action["domain"] = [("banquet_intake_channel_id", "=", self.id)]
        return action
