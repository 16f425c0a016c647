from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression

from .res_partner_rfm import REAL_EVENT_STATUSES


class SaleOrder(models.Model):
    """Post-event satisfaction survey of a banquet event (T+1, hotel time)."""

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    banquet_survey_input_ids = fields.One2many(
        "survey.user_input",
        "banquet_order_id",
        string="Satisfaction Surveys",
        readonly=True,
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_survey_sent = fields.Boolean(
        string="Survey Sent", readonly=True, copy=False, index=True
    )
    banquet_nps_score = fields.Integer(
        string="Satisfaction Score",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="0-10 answer to the survey's NPS question: 9-10 promoters, 0-6 detractors.",
    )
    banquet_nps_scored = fields.Boolean(string="Scored", readonly=True, copy=False)

    @api.model
    def _banquet_survey_domain(self):
        """Events that ended before today in their hotel, in the last 30 days, not surveyed."""
        domains = []
        # sudo: a cron serves every hotel on its own clock, whatever the cron user may see
        for hotel in self.env["res.company"].sudo().search([("banquet_survey_id", "!=", False)]):
            today_start = hotel._banquet_day_start_utc(hotel._banquet_today())
            domains.append(
                [
                    ("company_id", "=", hotel.id),
                    ("event_date_end", "<", today_start),
                    ("event_date_end", ">=", today_start - timedelta(days=30)),
                ]
            )
        if not domains:
            return expression.FALSE_DOMAIN
        return expression.AND(
            [
                [
                    ("is_banquet", "=", True),
                    ("banquet_status", "in", REAL_EVENT_STATUSES),
                    ("banquet_survey_sent", "=", False),
                ],
                expression.OR(domains),
            ]
        )

    @api.model
    def _cron_banquet_send_surveys(self):
        """Send the hotel's satisfaction survey to the customer the day after each event.

        Batched; the answers are created in one insert and each customer gets one e-mail.
        """
        domain = self._banquet_survey_domain()
        orders = self.search(domain, limit=100)
        if orders:
            orders._banquet_send_survey()
        self.env["ir.cron"]._notify_progress(done=len(orders), remaining=self.search_count(domain))

    def _banquet_send_survey(self):
        inputs = self.env["survey.user_input"].create(
            [
                {
                    "survey_id": order.company_id.banquet_survey_id.id,
                    "partner_id": order.partner_id.id,
                    "email": order.partner_id.email,
                    "banquet_order_id": order.id,
                }
                for order in self
            ]
        )
        self.write({"banquet_survey_sent": True})
        template = self.env.ref("hotel_banquet_contract.mail_template_banquet_survey")
        for user_input in inputs.filtered("email"):
            template.send_mail(user_input.id, email_layout_xmlid="mail.mail_notification_light")
        return inputs

    def _banquet_event_manager(self):
        """The event manager of the order when the order knows one, else nobody."""
        self.ensure_one()
        for fname in ("banquet_event_manager_id", "event_manager_id"):
            if fname in self._fields:
                return self[fname]
        return self.env["res.users"]

    def action_banquet_send_survey(self):
        """Send the satisfaction survey now."""
        self._banquet_send_survey()
        return True
