from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        lead_ids = [a.res_id for a in self if a.res_model == "crm.lead"]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            # a call or meeting done counts as the first answer to the client
            leads = self.env["crm.lead"].browse(lead_ids).exists()
            leads._banquet_mark_first_response(fields.Datetime.now())
        return result
