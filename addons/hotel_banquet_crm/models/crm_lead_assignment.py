from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models


class CrmLead(models.Model):
    """Salespeople hear of the inquiries routing gave them in one message per run, not in
    one "you have been assigned" mail per inquiry written while the channel waits."""

    _inherit = "crm.lead"

    banquet_assignment_pending = fields.Boolean(
        string="Assignment Not Yet Announced",
        readonly=True,
        copy=False,
        help="Routing chose the salesperson; the next run of the assignment message tells them.",
    )

    def init(self):
        super().init()
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS crm_lead_banquet_assignment_pending_idx"
            " ON crm_lead (user_id) WHERE banquet_assignment_pending"
        )

    @api.model
    def _cron_banquet_notify_assignments(self, limit=1000):
        """Tell each salesperson, in one message, which new inquiries routing gave them.

        A constant number of queries per salesperson, whatever the number of inquiries.
        """
        leads = self.search([("banquet_assignment_pending", "=", True)], order="id", limit=limit)
        by_user = defaultdict(lambda: self.browse())
        for lead in leads:
            by_user[lead.user_id] |= lead
        for user, user_leads in by_user.items():
            if not user.active:
                continue
            lang_env = user_leads.with_context(lang=user.lang)
            items = Markup("").join(
                Markup('<li><a href="%s">%s</a> %s</li>')
                % (lead._notify_get_action_link("view"), lead.banquet_reference, lead.name)
                for lead in lang_env
            )
            lang_env[:1].message_notify(
                partner_ids=user.partner_id.ids,
                subject=lang_env.env._(
                    "%(count)s new banquet inquiries assigned to you", count=len(user_leads)
                ),
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (lang_env.env._("Routing assigned these inquiries to you:"), items),
                email_layout_xmlid="mail.mail_notification_layout",
            )
        leads.write({"banquet_assignment_pending": False})
        self.env["ir.cron"]._notify_progress(
            done=len(leads),
            remaining=self.search_count([("banquet_assignment_pending", "=", True)]),
        )
