from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _prepare_opportunity_quotation_context(self):
        """A quotation made from a banquet inquiry starts with the inquiry's event."""
        context = super()._prepare_opportunity_quotation_context()
        if self.is_banquet:
            context.update(
                {
                    "default_is_banquet": True,
                    "default_event_name": self.name,
                    "default_event_type_id": self.event_type_id.id,
                    "default_event_date_start": self.event_date_start,
                    "default_event_date_end": self.event_date_end,
                    "default_expected_pax": self.expected_pax,
                }
            )
        return context
