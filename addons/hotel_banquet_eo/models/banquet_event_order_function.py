from odoo import api, fields, models


class BanquetEventOrderFunction(models.Model):
    """One function of an Event Order: a room at a time, and what happens in it."""

    _name = "banquet.event.order.function"
    _description = "Event Order Function"
    _order = "event_order_id, sequence, date_start, id"
    _check_company_auto = True

    event_order_id = fields.Many2one(
        "banquet.event.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="event_order_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    booking_id = fields.Many2one(
        "banquet.room.booking",
        string="Function Booking",
        check_company=True,
        ondelete="set null",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    room_id = fields.Many2one("banquet.room", check_company=True)
    date_start = fields.Datetime(string="Start")
    date_end = fields.Datetime(string="End")
    setup_style_id = fields.Many2one("banquet.setup.style")
    pax = fields.Integer(string="Attendance")
    service_timings = fields.Text(
        help="Timings of service: reception, speeches, courses, breaks, end of service."
    )
    menu = fields.Text(string="Menu and Beverages")
    dietary_notes = fields.Text(string="Dietary and Allergy Notes")
    av_equipment = fields.Text(string="AV and Equipment")
    stage_signage = fields.Text(string="Stage and Signage")
    linen_decor = fields.Text(string="Linen and Décor")
    notes = fields.Text()
    layout_drawing = fields.Binary(attachment=True)
    layout_filename = fields.Char()
    actual_pax = fields.Integer(
        string="Actual Attendance", help="Counted on the day, entered by the event manager."
    )
    consumption_notes = fields.Text(
        string="Consumption and Extras", help="What was consumed beyond the order, after the event."
    )

    _sql_constraints = [
        (
            "pax_positive",
            "CHECK(pax >= 0 AND actual_pax >= 0)",
            "Attendance figures of a function cannot be negative.",
        ),
    ]

    @api.depends("room_id", "date_start", "event_order_id.company_id")
    def _compute_display_name(self):
        for function in self:
            when = ""
            if function.date_start:
                company = function.event_order_id.company_id or self.env.company
                when = company._banquet_to_local(function.date_start).strftime("%m-%d %H:%M")
            function.display_name = " · ".join(
                filter(None, [function.room_id.name, when])
            ) or self.env._("Function")
