from odoo import api, fields, models

# Approval levels, lowest first: a discount within a level's thresholds needs no approver
# of a higher level.
APPROVAL_LEVELS = [
    ("salesperson", "Salesperson"),
    ("team_leader", "Team Leader / Finance"),
    ("manager", "Manager"),
]
LEVEL_RANK = {level: rank for rank, (level, _label) in enumerate(APPROVAL_LEVELS)}
# The group that gives a user each level (hotel_banquet_crm's chain of groups).
LEVEL_GROUPS = {
    "salesperson": "hotel_banquet_crm.group_banquet_user",
    "team_leader": "hotel_banquet_crm.group_banquet_finance",
    "manager": "hotel_banquet_crm.group_banquet_manager",
}
# Defaults seeded for every hotel: (level, largest line discount %, whole-order discount %).
DEFAULT_THRESHOLDS = [
    ("salesperson", 10.0, 5.0),
    ("team_leader", 20.0, 10.0),
    ("manager", 35.0, 20.0),
]


class BanquetDiscountThreshold(models.Model):
    _name = "banquet.discount.threshold"
    _description = "Banquet Discount Threshold"
    _order = "company_id, max_line_discount, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="Hotel",
        required=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    level = fields.Selection(
        APPROVAL_LEVELS,
        required=True,
        help="Whose discounts these limits are: a salesperson's quotation within the "
        "salesperson's limits needs no approval; above them a team leader or Finance, "
        "and above theirs a manager, approves it.",
    )
    max_line_discount = fields.Float(
        string="Max Line Discount (%)",
        required=True,
        help="Largest discount on any line, measured against the price the pricelist gives.",
    )
    max_order_discount = fields.Float(
        string="Max Order Discount (%)",
        required=True,
        help="Largest discount on the whole order (line discounts and order discount lines "
        "together), measured against the pricelist prices.",
    )

    _sql_constraints = [
        (
            "level_company_unique",
            "UNIQUE(company_id, level)",
            "A hotel has one discount threshold per approval level.",
        ),
        (
            "discounts_percent",
            (
                "CHECK(max_line_discount >= 0 AND max_line_discount <= 100"
                " AND max_order_discount >= 0 AND max_order_discount <= 100)"
            ),
            "A discount threshold is a percentage between 0 and 100.",
        ),
    ]

    @api.depends("level", "company_id")
    def _compute_display_name(self):
        labels = dict(self._fields["level"]._description_selection(self.env))
        for threshold in self:
            threshold.display_name = "%s - %s" % (
                threshold.company_id.name,
                labels.get(threshold.level, ""),
            )

    @api.model
    def _seed_defaults(self, companies):
        """Give each hotel of ``companies`` the default thresholds it does not have yet."""
        # sudo: a new hotel gets its policy whoever creates it; only missing rows are added
        existing = {
            (threshold.company_id.id, threshold.level)
            for threshold in self.sudo().search([("company_id", "in", companies.ids)])
        }
        self.sudo().create(
            [
                {
                    "company_id": company.id,
                    "level": level,
                    "max_line_discount": line_pct,
                    "max_order_discount": order_pct,
                }
                for company in companies
                for level, line_pct, order_pct in DEFAULT_THRESHOLDS
                if (company.id, level) not in existing
            ]
        )

    @api.model
    def _seed_all_companies(self):
        # sudo: at install every hotel gets its thresholds, whatever the installer sees
        self._seed_defaults(self.env["res.company"].sudo().search([]))
