# The contract of a banquet event: template proposal, clause rendering, the reportlab PDF and
# its signed versions. Kept apart from sale_order.py (status) and sale_order_deposit.py (money).
# pylint: disable=consider-merging-classes-inherited

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

ZH = "zh_CN"
EN = "en_US"


def _date_text(day, lang):
    if not day:
        return ""
    if lang == ZH:
        return f"{day.year}年{day.month}月{day.day}日"
    return day.strftime("%d %b %Y")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    banquet_contract_version_ids = fields.One2many(
        "banquet.contract.version",
        "order_id",
        string="Contract Versions",
        copy=False,
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_contract_version_count = fields.Integer(
        string="Contract Version Count",
        compute="_compute_banquet_contract_version_count",
        groups="hotel_banquet_crm.group_banquet_user",
    )

    @api.depends("banquet_contract_version_ids")
    def _compute_banquet_contract_version_count(self):
        counts = dict(
            self.env["banquet.contract.version"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.banquet_contract_version_count = counts.get(order._origin, 0)

    @api.onchange("event_type_id")
    def _onchange_event_type_id_banquet_contract(self):
        """Propose the contract template of the event type chosen."""
        if not self.is_banquet or self.state not in ("draft", "sent"):
            return
        template = self.env["sale.order.template"]._banquet_for_event_type(
            self.event_type_id, self.company_id
        )
        if template:
            self.sale_order_template_id = template

    # CRUD ---------------------------------------------------------------------------------

    def _banquet_contract_template_values(self, vals_list):
        """A new banquet order of an event type gets that type's contract template (called
        by sale.order's one create, before the INSERT)."""
        for vals in vals_list:
            if (
                vals.get("is_banquet", self.env.context.get("default_is_banquet"))
                and vals.get("event_type_id")
                and not vals.get("sale_order_template_id")
            ):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                template = self.env["sale.order.template"]._banquet_for_event_type(
                    self.env["banquet.event.type"].browse(vals["event_type_id"]), company
                )
                if template:
                    vals["sale_order_template_id"] = template.id

    # Rendering ----------------------------------------------------------------------------

    def _banquet_contract_functions(self):
        self.ensure_one()
        functions = self.booking_ids.filtered(lambda b: b.hold != "released")
        return (functions or self.booking_ids).sorted("date_start")

    def _banquet_guarantee_cutoff(self):
        """Last day (hotel time) for the guaranteed attendance: the event's own cut-off."""
        self.ensure_one()
        return self.banquet_guarantee_cutoff

    def _banquet_contract_values(self, lang):
        """The values of the clause placeholders, written in ``lang`` (en_US or zh_CN),
        dates in the hotel's time zone."""
        self.ensure_one()
        company = self.company_id
        zh = lang == ZH
        money = self.currency_id

        def amount(value):
            return format_amount(self.env, value, money)

        functions = self._banquet_contract_functions()
        local_days = sorted(
            {company._banquet_to_local(f.date_start).date() for f in functions}
            | {company._banquet_to_local(f.date_end).date() for f in functions}
        )
        if not local_days and self.banquet_event_date:
            local_days = [self.banquet_event_date]
        event_date = _date_text(local_days[0], lang) if local_days else ""
        if len(local_days) > 1:
            event_date += " – " + _date_text(local_days[-1], lang)
        rooms = functions.room_id.with_context(lang=lang if self._banquet_lang_ok(lang) else EN)
        separator = "、" if zh else ", "
        deposits = []
        for line in self.banquet_deposit_line_ids.sorted(lambda d: (d.due_date, d.sequence)):
            share = f"{line.percent:g}%" if line.value_type == "percent" else ""
            due = _date_text(line.due_date, lang)
            if zh:
                deposits.append(f"{line.name}：{share} {amount(line.amount)}，{due}前支付")
            else:
                deposits.append(f"{line.name}: {share} {amount(line.amount)} due by {due}")
        tiers = []
        for days, fee in sorted(
            (
                (t.days_before, t.fee_percent)
                for t in self.sale_order_template_id.banquet_cancellation_tier_ids
            ),
            reverse=True,
        ):
            if zh:
                tiers.append(f"活动前{days}天及以上取消：合同金额的{fee:g}%")
            else:
                tiers.append(f"{days} days or more before the event: {fee:g}% of the contract")
        return {
            "hotel": company.name,
            "customer": self.partner_id.commercial_partner_id.name or "",
            "event": self.event_name or self.name,
            "event_date": event_date,
            "rooms": separator.join(rooms.mapped("name")),
            "pax": self.banquet_contracted_pax or self.expected_pax,
            "amount_total": amount(self.amount_total),
            "deposit_schedule": ("；" if zh else "; ").join(deposits) or ("无" if zh else "none"),
            "cancellation_tiers": ("；" if zh else "; ").join(tiers) or ("无" if zh else "none"),
            "guarantee_cutoff": _date_text(self._banquet_guarantee_cutoff(), lang),
            "validity_date": _date_text(self.validity_date, lang),
        }

    def _banquet_lang_ok(self, lang):
        return bool(self.env["res.lang"]._get_code(lang))

    def _banquet_contract_clauses(self):
        """The template's clauses with this event's values, in English and Chinese."""
        self.ensure_one()
        return self.sale_order_template_id.banquet_clause_ids._render(
            self._banquet_contract_values(EN), self._banquet_contract_values(ZH)
        )

    def _banquet_contract_data(self, version=None):
        """Everything the contract PDF prints, as plain values (hotel time zone)."""
        self.ensure_one()
        company = self.company_id
        money = self.currency_id

        def amount(value):
            return format_amount(self.env, value, money)

        def local(value):
            value = company._banquet_to_local(value)
            return value.strftime("%Y-%m-%d %H:%M") if value else ""

        lines = []
        for line in self.order_line.filtered(lambda sol: not sol.is_downpayment):
            if line.display_type:
                lines.append({"section": line.name})
                continue
            lines.append(
                {
                    "name": line.name,
                    "quantity": f"{line.product_uom_qty:g} {line.product_uom.name or ''}".strip(),
                    "price_unit": amount(line.price_unit),
                    "discount": f"{line.discount:g}%" if line.discount else "",
                    "subtotal": amount(line.price_subtotal),
                }
            )
        signed = version if version and version.signed_on else None
        return {
            "reference": self.name,
            "version": version.version if version else 0,
            "hotel": company.name,
            "hotel_address": ", ".join(
                filter(None, [company.street, company.city, company.country_id.name])
            ),
            "customer": self.partner_id.commercial_partner_id.name or "",
            "customer_address": ", ".join(
                filter(None, [self.partner_id.street, self.partner_id.city])
            ),
            "contact": self.partner_id.name or "",
            "salesperson": self.user_id.name or "",
            "event": self.event_name or self.name,
            "event_type": self.event_type_id.name or "",
            "event_date": self._banquet_contract_values(EN)["event_date"],
            "functions": [
                {
                    "room": function.room_id.name or "",
                    "time": f"{local(function.date_start)} – {local(function.date_end)}",
                    "setup": function.setup_style_id.name or "",
                    "pax": function.expected_pax,
                }
                for function in self._banquet_contract_functions()
            ],
            "lines": lines,
            "amount_untaxed": amount(self.amount_untaxed),
            "amount_tax": amount(self.amount_tax),
            "amount_total": amount(self.amount_total),
            "deposits": [
                {
                    "name": line.name,
                    "due_date": str(line.due_date or ""),
                    "amount": amount(line.amount),
                }
                for line in self.banquet_deposit_line_ids.sorted(lambda d: (d.due_date, d.sequence))
            ],
            "clauses": self._banquet_contract_clauses(),
            "signed_by": signed.signed_by if signed else "",
            "signed_on": local(signed.signed_on) if signed else "",
            "signature": signed.signature if signed else False,
        }

    def _banquet_contract_pdf(self, version=None):
        """The contract PDF (bytes), signed when ``version`` is."""
        self.ensure_one()
        # sudo: the document prints the hotel's and the order's data for whoever may open
        # the contract (checked by the caller: salespeople and the customer of the order)
        order = self.sudo()
        data = order._banquet_contract_data(version=version and version.sudo())
        return self.env["banquet.contract.pdf"].sudo()._render_pdf(data, EN)

    # Versions -----------------------------------------------------------------------------

    def _banquet_contract_archive_signature(self):
        """The customer signed the quotation: keep the signed contract as a new version."""
        Version = self.env["banquet.contract.version"]
        for order in self:
            # sudo: the customer signing in the portal archives the hotel's contract
            version = Version.sudo().create(
                {
                    "order_id": order.id,
                    "signed_by": order.signed_by,
                    "signed_on": order.signed_on or fields.Datetime.now(),
                    "signature": order.signature,
                }
            )
            version._banquet_sign_archive()

    def _banquet_contract_revise(self, note=False):
        """The signed contract changed: open a version for the customer to sign again
        (one at a time; a pending version follows the order until it is signed)."""
        Version = self.env["banquet.contract.version"]
        pending = Version
        for order in self.filtered(lambda o: o.is_banquet):
            if not order.banquet_contract_version_ids.filtered(lambda v: v.state == "signed"):
                continue
            current = order.banquet_contract_version_ids.filtered(
                lambda v: v.state in ("draft", "sent")
            )
            if current:
                current._banquet_refresh()
                pending |= current
                continue
            # sudo: a salesperson's price change opens the version the customer signs;
            # versions are not theirs to write otherwise
            pending |= Version.sudo().create({"order_id": order.id, "note": note})
        return pending

    # Actions ------------------------------------------------------------------------------

    def action_banquet_contract_pdf(self):
        """Download the contract of this event as a PDF."""
        self.ensure_one()
        if not self.sale_order_template_id.banquet_clause_ids:
            raise UserError(
                self.env._(
                    "%(order)s has no contract template with clauses: choose one in the "
                    "Other Info tab (or an event type that has one).",
                    order=self.display_name,
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/banquet/contract/{self.id}/pdf",
            "target": "download",
        }

    def action_banquet_contract_revise(self):
        """Open a new contract version for the customer to sign after a change."""
        self.ensure_one()
        pending = self._banquet_contract_revise()
        if not pending:
            raise UserError(
                self.env._(
                    "%(order)s has no signed contract yet: the customer signs the quotation "
                    "itself.",
                    order=self.display_name,
                )
            )
        return pending.action_open_form()

    def action_banquet_contract_versions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Contract Versions"),
            "res_model": "banquet.contract.version",
            "view_mode": "list,form",
            "domain": [("order_id", "=", self.id)],
            "context": {"default_order_id": self.id},
        }
