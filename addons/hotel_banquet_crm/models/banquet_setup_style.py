from odoo import api, fields, models


class BanquetSetupStyle(models.Model):
    """How the furniture of a function room is laid out (banquet, theatre...).

    Inquiries ask for one and function room bookings are set up in one.
    """

    _name = "banquet.setup.style"
    _description = "Setup Style"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Short code, also accepted by the intake API (e.g. banquet, theatre)."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Hotel",
        help="Leave empty to share the setup style with every hotel of the group.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code, company_id)", "Setup style codes must be unique per hotel."),
    ]

    @api.model
    def _banquet_codes(self, company):
        """Codes of the setup styles ``company`` offers (its own and the shared ones)."""
        return self.search([("company_id", "in", [company.id, False])]).mapped("code")

    @api.model
    def _banquet_find_code(self, code, company):
        """The setup style of ``company`` (or shared) whose code is ``code``, ignoring case
        and surrounding spaces. An exact match, never a pattern: ``%`` and ``_`` from the
        intake API or the web form are characters like any other. The hotel's own style
        wins over a shared one with the same code."""
        if not code or not isinstance(code, str):
            return self.browse()
        wanted = code.strip().casefold()
        # a hotel has a handful of styles: compared here, not by an ilike pattern
        styles = self.search([("company_id", "in", [company.id, False])], order="company_id")
        return next((style for style in styles if style.code.casefold() == wanted), self.browse())
