from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.sale_order import BANQUET_STATUSES, BLOCKING_STATUSES


class BanquetRoomYieldReport(models.Model):
    """Revenue and occupancy per physical function room and hotel day (RevPAFS, 坪效).

    Two kinds of rows, by physical room (a combined room is its sections) and by day of
    the hotel's calendar:

    * what was sold: one row per booking, physical room and day it occupies. The order's
      untaxed revenue, in the hotel's currency, is shared between its rooms by what each
      occupied: area × hours (by hours when the rooms have no area).
    * what could be sold: one row per physical room and day, with its area × the hours of
      that day (23 or 25 on a daylight-saving change), over every month from the hotel's
      first booking to the later of its last booking and the current month.

    RevPAFS = revenue / available m²·h and occupancy = occupied / available m²·h are
    ratios of sums, computed over whatever the pivot groups (see ``_read_group_select``).
    """

    _name = "banquet.room.yield.report"
    _description = "Function Room Yield Analysis"
    _auto = False
    _order = "date desc, room_id"
    _rec_name = "room_id"

    date = fields.Date(string="Day", readonly=True, help="Day of the hotel's calendar.")
    room_id = fields.Many2one(
        "banquet.room",
        string="Function Room",
        readonly=True,
        help="Physical room: a booking of a combined room counts on each of its sections.",
    )
    booked_room_id = fields.Many2one("banquet.room", string="Booked As", readonly=True)
    company_id = fields.Many2one("res.company", string="Hotel", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    state = fields.Selection(BANQUET_STATUSES, string="Status", readonly=True)
    area = fields.Float(string="Area (m²)", readonly=True, aggregator="max")
    booked_hours = fields.Float(readonly=True, aggregator="sum")
    occupied_area_hours = fields.Float(
        string="Occupied (m²·h)", readonly=True, aggregator="sum", help="Area × booked hours."
    )
    available_area_hours = fields.Float(
        string="Available (m²·h)",
        readonly=True,
        aggregator="sum",
        help="Area × hours of the day, for every room and day of the period.",
    )
    revenue = fields.Monetary(
        readonly=True, help="Untaxed revenue of the events, in the hotel's currency."
    )
    revpafs = fields.Monetary(
        string="RevPAFS (per m²·h)",
        readonly=True,
        help="Revenue per available function space: revenue / available m²·h.",
    )
    occupancy_rate = fields.Float(
        string="Occupancy (%)",
        readonly=True,
        aggregator="sum",
        help="Occupied m²·h / available m²·h.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW banquet_room_yield_report AS (
            WITH RECURSIVE parts(room_id, part_id) AS (
                SELECT id, id FROM banquet_room
                 UNION
                SELECT p.room_id, rel.component_id
                  FROM parts p
                  JOIN banquet_room_component_rel rel ON rel.combined_id = p.part_id
            ), physical AS (
                SELECT p.room_id, p.part_id
                  FROM parts p
                 WHERE NOT EXISTS (SELECT 1 FROM banquet_room_component_rel rel
                                    WHERE rel.combined_id = p.part_id)
            ), booked AS (
                -- one row per booking, physical room and hotel day it occupies
                SELECT b.id AS booking_id,
                       b.order_id,
                       b.room_id AS booked_room_id,
                       ph.part_id AS room_id,
                       b.company_id,
                       c.currency_id,
                       b.state,
                       so.user_id,
                       so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1.0)
                           AS order_revenue,
                       GREATEST(COALESCE(r.area, 0), 0) AS area,
                       d.day,
                       EXTRACT(EPOCH FROM LEAST(b.date_end, d.day_end)
                                        - GREATEST(b.date_start, d.day_start)) / 3600.0
                           AS hours
                  FROM banquet_room_booking b
                  JOIN sale_order so ON so.id = b.order_id
                  JOIN res_company c ON c.id = b.company_id
                  JOIN physical ph ON ph.room_id = b.room_id
                  JOIN banquet_room r ON r.id = ph.part_id
                 CROSS JOIN LATERAL (
                        SELECT s.day::date AS day,
                               (s.day AT TIME ZONE COALESCE(c.banquet_tz, 'UTC'))
                                   AT TIME ZONE 'UTC' AS day_start,
                               ((s.day + interval '1 day')
                                   AT TIME ZONE COALESCE(c.banquet_tz, 'UTC'))
                                   AT TIME ZONE 'UTC' AS day_end
                          FROM generate_series(
                                   date_trunc('day', (b.date_start AT TIME ZONE 'UTC')
                                       AT TIME ZONE COALESCE(c.banquet_tz, 'UTC')),
                                   (b.date_end AT TIME ZONE 'UTC')
                                       AT TIME ZONE COALESCE(c.banquet_tz, 'UTC')
                                       - interval '1 microsecond',
                                   interval '1 day') AS s(day)
                       ) d
                 WHERE b.state IN %(statuses)s
                   AND b.date_end > b.date_start
            ), weighted AS (
                SELECT bk.*,
                       bk.area * bk.hours AS area_hours,
                       sum(bk.area * bk.hours) OVER (PARTITION BY bk.order_id)
                           AS order_area_hours,
                       sum(bk.hours) OVER (PARTITION BY bk.order_id) AS order_hours
                  FROM booked bk
            ), horizon AS (
                SELECT bk.company_id,
                       date_trunc('month', min(bk.day)::timestamp) AS first_day,
                       date_trunc('month', GREATEST(max(bk.day), (now() AT TIME ZONE
                           COALESCE(max(c.banquet_tz), 'UTC'))::date)::timestamp)
                           + interval '1 month' - interval '1 day' AS last_day
                  FROM booked bk
                  JOIN res_company c ON c.id = bk.company_id
                 GROUP BY bk.company_id
            ), rows AS (
                SELECT 0 AS kind,
                       w.day AS date,
                       w.room_id,
                       w.booked_room_id,
                       w.company_id,
                       w.currency_id,
                       w.order_id,
                       w.user_id,
                       w.state,
                       w.area,
                       w.hours AS booked_hours,
                       w.area_hours AS occupied_area_hours,
                       0.0 AS available_area_hours,
                       w.order_revenue * CASE
                           WHEN w.order_area_hours > 0 THEN w.area_hours / w.order_area_hours
                           ELSE w.hours / NULLIF(w.order_hours, 0) END AS revenue,
                       w.booking_id
                  FROM weighted w
                 UNION ALL
                SELECT 1,
                       s.day::date,
                       r.id,
                       NULL,
                       r.company_id,
                       c.currency_id,
                       NULL,
                       NULL,
                       NULL,
                       GREATEST(COALESCE(r.area, 0), 0),
                       0.0,
                       0.0,
                       GREATEST(COALESCE(r.area, 0), 0) * EXTRACT(EPOCH FROM
                           ((s.day + interval '1 day') AT TIME ZONE COALESCE(c.banquet_tz, 'UTC'))
                           - (s.day AT TIME ZONE COALESCE(c.banquet_tz, 'UTC'))) / 3600.0,
                       0.0,
                       NULL
                  FROM banquet_room r
                  JOIN res_company c ON c.id = r.company_id
                  JOIN horizon h ON h.company_id = r.company_id
                 CROSS JOIN LATERAL generate_series(h.first_day, h.last_day, interval '1 day')
                       AS s(day)
                 WHERE r.active
                   AND NOT EXISTS (SELECT 1 FROM banquet_room_component_rel rel
                                    WHERE rel.combined_id = r.id)
            )
            SELECT row_number() OVER (ORDER BY kind, date, room_id, booking_id) AS id,
                   date, room_id, booked_room_id, company_id, currency_id, order_id, user_id,
                   state, area, booked_hours, occupied_area_hours, available_area_hours,
                   revenue,
                   0.0 AS revpafs,
                   0.0 AS occupancy_rate
              FROM rows
            )
            """,
                statuses=BLOCKING_STATUSES,
            )
        )

    def _read_group_select(self, aggregate_spec, query):
        # ratios of sums over the group, not sums of per-row ratios
        ratios = {
            "revpafs:sum": ("revenue", 1.0),
            "occupancy_rate:sum": ("occupied_area_hours", 100.0),
        }
        if aggregate_spec not in ratios:
            return super()._read_group_select(aggregate_spec, query)
        numerator, factor = ratios[aggregate_spec]
        return SQL(
            "COALESCE(%s * SUM(%s) / NULLIF(SUM(%s), 0), 0)",
            factor,
            self._field_to_sql(self._table, numerator, query),
            self._field_to_sql(self._table, "available_area_hours", query),
        )
