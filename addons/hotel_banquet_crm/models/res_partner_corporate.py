from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression


class ResPartner(models.Model):
    """Corporate accounts: key accounts reviewed every quarter, and the client's branches
    (child companies with addresses) that route its inquiries to the nearest hotel."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    banquet_key_account = fields.Boolean(
        string="Key Account",
        tracking=True,
        help="A corporate account its owner reviews with the client every quarter: the "
        "review is planned as a to-do for the key-account owner at each quarter's start "
        "(the owner's hotel calendar).",
    )
    banquet_qbr_quarter = fields.Date(
        string="Business Review Planned For",
        readonly=True,
        copy=False,
        help="First day of the last quarter a business review was planned for.",
    )
    banquet_branch_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Branches",
        domain=[("is_company", "=", True)],
        help="The client's branches: child companies with their own address. Their "
        "inquiries go to the group's hotel nearest the branch.",
    )

    @api.model
    def _banquet_quarter_start(self, day):
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)

    @api.model
    def _banquet_qbr_domain(self):
        """Key accounts whose review of the current quarter (owner's hotel) is not planned."""
        domains = []
        for hotel in self._banquet_care_hotels():
            quarter = self._banquet_quarter_start(hotel._banquet_today())
            domains.append(
                [
                    ("banquet_account_user_id.company_id", "=", hotel.id),
                    "|",
                    ("banquet_qbr_quarter", "=", False),
                    ("banquet_qbr_quarter", "<", quarter),
                ]
            )
        return expression.AND(
            [
                [("banquet_key_account", "=", True)],
                self._banquet_cared_domain(),
                expression.OR(domains or [[("id", "=", 0)]]),
            ]
        )

    @api.model
    def _cron_banquet_business_reviews(self):
        """Plan a quarterly business review with every key account, once per quarter.

        Batched like the care cron: a run takes ``_banquet_cron_batch`` accounts with a
        constant number of queries and marks them with the quarter, so a run cut short (or
        run again) plans nothing twice.
        """
        domain = self._banquet_qbr_domain()
        partners = self.search(domain, limit=self._banquet_cron_batch)
        if partners:
            partners._banquet_plan_business_reviews()
        self.env["ir.cron"]._notify_progress(
            done=len(partners), remaining=self.search_count(domain)
        )

    def _banquet_plan_business_reviews(self):
        review_type = self.env.ref("hotel_banquet_crm.mail_activity_type_banquet_qbr")
        todos = []
        by_quarter = {}
        for partner in self:
            owner = partner.banquet_account_user_id
            today = owner.company_id._banquet_today()
            quarter = self._banquet_quarter_start(today)
            by_quarter.setdefault(quarter, self.browse())
            by_quarter[quarter] |= partner
            # due by the end of the quarter's first month, or today if planned later
            deadline = max(today, quarter + relativedelta(months=1, days=-1))
            todos.append(
                self._banquet_todo(
                    partner,
                    review_type,
                    owner,
                    deadline,
                    self.env._(
                        "Quarterly business review %(year)s Q%(quarter)s",
                        year=quarter.year,
                        quarter=(quarter.month - 1) // 3 + 1,
                    ),
                )
            )
        self.env["mail.activity"]._banquet_schedule_todos(todos)
        for quarter, partners in by_quarter.items():
            partners.write({"banquet_qbr_quarter": quarter})

    # ------------------------------------------------------------
    # Branches
    # ------------------------------------------------------------

    def _banquet_client_group(self):
        """The corporate group a partner belongs to: its company, or that company's parent
        company when the company is a branch."""
        self.ensure_one()
        company = self.commercial_partner_id
        if company.parent_id.is_company:
            return company.parent_id.commercial_partner_id
        return company
