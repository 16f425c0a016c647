from odoo import fields, models
from odoo.exceptions import UserError


class BanquetApprovalWizard(models.TransientModel):
    _name = "banquet.approval.wizard"
    _description = "Banquet Discount Approval: Request or Decision"

    order_id = fields.Many2one("sale.order", string="Quotation", required=True, readonly=True)
    request_id = fields.Many2one("banquet.approval.request", readonly=True)
    mode = fields.Selection(
        [("request", "Request"), ("approve", "Approve"), ("reject", "Reject")],
        required=True,
        readonly=True,
    )
    line_discount = fields.Float(related="order_id.banquet_line_discount")
    order_discount = fields.Float(related="order_id.banquet_order_discount")
    discount_level = fields.Selection(related="order_id.banquet_discount_level")
    request_reason = fields.Text(related="request_id.reason", string="Reason Given")
    reason = fields.Text(
        required=True,
        help="Requesting: why the customer should get this discount. Deciding: why you "
        "accept or refuse it.",
    )

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "request":
            self.order_id._banquet_request_discount_approval(self.reason)
            return {"type": "ir.actions.act_window_close"}
        request = self.request_id
        if not request or request.state != "pending":
            raise UserError(
                self.env._(
                    "%(order)s has no discount approval waiting for a decision.",
                    order=self.order_id.name,
                )
            )
        if self.mode == "approve":
            request.action_approve(self.reason)
        else:
            request.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
