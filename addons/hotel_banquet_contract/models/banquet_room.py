from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BanquetRoom(models.Model):
    """A bookable function space of a hotel (ballroom, meeting room, garden...).

    A room with ``component_ids`` is a combination of other rooms (Ballroom = A + B + C);
    a room without components is a physical room. Occupancy is always stored per
    physical room, so booking the whole blocks every section and vice versa.
    """

    _name = "banquet.room"
    _description = "Function Room"
    _inherit = ["mail.thread", "image.mixin"]
    _order = "company_id, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Hotel",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    room_type = fields.Selection(
        [
            ("ballroom", "Ballroom"),
            ("meeting", "Meeting Room"),
            ("boardroom", "Executive Boardroom"),
            ("dining", "Private Dining Room"),
            ("outdoor", "Outdoor Venue"),
            ("other", "Other"),
        ],
        default="meeting",
        required=True,
        help="Kind of space; the room grid and the room list filter on it.",
    )
    floor = fields.Char()
    area = fields.Float(string="Area (m²)", digits=(10, 1))
    ceiling_height = fields.Float(string="Ceiling Height (m)", digits=(6, 2))
    capacity_max = fields.Integer(string="Maximum Capacity", tracking=True)
    description = fields.Html(translate=True)
    capacity_ids = fields.One2many("banquet.room.capacity", "room_id", string="Capacities")
    rate_ids = fields.One2many(
        "banquet.room.rate",
        "room_id",
        string="Rental Rates",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    setup_minutes = fields.Integer(
        string="Setup Buffer (min)",
        default=60,
        help="Minutes blocked before each event to set the room up.",
    )
    teardown_minutes = fields.Integer(
        string="Teardown Buffer (min)",
        default=60,
        help="Minutes blocked after each event to clear the room.",
    )
    minimum_spend = fields.Monetary(
        currency_field="currency_id",
        groups="hotel_banquet_crm.group_banquet_user",
        tracking=True,
        help="Minimum food and beverage revenue expected when the room is sold.",
    )
    component_ids = fields.Many2many(
        "banquet.room",
        "banquet_room_component_rel",
        "combined_id",
        "component_id",
        string="Sections",
        check_company=True,
        help="Rooms this room is made of. Booking it blocks each section; "
        "booking a section blocks it.",
    )
    combined_ids = fields.Many2many(
        "banquet.room",
        "banquet_room_component_rel",
        "component_id",
        "combined_id",
        string="Part Of",
        readonly=True,
    )
    is_combined = fields.Boolean(compute="_compute_is_combined", store=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Room codes must be unique per hotel."),
        ("area_positive", "CHECK(area >= 0)", "The room area cannot be negative."),
        ("capacity_positive", "CHECK(capacity_max >= 0)", "The room capacity cannot be negative."),
        (
            "buffers_positive",
            "CHECK(setup_minutes >= 0 AND teardown_minutes >= 0)",
            "Setup and teardown buffers cannot be negative.",
        ),
    ]

    @api.depends("component_ids")
    def _compute_is_combined(self):
        for room in self:
            room.is_combined = bool(room.component_ids)

    @api.constrains("component_ids")
    def _check_component_ids(self):
        if self._has_cycle("component_ids"):
            raise ValidationError(self.env._("A room cannot be one of its own sections."))

    def _get_physical_rooms(self):
        """Physical rooms (rooms without sections) that ``self`` occupies."""
        physical = self.browse()
        todo = self
        while todo:
            physical |= todo.filtered(lambda r: not r.component_ids)
            todo = todo.component_ids
        return physical

    def _banquet_local_date(self, when):
        """The hotel-local date of ``when``: a date is returned as is, a stored (naive UTC)
        datetime is read on the room's hotel clock."""
        self.ensure_one()
        if isinstance(when, datetime):
            return (self.company_id or self.env.company)._banquet_to_local(when).date()
        return when

    def _get_capacity(self, setup_style):
        """Capacity of the room for ``setup_style`` (maximum capacity when not configured)."""
        self.ensure_one()
        line = self.capacity_ids.filtered(lambda c: c.setup_style_id == setup_style)[:1]
        return line.capacity if line else self.capacity_max
