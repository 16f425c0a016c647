import base64
import json
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

_logger = logging.getLogger(__name__)

# personal data of a person (and of a company's contact data) erased on anonymisation
PERSONAL_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "website",
    "function",
    "comment",
    "banquet_birthday",
    "banquet_anniversary",
    "banquet_dietary_notes",
    "banquet_favourite_rooms",
    "banquet_favourite_setups",
    "banquet_decision_cycle",
    "banquet_budget_habits",
)
LEAD_PERSONAL_FIELDS = (
    "contact_name",
    "email_from",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "website",
    "function",
    "description",
)


class ResPartner(models.Model):
    """Personal data rights (PIPL): consent, export, erasure and their audit trail."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    banquet_consent = fields.Boolean(string="Personal Data Consent", tracking=True, copy=False)
    banquet_consent_purpose = fields.Char(string="Consent Purpose", copy=False)
    banquet_consent_date = fields.Datetime(string="Consent Given On", copy=False)
    banquet_anonymised = fields.Boolean(string="Anonymised", readonly=True, copy=False, index=True)
    banquet_anonymised_date = fields.Datetime(string="Anonymised On", readonly=True, copy=False)

    def web_read(self, specification):
        # opening a customer in the Banquet > Customers 360 view is an access to their
        # personal data worth an audit line; lists and other apps are not
        if self.env.context.get("banquet_360") and len(self) == 1:
            self.env["banquet.personal.data.log"]._log(self, "open_360")
        return super().web_read(specification)

    # ------------------------------------------------------------
    # Business hooks extended down the chain
    # ------------------------------------------------------------

    @api.model
    def _banquet_active_business_domain(self):
        """Conditions (any of them) meaning a partner has business in progress."""
        return [
            [
                (
                    "opportunity_ids",
                    "any",
                    [("active", "=", True), ("stage_id.is_won", "=", False)],
                )
            ],
            [("banquet_complaint_ids", "any", [("state", "!=", "closed")])],
        ]

    @api.model
    def _banquet_recent_business_domain(self, since):
        """Conditions (any of them) meaning a partner had business since ``since``."""
        return [
            [("opportunity_ids", "any", [("write_date", ">=", since)])],
            [("banquet_visit_ids", "any", [("date", ">=", since)])],
            [("banquet_care_log_ids", "any", [("date_due", ">=", since.date())])],
            [("banquet_complaint_ids", "any", [("date_recorded", ">=", since)])],
        ]

    @api.model
    def _banquet_customer_domain(self):
        """Conditions (any of them) making a partner a banquet customer, whose personal
        data the retention period applies to."""
        return [
            [("opportunity_ids", "!=", False)],
            [("banquet_grade", "!=", False)],
            [("banquet_visit_ids", "!=", False)],
            [("banquet_complaint_ids", "!=", False)],
        ]

    def _banquet_personal_data(self):
        """Everything held on this person, as JSON-ready data.

        Addons further down the chain add their records (events, invoices) by extending it.
        """
        self.ensure_one()
        persons = self | self.child_ids
        fields_to_read = [
            "name",
            "is_company",
            "parent_id",
            "vat",
            "lang",
            "state_id",
            "country_id",
            "create_date",
            "banquet_category",
            "banquet_grade",
            "banquet_consent",
            "banquet_consent_purpose",
            "banquet_consent_date",
            *PERSONAL_FIELDS,
        ]
        # the export must hold everything, whoever's hotel or team it belongs to; only a
        # Banquet Manager gets here (checked by the caller)
        leads = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", persons.ids)])
        )
        # sudo: the export and erasure (managers only) cover every record of the person
        visits = self.env["banquet.lead.visit"].sudo().search([("partner_id", "in", persons.ids)])
        complaints = (
            # sudo: the export and erasure (managers only) cover every record of the person
            self.env["banquet.complaint"].sudo().search([("partner_id", "in", persons.ids)])
        )
        return {
            "partner": persons.read(fields_to_read),
            "inquiries": leads.read(
                [
                    "name",
                    "banquet_reference",
                    "create_date",
                    "event_date_start",
                    "expected_pax",
                    "banquet_consent",
                    "banquet_consent_purpose",
                    "banquet_consent_date",
                    *LEAD_PERSONAL_FIELDS,
                ]
            ),
            "visits": visits.read(["date", "kind", "note", "user_id"]),
            "complaints": complaints.read(
                [
                    "name",
                    "subject",
                    "date_recorded",
                    "category",
                    "state",
                    "description",
                    "resolution",
                ]
            ),
            "care_contacts": self.env["banquet.care.log"]
            # sudo: the export (managers only) returns everything held on the person
            .sudo()
            .search([("partner_id", "in", persons.ids)])
            .read(["date_due", "date_done", "user_id"]),
        }

    def _banquet_check_privacy_officer(self):
        if not self.env.user.has_group("hotel_banquet_crm.group_banquet_manager"):
            raise AccessError(
                self.env._("Only a Banquet Manager may export or erase a person's personal data.")
            )

    def action_banquet_export_personal_data(self):
        """Export everything held on this person as a JSON file attached to them."""
        self.ensure_one()
        self._banquet_check_privacy_officer()
        data = self._banquet_personal_data()
        content = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"personal-data-{self.id}.json",
                "res_model": "res.partner",
                "res_id": self.id,
                "mimetype": "application/json",
                "datas": base64.b64encode(content.encode()),
            }
        )
        self.env["banquet.personal.data.log"]._log(self, "export")
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_banquet_erase_personal_data(self):
        """Open the erasure wizard for this person."""
        self._banquet_check_privacy_officer()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hotel_banquet_crm.banquet_partner_erase_wizard_action"
        )
        action["context"] = {"default_partner_ids": self.ids}
        return action

    def _banquet_anonymise(self, reason, automatic=False):
        """Replace the personal data of ``self`` (and their inquiries) by placeholders.

        Events and invoices keep pointing at the partner and stay valid; what tax law
        requires on an invoice is stored on the invoice itself.
        """
        if not self:
            return
        persons = self | self.child_ids
        # the inquiries may belong to salespeople or hotels the officer cannot see
        leads = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False, tracking_disable=True)
            .search([("partner_id", "in", persons.ids)])
        )
        leads.write(dict.fromkeys(LEAD_PERSONAL_FIELDS, False))
        now = fields.Datetime.now()
        persons = persons.with_context(tracking_disable=True)
        for person in persons:
            person.name = self.env._("Anonymised person %s", person.id)
        persons.write(
            dict(
                dict.fromkeys(PERSONAL_FIELDS, False),
                image_1920=False,
                title=False,
                banquet_consent=False,
                banquet_consent_purpose=False,
                banquet_anonymised=True,
                banquet_anonymised_date=now,
                active=False,
            )
        )
        self.env["banquet.personal.data.log"]._log(
            persons, "auto_erase" if automatic else "erase", reason
        )
        # no name or e-mail in the server log: ids only
        _logger.info("Anonymised partners %s", persons.ids)

    @api.model
    def _banquet_retention_domain(self, since):
        business = expression.OR(
            self._banquet_active_business_domain() + self._banquet_recent_business_domain(since)
        )
        return expression.AND(
            [
                [
                    ("banquet_anonymised", "=", False),
                    ("is_company", "=", False),
                    ("user_ids", "=", False),
                    ("employee", "=", False),
                    ("create_date", "<", since),
                ],
                expression.OR(self._banquet_customer_domain()),
                ["!", *business],
                # a contact of a customer account that still does business is kept
                [("commercial_partner_id", "not any", business)],
            ]
        )

    @api.model
    def _cron_banquet_retention(self):
        """Anonymise persons without any business during the retention period (Settings).

        Batched: anonymised persons leave the domain, so a run cut short goes on where it
        stopped.
        """
        months = int(
            # sudo: a system parameter
            self.env["ir.config_parameter"].sudo().get_param("hotel_banquet_crm.retention_months")
            or 0
        )
        if months <= 0:
            return
        since = fields.Datetime.now() - relativedelta(months=months)
        Partner = self.with_context(active_test=False)
        domain = Partner._banquet_retention_domain(since)
        partners = Partner.search(domain, limit=self._banquet_cron_batch)
        partners._banquet_anonymise(self.env._("No business for %s months", months), automatic=True)
        self.env["ir.cron"]._notify_progress(
            done=len(partners), remaining=Partner.search_count(domain)
        )

    def _banquet_erase_on_request(self, reason):
        """Anonymise on the person's request, unless business is still in progress."""
        self._banquet_check_privacy_officer()
        busy = self.with_context(active_test=False).filtered_domain(
            expression.OR(self._banquet_active_business_domain())
        )
        if busy:
            raise UserError(
                self.env._(
                    "%s still has business in progress (an open inquiry, event, complaint or "
                    "unpaid invoice): finish or cancel it before erasing their personal data.",
                    busy[0].display_name,
                )
            )
        self._banquet_anonymise(reason)
