from odoo import api, fields, models

CONSENT_FIELDS = ("banquet_consent", "banquet_consent_purpose", "banquet_consent_date")


class CrmLead(models.Model):
    """Consent to process personal data, recorded where the inquiry is captured (PIPL)."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    banquet_consent = fields.Boolean(
        string="Personal Data Consent",
        tracking=True,
        copy=False,
        help="The client agreed that the hotel keeps and uses their personal data for the "
        "stated purpose.",
    )
    banquet_consent_purpose = fields.Char(
        string="Consent Purpose",
        copy=False,
        help="What the client agreed to, e.g. handling this event inquiry, marketing.",
    )
    banquet_consent_date = fields.Datetime(string="Consent Given On", copy=False)

    @api.model
    def _banquet_consent_stamp(self, vals):
        """Values given consent without its date get the time it was recorded (called by
        the one ``create``/``write`` of crm.lead, crm_lead.py)."""
        if vals.get("banquet_consent") and not vals.get("banquet_consent_date"):
            return dict(vals, banquet_consent_date=fields.Datetime.now())
        return vals

    def _banquet_consent_values(self):
        self.ensure_one()
        if not self.banquet_consent:
            return {}
        return {field: self[field] for field in CONSENT_FIELDS}

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        values = super()._prepare_customer_values(
            partner_name, is_company=is_company, parent_id=parent_id
        )
        if self.is_banquet:
            values.update(self._banquet_consent_values())
            # the customer's personal data belongs to the hotel that captured it; a manager
            # empties the hotel to share the customer with the group
            values["company_id"] = self.company_id.id
            if not parent_id:
                values.update(
                    banquet_grade=self.lead_grade,
                    banquet_account_user_id=self.user_id.id,
                )
        return values

    def _handle_partner_assignment(self, force_partner_id=False, create_missing=True):
        result = super()._handle_partner_assignment(
            force_partner_id=force_partner_id, create_missing=create_missing
        )
        # an existing customer gives consent again with this inquiry
        for lead in self.filtered(
            lambda lead: (
                lead.banquet_consent and lead.partner_id and not lead.partner_id.banquet_consent
            )
        ):
            lead.partner_id.write(lead._banquet_consent_values())
        return result
