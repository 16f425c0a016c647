from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .banquet_discount_threshold import APPROVAL_LEVELS, LEVEL_RANK

# What an approver decides; written only through ``action_approve`` / ``action_reject``
# (``write`` checks who decides whatever the path).
DECISION_FIELDS = {"state", "approver_id", "decision_reason", "decision_date"}


class BanquetApprovalRequest(models.Model):
    """A decision a quotation waits for: a discount above the salesperson's limits, or an
    event that takes its customer above the credit limit. One shape for both: who asked,
    why, the level needed, who decided, why and when."""

    _name = "banquet.approval.request"
    _description = "Banquet Approval Request"
    _inherit = ["mail.thread", "banquet.decision.mixin"]

    # Measured and decided by the system and the approvers' actions, never written.
    _banquet_decision_fields = (
        "kind",
        "requested_by_id",
        "line_discount",
        "order_discount",
        "amount_untaxed",
        "credit_excess",
        "required_level",
        *DECISION_FIELDS,
    )
    _order = "id desc"
    _check_company_auto = True

    order_id = fields.Many2one(
        "sale.order",
        string="Quotation",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    kind = fields.Selection(
        [("discount", "Discount"), ("credit", "Credit")],
        default="discount",
        required=True,
        readonly=True,
        index=True,
        help="Discount: above the salesperson's limits. Credit: the event takes the "
        "customer above its credit limit; Finance accepts the risk.",
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, string="Hotel")
    currency_id = fields.Many2one(related="order_id.currency_id")
    salesperson_id = fields.Many2one(related="order_id.user_id", string="Salesperson")
    requested_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    reason = fields.Text(
        required=True, readonly=True, help="Why the salesperson asks for this discount."
    )
    line_discount = fields.Float(
        string="Largest Line Discount (%)",
        readonly=True,
        help="Largest line discount of the quotation when approval was asked.",
    )
    order_discount = fields.Float(
        string="Order Discount (%)",
        readonly=True,
        help="Discount of the whole quotation when approval was asked.",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Hotel Currency")
    credit_excess = fields.Monetary(
        string="Above Credit Limit",
        currency_field="company_currency_id",
        readonly=True,
        help="How far open receivables plus this event went above the customer's credit "
        "limit when Finance decided.",
    )
    amount_untaxed = fields.Monetary(
        string="Untaxed Amount",
        readonly=True,
        help="Untaxed amount of the quotation when approval was asked.",
    )
    required_level = fields.Selection(
        APPROVAL_LEVELS,
        required=True,
        readonly=True,
        help="Lowest level whose thresholds allow this discount; approvers are at this "
        "level or above.",
    )
    state = fields.Selection(
        [
            ("pending", "Waiting for Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancelled", "Superseded"),
        ],
        default="pending",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    approver_id = fields.Many2one("res.users", string="Decided By", readonly=True, tracking=True)
    decision_reason = fields.Text(readonly=True, tracking=True)
    decision_date = fields.Datetime(readonly=True)
    can_decide = fields.Boolean(compute="_compute_can_decide")

    _sql_constraints = [
        (
            "decision_has_reason",
            (
                "CHECK(state NOT IN ('approved', 'rejected') OR (approver_id IS NOT NULL"
                " AND decision_reason IS NOT NULL AND decision_date IS NOT NULL))"
            ),
            "An approval or a rejection needs its approver, reason and date.",
        ),
    ]

    @api.depends("order_id", "order_id.name")
    def _compute_display_name(self):
        for request in self:
            if request.kind == "credit":
                request.display_name = self.env._(
                    "Credit approval of %(order)s", order=request.order_id.name or ""
                )
            else:
                request.display_name = self.env._(
                    "Discount approval of %(order)s", order=request.order_id.name or ""
                )

    @api.depends_context("uid")
    @api.depends("state", "required_level", "requested_by_id", "salesperson_id")
    def _compute_can_decide(self):
        for request in self:
            request.can_decide = request.state == "pending" and not request._decision_error(
                self.env.user
            )

    # CRUD --------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # What was asked (the level needed, the discounts and amounts measured, who asked)
        # and what was decided come from the system: a request is created by
        # sale.order._banquet_request_discount_approval or by Finance's credit approval.
        self._banquet_refuse_decision_fields(vals_list, creating=True)
        for vals in vals_list:
            if vals.get("state", "pending") != "pending":
                raise AccessError(self.env._("A discount approval request starts unanswered."))
        return super().create(vals_list)

    def write(self, vals):
        # Whatever the path (button, RPC, import), only the actions decide.
        self._banquet_refuse_decision_fields([vals])
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda r: r.state in ("approved", "rejected")) and not self.env.su:
            raise UserError(
                self.env._("A decided discount approval is kept as the quotation's history.")
            )
        return super().unlink()

    # Rules -------------------------------------------------------------------------------

    def _decision_error(self, user):
        """Why ``user`` may not decide on this request (False when they may)."""
        self.ensure_one()
        if self.state != "pending":
            return self.env._(
                "%(request)s is already decided or superseded.", request=self.display_name
            )
        if self.kind == "credit" and user == self.order_id.user_id:
            return self.env._(
                "%(user)s cannot approve the credit of their own event %(order)s: Finance decides.",
                user=user.name,
                order=self.order_id.name,
            )
        if self.kind == "discount" and user in (self.requested_by_id | self.order_id.user_id):
            return self.env._(
                "%(user)s cannot approve their own discount on %(order)s: another approver "
                "must decide.",
                user=user.name,
                order=self.order_id.name,
            )
        if self.order_id.company_id not in user.company_ids:
            return self.env._(
                "%(user)s does not work for %(hotel)s.",
                user=user.name,
                hotel=self.order_id.company_id.name,
            )
        level = self.env["sale.order"]._banquet_user_level(user)
        # A credit risk is Finance's to accept, whatever level the request names.
        required = self.required_level
        if self.kind == "credit" and LEVEL_RANK[required] < LEVEL_RANK["team_leader"]:
            required = "team_leader"
        if LEVEL_RANK[level] < LEVEL_RANK[required]:
            labels = dict(self._fields["required_level"]._description_selection(self.env))
            if self.kind == "credit":
                return self.env._(
                    "The credit of %(order)s needs the approval of %(level)s or above.",
                    order=self.order_id.name,
                    level=labels[required],
                )
            return self.env._(
                "The discount on %(order)s needs the approval of a %(level)s or above.",
                order=self.order_id.name,
                level=labels[required],
            )
        return False

    # Actions -----------------------------------------------------------------------------

    def _decide(self, state, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of your decision."))
        for request in self:
            # A quotation changed since the request is no longer the one asked about.
            order = request.order_id
            if (
                request.kind == "discount"
                and request.state == "pending"
                and order._banquet_discount_differs(request)
            ):
                raise UserError(
                    self.env._(
                        "The discount of %(order)s changed since approval was asked. The "
                        "salesperson must ask again.",
                        order=order.name,
                    )
                )
        for request in self:
            error = request._decision_error(self.env.user)
            if error:
                raise AccessError(error)
        # sudo: the approver's right was checked just above; the decision is written in
        # their name (sudo keeps the user, the chatter names them)
        self.sudo().write(
            {
                "state": state,
                "approver_id": self.env.user.id,
                "decision_reason": reason,
                "decision_date": fields.Datetime.now(),
            }
        )
        for kind, requests in self.grouped("kind").items():
            if kind == "credit":
                feedback = (
                    self.env._("Credit approved: %(reason)s", reason=reason)
                    if state == "approved"
                    else self.env._("Credit refused: %(reason)s", reason=reason)
                )
            elif state == "approved":
                feedback = self.env._("Discount approved: %(reason)s", reason=reason)
            else:
                feedback = self.env._("Discount rejected: %(reason)s", reason=reason)
            requests.order_id._banquet_close_approval_activities(feedback)
        return True

    def action_open_approve(self):
        """The Approve button of the request: the decision wizard, asking for a reason."""
        return self._banquet_decision_wizard("approve")

    def action_open_reject(self):
        """The Reject button of the request: the decision wizard, asking for a reason."""
        return self._banquet_decision_wizard("reject")

    def _banquet_decision_wizard(self, mode):
        self.ensure_one()
        if not self.can_decide:
            raise UserError(
                self._decision_error(self.env.user)
                or self.env._("This request is no longer waiting for a decision.")
            )
        names = {"approve": self.env._("Approve"), "reject": self.env._("Reject")}
        return {
            "type": "ir.actions.act_window",
            "name": names[mode],
            "res_model": "banquet.approval.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_order_id": self.order_id.id,
                "default_request_id": self.id,
                "default_mode": mode,
            },
        }

    def action_approve(self, reason):
        """Accept the discount asked for, with the approver's reason."""
        return self._decide("approved", reason)

    def action_reject(self, reason):
        """Refuse the discount asked for, with the approver's reason."""
        return self._decide("rejected", reason)
