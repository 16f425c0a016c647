from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _banquet_home_action(self):
        """Finance lands on the deposits falling due, where its day starts; a Banquet
        Manager (Finance too) on the pipeline."""
        if self.has_group("hotel_banquet_crm.group_banquet_finance") and not self.has_group(
            "hotel_banquet_crm.group_banquet_manager"
        ):
            return self.env.ref("hotel_banquet_contract.banquet_deposit_line_action_due")
        return super()._banquet_home_action()
