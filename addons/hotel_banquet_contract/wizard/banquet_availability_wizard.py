from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.banquet_room_rate import DAY_PARTS


class BanquetAvailabilityWizard(models.TransientModel):
    """Find the function rooms that fit an attendance and are free for a time range."""

    _name = "banquet.availability.wizard"
    _description = "Function Room Availability Search"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", string="Hotel", required=True, default=lambda self: self.env.company
    )
    date_start = fields.Datetime(string="Start", required=True)
    date_end = fields.Datetime(string="End", required=True)
    pax = fields.Integer(string="Attendance", required=True, default=1)
    setup_style_id = fields.Many2one("banquet.setup.style", check_company=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", help="Customer of the quotation created from a result."
    )
    event_name = fields.Char()
    opportunity_id = fields.Many2one(
        "crm.lead",
        string="Inquiry",
        domain="[('is_banquet', '=', True)]",
        help="Inquiry the search was started from; a quotation made here is linked to it.",
    )
    order_id = fields.Many2one(
        "sale.order",
        string="Add to Quotation",
        check_company=True,
        domain="[('is_banquet', '=', True), ('state', 'in', ('draft', 'sent'))]",
        help="Leave empty to create a new quotation from a result; set it to add the room "
        "to an existing banquet quotation.",
    )
    day_part = fields.Selection(
        DAY_PARTS, default="full_day", help="Day part whose rental rate is shown for each room."
    )
    line_ids = fields.One2many("banquet.availability.wizard.line", "wizard_id", string="Free Rooms")
    searched = fields.Boolean(readonly=True)

    def _banquet_team(self):
        """The hotel's banquet sales team, the user's own first."""
        self.ensure_one()
        teams = self.env["crm.team"].search(
            [("is_banquet", "=", True), ("company_id", "in", [self.company_id.id, False])]
        )
        mine = teams.filtered(lambda t: self.env.user in t.member_ids)
        return mine[:1] or teams[:1]

    def _find_free_rooms(self):
        """Rooms of the hotel that hold ``pax`` in the setup style and are free, buffers
        included, on every physical room they occupy. Constant number of queries."""
        self.ensure_one()
        if self.date_end <= self.date_start:
            raise UserError(self.env._("The end of the search must be after its start."))
        rooms = self.env["banquet.room"].search([("company_id", "=", self.company_id.id)])
        rooms = rooms.filtered(lambda r: r._get_capacity(self.setup_style_id) >= self.pax)
        if not rooms:
            return rooms
        physical = rooms._get_physical_rooms()
        widest_setup = max(rooms.mapped("setup_minutes"))
        widest_teardown = max(rooms.mapped("teardown_minutes"))
        busy = self.env["banquet.room.occupancy"]._busy_physical_rooms(
            physical,
            self.date_start - timedelta(minutes=widest_setup),
            self.date_end + timedelta(minutes=widest_teardown),
        )

        def is_free(room):
            start = self.date_start - timedelta(minutes=room.setup_minutes)
            stop = self.date_end + timedelta(minutes=room.teardown_minutes)
            return not any(
                busy_from < stop and start < busy_to
                for part in room._get_physical_rooms()
                for busy_from, busy_to in busy.get(part.id, [])
            )

        return rooms.filtered(is_free)

    def action_search(self):
        """Fill the result lines and show them in the same dialog."""
        self.ensure_one()
        rooms = self._find_free_rooms()
        # sudo: rates are read to quote a price; the result lines show it to sales users only.
        rates = self.env["banquet.room.rate"].sudo().search([("room_id", "in", rooms.ids)])
        hours = (self.date_end - self.date_start).total_seconds() / 3600
        lines = []
        for room in rooms:
            # priced on the hotel's date of the start, not the user's
            rate = rates._select_rate(room, self.day_part or "full_day", self.date_start)
            price = rate.price * hours if self.day_part == "hourly" else rate.price
            lines.append(
                fields.Command.create(
                    {
                        "room_id": room.id,
                        "capacity": room._get_capacity(self.setup_style_id),
                        "rental_price": price,
                    }
                )
            )
        self.line_ids = [fields.Command.clear()] + lines
        self.searched = True
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Function Room Availability"),
        }


class BanquetAvailabilityWizardLine(models.TransientModel):
    _name = "banquet.availability.wizard.line"
    _description = "Free Function Room"
    _order = "capacity, id"
    _check_company_auto = True

    wizard_id = fields.Many2one("banquet.availability.wizard", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="wizard_id.company_id")
    room_id = fields.Many2one(
        "banquet.room", string="Function Room", required=True, check_company=True
    )
    capacity = fields.Integer()
    currency_id = fields.Many2one(related="company_id.currency_id")
    rental_price = fields.Monetary(
        currency_field="currency_id",
        help="Room rental for the searched day part from the room's rates (0 without a rate).",
    )
    area = fields.Float(related="room_id.area")
    floor = fields.Char(related="room_id.floor")

    @api.model
    def _quotation_values(self, wizard, room):
        # The order's dates and attendance follow from its functions.
        values = {}
        lead = wizard.opportunity_id
        if lead:
            # What core gives a quotation made from an opportunity: link, origin, channel.
            values = {
                key.removeprefix("default_"): value
                for key, value in lead._prepare_opportunity_quotation_context().items()
                if key.startswith("default_")
            }
        team = self.env["crm.team"].browse(values.get("team_id"))
        if not team.is_banquet:
            values["team_id"] = wizard._banquet_team().id
        return values | {
            "partner_id": wizard.partner_id.id,
            "company_id": wizard.company_id.id,
            "is_banquet": True,
            "event_name": wizard.event_name,
            "booking_ids": [
                fields.Command.create(
                    {
                        "room_id": room.id,
                        "date_start": wizard.date_start,
                        "date_end": wizard.date_end,
                        "expected_pax": wizard.pax,
                        "setup_style_id": wizard.setup_style_id.id,
                        "day_part": wizard.day_part,
                    }
                )
            ],
        }

    def action_create_quotation(self):
        """Add this room to the chosen quotation, or create a banquet quotation (status
        Inquiry) holding it; then open the quotation."""
        self.ensure_one()
        wizard = self.wizard_id
        values = self._quotation_values(wizard, self.room_id)
        if wizard.order_id:
            order = wizard.order_id
            order.write({"booking_ids": values["booking_ids"]})
        else:
            if not wizard.partner_id and wizard.opportunity_id:
                # As core's "New Quotation" does: the inquiry's contact becomes the customer.
                wizard.opportunity_id._handle_partner_assignment(create_missing=True)
                wizard.partner_id = wizard.opportunity_id.partner_id
                values["partner_id"] = wizard.partner_id.id
            if not wizard.partner_id:
                raise UserError(self.env._("Choose the customer before creating a quotation."))
            order = self.env["sale.order"].create(values)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
            "target": "current",
        }
