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

    def action_banquet_find_rooms(self):
        """Open the availability search for this inquiry's event; a quotation made from
        a result is linked to the inquiry and belongs to the banquet team."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Function Room Availability"),
            "res_model": "banquet.availability.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_opportunity_id": self.id,
                "default_company_id": (self.company_id or self.env.company).id,
                "default_partner_id": self.partner_id.id,
                "default_event_name": self.name,
                "default_date_start": self.event_date_start,
                "default_date_end": self.event_date_end,
                "default_pax": self.expected_pax or 1,
            },
        }
