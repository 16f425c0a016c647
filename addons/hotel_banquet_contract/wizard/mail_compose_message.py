from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        # Sending a banquet quotation needs its discount approved, whichever way the
        # composer was opened: "Send by Email" (one or several orders) or the quotation
        # template picked by hand in the chatter.
        quotation_template = self.env.ref("sale.email_template_edi_sale", raise_if_not_found=False)
        for wizard in self.filtered(lambda w: w.model == "sale.order"):
            if (
                self.env.context.get("mark_so_as_sent")
                or wizard.composition_mode == "mass_mail"
                or (quotation_template and wizard.template_id == quotation_template)
            ):
                if wizard.res_domain:
                    orders = self.env["sale.order"].search(wizard._evaluate_res_domain())
                else:
                    orders = self.env["sale.order"].browse(wizard._evaluate_res_ids())
                orders._banquet_check_approval()
        return super()._action_send_mail(auto_commit=auto_commit)
