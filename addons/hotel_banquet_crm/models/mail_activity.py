from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # only a call or a meeting with the client answers it; an internal to-do does not
        lead_ids = [
            a.res_id
            for a in self
            if a.res_model == "crm.lead" and a.activity_type_id.category in ("phonecall", "meeting")
        ]
        # a care contact counts on the day its owner marks it done, in the owner's hotel;
        # the log is read-only for salespeople, the system records it for them
        logs = self.env["banquet.care.log"].sudo().search([("activity_id", "in", self.ids)])
        for log in logs:
            log.date_done = log.company_id._banquet_today()
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            leads = self.env["crm.lead"].browse(lead_ids).exists()
            leads._banquet_mark_first_response(fields.Datetime.now())
        return result
