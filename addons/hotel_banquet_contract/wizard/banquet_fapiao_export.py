import base64
import csv
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError

# What a fapiao export column can hold; the column list itself is data (banquet.fapiao.column).
FAPIAO_COLUMN_KEYS = [
    ("invoice", "Invoice Number"),
    ("fapiao_kind", "Fapiao Kind"),
    ("buyer_name", "Buyer Name"),
    ("buyer_tax_id", "Buyer Tax ID"),
    ("buyer_address_phone", "Buyer Address and Phone"),
    ("buyer_bank_account", "Buyer Bank and Account"),
    ("buyer_email", "Delivery E-mail"),
    ("item_name", "Item Name"),
    ("tax_code", "Tax Classification Code"),
    ("unit", "Unit"),
    ("quantity", "Quantity"),
    ("price_unit", "Unit Price"),
    ("amount", "Amount"),
    ("tax_rate", "Tax Rate"),
    ("tax", "Tax"),
]
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"):
# text typed by a customer or a clerk (a buyer name, an address) is prefixed with a quote.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` as data in a spreadsheet: text that a spreadsheet would evaluate (a leading
    ``= + - @``, tab or carriage return) gets a leading ``'``; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class BanquetFapiaoColumn(models.Model):
    _name = "banquet.fapiao.column"
    _description = "Fapiao Export Column"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Header", required=True, help="Header as the tax platform expects it."
    )
    key = fields.Selection(FAPIAO_COLUMN_KEYS, string="Content", required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: used by every hotel.")


class BanquetFapiaoExport(models.TransientModel):
    _name = "banquet.fapiao.export"
    _description = "Fapiao Bulk-Issue Export"

    move_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        default=lambda self: self.env.context.get("active_ids"),
        domain="[('move_type', 'in', ('out_invoice', 'out_refund'))]",
    )
    file_format = fields.Selection(
        [("xlsx", "Excel (XLSX)"), ("csv", "CSV")], default="xlsx", required=True
    )
    data = fields.Binary(string="File", readonly=True)
    filename = fields.Char(readonly=True)

    def _columns(self):
        company = self.move_ids.company_id[:1] or self.env.company
        return self.env["banquet.fapiao.column"].search([("company_id", "in", [False, company.id])])

    @api.model
    def _line_values(self, line):
        move = line.move_id
        sign = -1 if move.move_type == "out_refund" else 1
        rate = sum(line.tax_ids.filtered(lambda t: t.amount_type == "percent").mapped("amount"))
        quantity = line.quantity or 1.0
        return {
            "invoice": move.name,
            "fapiao_kind": dict(
                move._fields["banquet_fapiao_kind"]._description_selection(self.env)
            ).get(move.banquet_fapiao_kind, ""),
            "buyer_name": move.banquet_fapiao_buyer_name or move.commercial_partner_id.name,
            "buyer_tax_id": move.banquet_fapiao_tax_id or "",
            "buyer_address_phone": move.banquet_fapiao_address_phone or "",
            "buyer_bank_account": move.banquet_fapiao_bank_account or "",
            "buyer_email": move.banquet_fapiao_email or "",
            "item_name": line.product_id.name or line.name,
            "tax_code": line.product_id.banquet_tax_classification_code or "",
            "unit": line.product_uom_id.name or "",
            "quantity": sign * quantity,
            "price_unit": move.currency_id.round(line.price_subtotal / quantity),
            "amount": sign * line.price_subtotal,
            "tax_rate": "%g%%" % rate,
            "tax": sign * move.currency_id.round(line.price_total - line.price_subtotal),
        }

    def _rows(self):
        moves = self.move_ids.filtered(lambda m: m.move_type in ("out_invoice", "out_refund"))
        if not moves:
            raise UserError(self.env._("Select customer invoices or credit notes to export."))
        drafts = moves.filtered(lambda m: m.state != "posted")
        if drafts:
            raise UserError(
                self.env._(
                    "%(move)s is not posted: only posted invoices get a fapiao.",
                    move=drafts[0].display_name,
                )
            )
        columns = self._columns()
        lines = moves.invoice_line_ids.filtered(lambda line: line.display_type == "product")
        return columns.mapped("name"), [
            [values[column.key] for column in columns] for values in map(self._line_values, lines)
        ]

    def action_export(self):
        self.ensure_one()
        header, rows = self._rows()
        header = [neutralise_formula(name) for name in header]
        rows = [[neutralise_formula(value) for value in row] for row in rows]
        if self.file_format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(header)
            writer.writerows(rows)
            # A BOM lets spreadsheet programs read the Chinese headers as UTF-8.
            content = ("\ufeff" + buffer.getvalue()).encode("utf-8")
        else:
            stream = io.BytesIO()
            # text is text: no formula, no hyperlink made from what a customer typed
            workbook = xlsxwriter.Workbook(
                stream,
                {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
            )
            sheet = workbook.add_worksheet("fapiao")
            sheet.write_row(0, 0, header)
            for index, row in enumerate(rows, start=1):
                sheet.write_row(index, 0, row)
            workbook.close()
            content = stream.getvalue()
        self.write(
            {
                "data": base64.b64encode(content),
                "filename": "fapiao_%s.%s"
                % (fields.Date.to_string(fields.Date.today()), self.file_format),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
