import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

# What a signed version holds: never changed once signed.
SIGNED_FIELDS = {
    "order_id",
    "version",
    "signed_by",
    "signed_on",
    "signature",
    "pdf_attachment_id",
    "amount_total",
    "contract_text",
    "note",
}


class BanquetContractVersion(models.Model):
    """One version of an event's contract: the first is the signed quotation, each change
    after signature opens the next one, which the customer signs again in the portal."""

    _name = "banquet.contract.version"
    _description = "Banquet Contract Version"
    _inherit = ["portal.mixin", "mail.thread", "banquet.decision.mixin"]
    _order = "order_id, version desc"
    # The signature and what was signed: written by sending, signing and archiving only.
    _banquet_decision_fields = (
        "version",
        "state",
        "signed_by",
        "signed_on",
        "signature",
        "pdf_attachment_id",
        "amount_total",
        "contract_text",
    )
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    order_id = fields.Many2one(
        "sale.order",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, string="Customer")
    currency_id = fields.Many2one(related="order_id.currency_id", store=True)
    version = fields.Integer(required=True, readonly=True, default=0, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "To Sign"),
            ("signed", "Signed"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    note = fields.Text(string="What Changed", help="The change the customer is asked to sign.")
    signed_by = fields.Char(readonly=True, tracking=True)
    signed_on = fields.Datetime(readonly=True, tracking=True)
    signature = fields.Image(readonly=True, attachment=True, max_width=1024, max_height=1024)
    pdf_attachment_id = fields.Many2one(
        "ir.attachment", string="Signed PDF", readonly=True, index="btree_not_null"
    )
    amount_total = fields.Monetary(string="Contract Amount", readonly=True)
    contract_text = fields.Text(
        readonly=True,
        help="The contract's clauses as signed, in English and Chinese, for search.",
    )

    _sql_constraints = [
        (
            "version_unique",
            "UNIQUE(order_id, version)",
            "An order cannot have two contract versions with the same number.",
        ),
        (
            "signed_has_signature",
            "CHECK(state NOT IN ('signed', 'superseded') OR signed_on IS NOT NULL)",
            "A signed contract version records when it was signed.",
        ),
    ]

    def init(self):
        # One version at a time waits for the customer's signature: two could otherwise
        # be signed one after the other, each as "the" contract.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS banquet_contract_version_one_pending "
            "ON banquet_contract_version (order_id) WHERE state IN ('draft', 'sent')"
        )

    @api.depends("order_id.name", "version")
    def _compute_name(self):
        for version in self:
            version.name = f"{version.order_id.name} v{version.version}"

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for version in self:
            version.access_url = f"/my/contracts/{version.id}"
        return res

    # CRUD ---------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._banquet_refuse_decision_fields(vals_list, creating=True)
        order_ids = {vals["order_id"] for vals in vals_list if vals.get("order_id")}
        # sudo: version numbers count every version of the order, also those the
        # current user (a portal signer) may not read
        last = dict(
            self.sudo()._read_group(
                [("order_id", "in", list(order_ids))], ["order_id"], ["version:max"]
            )
        )
        last = {order.id: number for order, number in last.items()}
        # sudo: a pending version of the order, also one the creator may not read
        pending = self.sudo().search(
            [("order_id", "in", list(order_ids)), ("state", "in", ("draft", "sent"))]
        )
        for vals in vals_list:
            if vals.get("order_id") in pending.order_id.ids and vals.get("state", "draft") in (
                "draft",
                "sent",
            ):
                raise UserError(
                    self.env._(
                        "%(order)s already has a contract version waiting for the customer's "
                        "signature: change that one.",
                        order=pending.filtered(
                            lambda v, order_id=vals["order_id"]: v.order_id.id == order_id
                        )[:1].order_id.display_name,
                    )
                )
            last[vals["order_id"]] = vals["version"] = last.get(vals["order_id"], 0) + 1
        versions = super().create(vals_list)
        versions._banquet_refresh()
        return versions

    def write(self, vals):
        self._banquet_refuse_decision_fields([vals])
        frozen = self.filtered(lambda v: v.state in ("signed", "superseded"))
        if frozen:
            superseding = set(vals) == {"state"} and vals["state"] == "superseded"
            if (SIGNED_FIELDS & set(vals) or "state" in vals) and not (
                superseding and not frozen.filtered(lambda v: v.state != "signed")
            ):
                raise UserError(
                    self.env._(
                        "The contract version %(version)s is signed: it is never changed. "
                        "Open a new version for the change instead.",
                        version=frozen[0].display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        signed = self.filtered(lambda v: v.state in ("signed", "superseded"))
        if signed:
            raise UserError(
                self.env._(
                    "The contract version %(version)s is signed: it is kept for good.",
                    version=signed[0].display_name,
                )
            )

    # Business -----------------------------------------------------------------------------

    def _banquet_snapshot_text(self):
        self.ensure_one()
        order = self.order_id
        parts = [order.name, order.event_name or "", order.partner_id.display_name or ""]
        for clause in order._banquet_contract_clauses():
            parts += [clause["title_en"], clause["body_en"], clause["title_zh"], clause["body_zh"]]
        return "\n".join(parts)

    def _banquet_refresh(self):
        """An unsigned version follows its order: amount and text as they are now."""
        for version in self.filtered(lambda v: v.state in ("draft", "sent")):
            super(BanquetContractVersion, version).write(
                {
                    "amount_total": version.order_id.amount_total,
                    "contract_text": version._banquet_snapshot_text(),
                }
            )
        return True

    def _banquet_sign_archive(self, author=None):
        """Freeze this version as signed: its PDF (with the signature) on the order, the
        amount and text as signed; the version signed before is superseded."""
        for version in self:
            order = version.order_id
            version._banquet_refresh()
            pdf = order._banquet_contract_pdf(version=version)
            # sudo: the customer signing in the portal archives the hotel's document
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": f"{order.name} - contract v{version.version} (signed).pdf",
                        "type": "binary",
                        "raw": pdf,
                        "mimetype": "application/pdf",
                        "res_model": "sale.order",
                        "res_id": order.id,
                    }
                )
            )
            previous = order.banquet_contract_version_ids.filtered(
                lambda v, current=version: v.state == "signed" and v != current
            )
            # sudo: superseding the version signed before is the signature's consequence
            previous.sudo().write({"state": "superseded"})
            super(BanquetContractVersion, version).write(
                {"state": "signed", "pdf_attachment_id": attachment.id}
            )
            order.message_post(
                body=self.env._(
                    "Contract version %(version)s signed by %(name)s.",
                    version=version.version,
                    name=version.signed_by,
                ),
                attachment_ids=attachment.ids,
                author_id=(author or version.partner_id).id,
            )
        return True

    def _banquet_sign(self, name, signature, author=None):
        """The customer signs this version in the portal (``author``: the customer's
        partner the portal route checked)."""
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "The contract version %(version)s is not waiting for a signature.",
                    version=self.display_name,
                )
            )
        if not name or not signature:
            raise UserError(self.env._("Sign with your name and your signature."))
        # A discount raised in this revision is signed only once an approver accepted it.
        self.order_id._banquet_check_approval()
        base64.b64decode(signature, validate=True)
        super().write(
            {"signed_by": name, "signed_on": fields.Datetime.now(), "signature": signature}
        )
        return self._banquet_sign_archive(author=author)

    def _banquet_contract_pdf(self):
        """This version's contract PDF: the signed one as archived, else as it stands."""
        self.ensure_one()
        # sudo: the signed PDF is attached to the order, read through its version
        version = self.sudo()
        if version.pdf_attachment_id:
            return version.pdf_attachment_id.raw
        return version.order_id._banquet_contract_pdf(version=version)

    def _get_report_base_filename(self):
        self.ensure_one()
        return f"{self.order_id.name}-contract-v{self.version}"

    # Actions ------------------------------------------------------------------------------

    def action_open_form(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    def action_send(self):
        """Ask the customer to sign this version in the portal."""
        for version in self:
            if version.state not in ("draft", "sent"):
                raise UserError(
                    self.env._(
                        "The contract version %(version)s is already signed.",
                        version=version.display_name,
                    )
                )
        self.order_id._banquet_check_approval()
        self._banquet_refresh()
        self.check_access("write")
        # sudo: the state is a decision field; the sender may change these versions (above)
        self.sudo().write({"state": "sent"})
        for version in self:
            version._portal_ensure_token()
            version.message_subscribe(partner_ids=version.partner_id.ids)
            version.message_post(
                body=self.env._(
                    "Please review and sign the new version of your contract: %(url)s",
                    url=version.get_base_url() + version.get_portal_url(),
                ),
                partner_ids=version.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_preview(self):
        """Open this version as the customer sees it in the portal."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self", "url": self.get_portal_url()}

    def action_download_pdf(self):
        """Download this version's contract PDF (what Print > Banquet Contract Version does)."""
        self.ensure_one()
        report = self.env.ref("hotel_banquet_contract.action_report_banquet_contract_version")
        return report.report_action(self, config=False)
