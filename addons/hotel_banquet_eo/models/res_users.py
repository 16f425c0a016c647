from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _banquet_home_action(self):
        """Department staff, who sell nothing, land on their department's parts of the
        Event Orders (My Department)."""
        action = super()._banquet_home_action()
        if not action and self.has_group("hotel_banquet_crm.group_banquet_department"):
            action = self.env.ref("hotel_banquet_eo.banquet_event_order_section_action_my")
        return action
