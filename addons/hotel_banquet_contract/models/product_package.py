from odoo import fields, models

COMPONENT_BASES = [
    ("person", "Per Person"),
    ("package", "Per Package"),
]


class BanquetPackageComponent(models.Model):
    """What a package (a per-person menu, a day-delegate rate...) is made of."""

    _name = "banquet.package.component"
    _description = "Banquet Package Component"
    _order = "package_tmpl_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    package_tmpl_id = fields.Many2one(
        "product.template", string="Package", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="package_tmpl_id.company_id", store=True, index=True)
    product_id = fields.Many2one(
        "product.product",
        string="Component",
        required=True,
        check_company=True,
        help="A product the package includes (a coffee break, a lunch, a projector...).",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    basis = fields.Selection(
        COMPONENT_BASES,
        default="person",
        required=True,
        help="Per person: the quantity is multiplied by the attendance. Per package: the "
        "quantity is included once.",
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A component's quantity must be positive."),
    ]

    def _description_line(self):
        """One line of a package description: '2 × Coffee break per person'."""
        self.ensure_one()
        basis = dict(self._fields["basis"]._description_selection(self.env))[self.basis]
        quantity = f"{self.quantity:g}"
        return self.env._(
            "%(quantity)s × %(product)s (%(basis)s)",
            quantity=quantity,
            product=self.product_id.display_name,
            basis=basis.lower(),
        )


class ProductTemplate(models.Model):
    _inherit = "product.template"  # pylint: disable=consider-merging-classes-inherited

    banquet_component_ids = fields.One2many(
        "banquet.package.component",
        "package_tmpl_id",
        string="Package Components",
        copy=True,
        help="What the package includes; listed on the quotation and the Event Order.",
    )

    def _banquet_components_description(self):
        """The package's components as text lines for a quotation or an Event Order."""
        self.ensure_one()
        lines = self.banquet_component_ids
        if not lines:
            return ""
        return "\n".join(
            [self.env._("Includes:")] + ["- " + line._description_line() for line in lines]
        )
