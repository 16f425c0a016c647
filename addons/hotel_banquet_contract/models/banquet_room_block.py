from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class BanquetRoomBlock(models.Model):
    _name = "banquet.room.block"
    _description = "Guest-Room Block"
    _inherit = ["mail.thread"]
    _order = "arrival_date, id"
    _check_company_auto = True

    order_id = fields.Many2one(
        "sale.order",
        string="Event",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('is_banquet', '=', True)]",
    )
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, string="Hotel", index=True
    )
    currency_id = fields.Many2one(related="order_id.currency_id")
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson")
    room_type_id = fields.Many2one(
        "banquet.guest.room.type",
        required=True,
        check_company=True,
        tracking=True,
    )
    arrival_date = fields.Date(required=True, tracking=True, help="First night (hotel date).")
    departure_date = fields.Date(required=True, tracking=True, help="Check-out day.")
    nights = fields.Integer(string="Number of Nights", compute="_compute_nights", store=True)
    rooms_per_night = fields.Integer(
        string="Rooms per Night",
        default=10,
        help="Rooms blocked on each night when the nights are laid out; change a night's "
        "rooms on its own line.",
    )
    rate = fields.Monetary(
        string="Nightly Rate",
        compute="_compute_rate",
        store=True,
        readonly=False,
        groups="hotel_banquet_crm.group_banquet_user",
        help="Group rate per room and night; the room type's group rate by default.",
    )
    cutoff_date = fields.Date(
        string="Cut-off Date",
        compute="_compute_cutoff_date",
        store=True,
        readonly=False,
        tracking=True,
        help="At the start of this day (hotel time) the rooms not picked up go back to the "
        "hotel's inventory. Default: the hotel's cut-off days before arrival.",
    )
    state = fields.Selection(
        [("open", "Blocked"), ("released", "Released at Cut-off"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    line_ids = fields.One2many("banquet.room.block.line", "block_id", string="Nights", copy=True)
    rooms_blocked = fields.Integer(
        compute="_compute_pickup", store=True, string="Room Nights Blocked"
    )
    rooms_picked_up = fields.Integer(
        compute="_compute_pickup", store=True, string="Room Nights Picked Up"
    )
    rooms_released = fields.Integer(
        compute="_compute_pickup", store=True, string="Room Nights Released"
    )
    pickup_percent = fields.Float(
        string="Pickup (%)",
        compute="_compute_pickup",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        help="Room nights picked up by the attendees out of those blocked.",
    )

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(departure_date > arrival_date)",
            "A room block's departure must be after its arrival.",
        ),
        (
            "rooms_per_night_positive",
            "CHECK(rooms_per_night >= 0)",
            "The rooms per night cannot be negative.",
        ),
        ("rate_positive", "CHECK(rate >= 0)", "A room rate cannot be negative."),
    ]

    @api.depends("order_id.name", "room_type_id.name", "arrival_date")
    def _compute_display_name(self):
        for block in self:
            block.display_name = "%s - %s (%s)" % (
                block.order_id.name or "",
                block.room_type_id.name or "",
                block.arrival_date or "",
            )

    @api.depends("arrival_date", "departure_date")
    def _compute_nights(self):
        for block in self:
            if block.arrival_date and block.departure_date:
                block.nights = max((block.departure_date - block.arrival_date).days, 0)
            else:
                block.nights = 0

    @api.depends("room_type_id")
    def _compute_rate(self):
        for block in self:
            block.rate = block.room_type_id.group_rate

    @api.depends("arrival_date", "company_id.banquet_room_block_cutoff_days")
    def _compute_cutoff_date(self):
        for block in self:
            if block.arrival_date:
                block.cutoff_date = block.arrival_date - timedelta(
                    days=block.company_id.banquet_room_block_cutoff_days
                )
            else:
                block.cutoff_date = False

    @api.depends("line_ids.rooms_blocked", "line_ids.rooms_picked_up", "line_ids.rooms_released")
    def _compute_pickup(self):
        for block in self:
            blocked = sum(block.line_ids.mapped("rooms_blocked"))
            picked = sum(block.line_ids.mapped("rooms_picked_up"))
            block.rooms_blocked = blocked
            block.rooms_picked_up = picked
            block.rooms_released = sum(block.line_ids.mapped("rooms_released"))
            block.pickup_percent = 100.0 * picked / blocked if blocked else 0.0

    @api.constrains("cutoff_date", "arrival_date")
    def _check_cutoff_date(self):
        for block in self:
            if block.cutoff_date and block.cutoff_date > block.arrival_date:
                raise ValidationError(
                    self.env._(
                        "The cut-off of %(block)s is after the arrival: choose a day on or "
                        "before %(arrival)s.",
                        block=block.display_name,
                        arrival=block.arrival_date,
                    )
                )

    # CRUD ---------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        blocks = super().create(vals_list)
        blocks.filtered(lambda b: not b.line_ids)._sync_nights()
        return blocks

    def write(self, vals):
        res = super().write(vals)
        if {"arrival_date", "departure_date"} & set(vals):
            self._sync_nights()
        return res

    def _sync_nights(self):
        """One line per night from arrival to departure: missing nights are added with the
        block's rooms per night and rate, nights outside the stay removed."""
        for block in self:
            if block.state != "open":
                raise UserError(
                    self.env._(
                        "%(block)s was released or cancelled: its nights cannot change.",
                        block=block.display_name,
                    )
                )
            nights = {block.arrival_date + timedelta(days=i) for i in range(block.nights)}
            have = {line.date: line for line in block.line_ids}
            commands = [Command.unlink(line.id) for day, line in have.items() if day not in nights]
            commands += [
                Command.create(
                    {"date": day, "rooms_blocked": block.rooms_per_night, "rate": block.rate}
                )
                for day in sorted(nights - set(have))
            ]
            if commands:
                block.line_ids = commands

    # Actions ------------------------------------------------------------------------------

    def action_cancel(self):
        self.filtered(lambda b: b.state == "open").write({"state": "cancelled"})
        return True

    def action_reopen(self):
        """Block the rooms again (a released block's rooms are asked for again)."""
        for block in self:
            if block.state == "open":
                continue
            block.line_ids.write({"rooms_released": 0})
        self.write({"state": "open"})
        return True

    def action_add_to_quotation(self):
        """Price the block on its quotation: one 'Guest Room' line per night, for the
        rooms it holds (after the cut-off: those picked up)."""
        product = self.env.ref("hotel_banquet_contract.product_guest_room")
        for block in self:
            order = block.order_id
            if order.state not in ("draft", "sent"):
                raise UserError(
                    self.env._(
                        "%(order)s is confirmed: its room lines change with a new contract "
                        "version, not from the room block.",
                        order=order.name,
                    )
                )
            linked = block.line_ids.filtered("sale_line_id")
            for line in linked:
                line.sale_line_id.write(line._banquet_sale_line_values())
            new = block.line_ids - linked
            sale_lines = self.env["sale.order.line"].create(
                [
                    {
                        **line._banquet_sale_line_values(),
                        "order_id": order.id,
                        "product_id": product.id,
                    }
                    for line in new
                ]
            )
            for line, sale_line in zip(new, sale_lines, strict=True):
                line.sale_line_id = sale_line
        return True

    # Cron ---------------------------------------------------------------------------------

    @api.model
    def _cron_release_room_blocks(self):
        """Give the unsold rooms of every block whose cut-off day began (hotel time) back
        to the hotel, and tell each event's salesperson once."""
        blocks = self.search(
            [
                ("state", "=", "open"),
                *self.env["res.company"]._banquet_date_domain("cutoff_date", "<="),
            ]
        )
        if not blocks:
            return
        for line in blocks.line_ids:
            line.rooms_released = max(line.rooms_blocked - line.rooms_picked_up, 0)
        # The salesperson's to-do says what happened; per-record tracking messages would
        # make the cron's cost grow with the blocks.
        blocks.with_context(tracking_disable=True).write({"state": "released"})
        blocks.order_id._banquet_notify_salespeople(
            self.env._("Room block released at cut-off"),
            self.env._(
                "The cut-off of this event's guest-room block passed: the rooms not picked "
                "up went back to the hotel's inventory. Check the pickup on the event."
            ),
        )


class BanquetRoomBlockLine(models.Model):
    _name = "banquet.room.block.line"
    _description = "Guest-Room Block Night"
    _order = "date, id"

    block_id = fields.Many2one("banquet.room.block", required=True, ondelete="cascade", index=True)
    order_id = fields.Many2one(related="block_id.order_id", store=True, string="Event")
    company_id = fields.Many2one(related="block_id.company_id", store=True, string="Hotel")
    room_type_id = fields.Many2one(related="block_id.room_type_id", store=True)
    state = fields.Selection(related="block_id.state", store=True)
    currency_id = fields.Many2one(related="block_id.currency_id")
    date = fields.Date(string="Night", required=True)
    rooms_blocked = fields.Integer(string="Blocked")
    rooms_picked_up = fields.Integer(string="Picked Up", copy=False)
    rooms_released = fields.Integer(
        string="Released",
        readonly=True,
        copy=False,
        help="Rooms given back to the hotel at the cut-off.",
    )
    rooms_held = fields.Integer(
        string="Held",
        compute="_compute_rooms_held",
        store=True,
        help="Rooms the event still holds: blocked minus released.",
    )
    pickup_percent = fields.Float(
        string="Pickup (%)", compute="_compute_rooms_held", store=True, aggregator="avg"
    )
    rate = fields.Monetary(groups="hotel_banquet_crm.group_banquet_user")
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Quotation Line",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
    )

    _sql_constraints = [
        ("night_unique", "UNIQUE(block_id, date)", "A room block has one line per night."),
        (
            "rooms_positive",
            "CHECK(rooms_blocked >= 0 AND rooms_picked_up >= 0 AND rooms_released >= 0)",
            "Room counts cannot be negative.",
        ),
        ("rate_positive", "CHECK(rate >= 0)", "A room rate cannot be negative."),
    ]

    @api.depends("rooms_blocked", "rooms_released", "rooms_picked_up")
    def _compute_rooms_held(self):
        for line in self:
            line.rooms_held = line.rooms_blocked - line.rooms_released
            line.pickup_percent = (
                100.0 * line.rooms_picked_up / line.rooms_blocked if line.rooms_blocked else 0.0
            )

    def _banquet_sale_line_values(self):
        self.ensure_one()
        return {
            "product_uom_qty": self.rooms_held,
            "price_unit": self.rate,
            "name": self.env._(
                "%(room_type)s, night of %(day)s",
                room_type=self.room_type_id.name,
                day=self.date,
            ),
        }

    @api.constrains("date")
    def _check_date_in_stay(self):
        for line in self:
            block = line.block_id
            if not block.arrival_date <= line.date < block.departure_date:
                raise ValidationError(
                    self.env._(
                        "The night of %(day)s is outside the stay of %(block)s (%(arrival)s to "
                        "%(departure)s).",
                        day=line.date,
                        block=block.display_name,
                        arrival=block.arrival_date,
                        departure=block.departure_date,
                    )
                )
