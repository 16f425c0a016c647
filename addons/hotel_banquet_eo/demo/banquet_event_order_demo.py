from odoo import models


class BanquetEventOrder(models.Model):
    _inherit = "banquet.event.order"

    def _banquet_demo_acknowledge(self):
        """Departments with demo staff acknowledge their part; the others stay pending."""
        for section in self.section_ids:
            members = section.department_id.user_ids
            if members and section.acknowledgement_state != "done":
                section.with_user(members[0]).action_acknowledge()
