from odoo import fields, models, tools

from ..models.banquet_room_booking import DIARY_STATES


class BanquetRoomYieldReport(models.Model):
    """Occupancy and revenue per function room, for yield analysis (RevPAFS, 坪效).

    One row per booking: the order's untaxed revenue is shared equally among its room
    bookings, then divided by the room's area to give the revenue per square metre.
    Summed by room and period, that is the revenue per available function space.
    """

    _name = "banquet.room.yield.report"
    _description = "Function Room Yield Analysis"
    _auto = False
    _order = "date_start desc"
    _rec_name = "room_id"

    room_id = fields.Many2one("banquet.room", string="Function Room", readonly=True)
    company_id = fields.Many2one("res.company", string="Hotel", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    state = fields.Selection(DIARY_STATES, string="Status", readonly=True)
    date_start = fields.Datetime(string="Start", readonly=True)
    booked_hours = fields.Float(readonly=True, aggregator="sum")
    area = fields.Float(string="Area (m²)", readonly=True, aggregator="max")
    pax = fields.Integer(string="Attendance", readonly=True)
    revenue = fields.Monetary(readonly=True)
    revenue_per_sqm = fields.Monetary(string="Revenue per m² (RevPAFS)", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            """
            CREATE OR REPLACE VIEW banquet_room_yield_report AS (
                SELECT b.id,
                       b.room_id,
                       b.company_id,
                       c.currency_id,
                       b.order_id,
                       so.user_id,
                       b.state,
                       b.date_start,
                       EXTRACT(EPOCH FROM b.date_end - b.date_start) / 3600.0 AS booked_hours,
                       r.area,
                       b.expected_pax AS pax,
                       so.amount_untaxed / n.bookings AS revenue,
                       CASE WHEN r.area > 0
                            THEN so.amount_untaxed / n.bookings / r.area
                            ELSE 0 END AS revenue_per_sqm
                  FROM banquet_room_booking b
                  JOIN sale_order so ON so.id = b.order_id
                  JOIN banquet_room r ON r.id = b.room_id
                  JOIN res_company c ON c.id = b.company_id
                  JOIN (SELECT order_id, count(*) AS bookings
                          FROM banquet_room_booking GROUP BY order_id) n
                    ON n.order_id = b.order_id
                 WHERE b.blocking
            )
            """
        )
