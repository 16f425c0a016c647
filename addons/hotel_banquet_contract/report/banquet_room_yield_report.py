from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.banquet_room_booking import DIARY_STATES


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

    Sold rows are the blocking rows of ``banquet.room.occupancy`` (already one per physical
    room), split by hotel day. Ids are arithmetic (no window over the whole view), so a
    filter on hotel, room or day is applied before the rows are built.
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
    state = fields.Selection(DIARY_STATES, string="Status", readonly=True)
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
            WITH order_weight AS (
                -- what each event occupied in all: area x hours over its physical rooms
                SELECT b.order_id,
                       sum(GREATEST(COALESCE(r.area, 0), 0)
                           * EXTRACT(EPOCH FROM b.date_end - b.date_start)) / 3600.0
                           AS area_hours,
                       sum(EXTRACT(EPOCH FROM b.date_end - b.date_start)) / 3600.0 AS hours
                  FROM banquet_room_occupancy o
                  JOIN banquet_room_booking b ON b.id = o.booking_id
                  JOIN banquet_room r ON r.id = o.room_id
                 WHERE o.blocking
                 GROUP BY b.order_id
            ), horizon AS (
                SELECT o.company_id, min(b.date_start) AS first_start, max(b.date_end) AS last_end
                  FROM banquet_room_occupancy o
                  JOIN banquet_room_booking b ON b.id = o.booking_id
                 WHERE o.blocking
                 GROUP BY o.company_id
            ), days AS MATERIALIZED (
                -- computed once per hotel day, not per room and day
                -- the hotel's days from its first booked month to the later of its last
                -- booked month and the current one, with their length (23/25 h on DST days)
                SELECT h.company_id,
                       s.day::date AS day,
                       EXTRACT(EPOCH FROM ((s.day + interval '1 day') AT TIME ZONE z.tz)
                                        - (s.day AT TIME ZONE z.tz)) / 3600.0 AS hours
                  FROM horizon h
                  JOIN res_company c ON c.id = h.company_id
                 CROSS JOIN LATERAL (SELECT COALESCE(c.banquet_tz, 'UTC') AS tz) z
                 CROSS JOIN LATERAL generate_series(
                        date_trunc('month', (h.first_start AT TIME ZONE 'UTC') AT TIME ZONE z.tz),
                        date_trunc('month', GREATEST(
                            (h.last_end AT TIME ZONE 'UTC') AT TIME ZONE z.tz,
                            now() AT TIME ZONE z.tz))
                            + interval '1 month' - interval '1 day',
                        interval '1 day') AS s(day)
            )
            -- what was sold: per booking, physical room (its occupancy row) and hotel day;
            -- even ids, built from the occupancy row and the day (no window over the view)
            SELECT 2 * (o.id::bigint * 4096 + (d.day - l.first_day)) AS id,
                   d.day AS date,
                   o.room_id,
                   b.room_id AS booked_room_id,
                   o.company_id,
                   c.currency_id,
                   b.order_id,
                   so.user_id,
                   b.state,
                   GREATEST(COALESCE(r.area, 0), 0) AS area,
                   d.hours AS booked_hours,
                   GREATEST(COALESCE(r.area, 0), 0) * d.hours AS occupied_area_hours,
                   0.0 AS available_area_hours,
                   so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1.0) * CASE
                       WHEN w.area_hours > 0
                       THEN GREATEST(COALESCE(r.area, 0), 0) * d.hours / w.area_hours
                       ELSE d.hours / NULLIF(w.hours, 0) END AS revenue,
                   0.0 AS revpafs,
                   0.0 AS occupancy_rate
              FROM banquet_room_occupancy o
              JOIN banquet_room_booking b ON b.id = o.booking_id
              JOIN sale_order so ON so.id = b.order_id
              JOIN order_weight w ON w.order_id = b.order_id
              JOIN banquet_room r ON r.id = o.room_id
              JOIN res_company c ON c.id = o.company_id
             CROSS JOIN LATERAL (SELECT COALESCE(c.banquet_tz, 'UTC') AS tz) z
             CROSS JOIN LATERAL (
                    SELECT ((b.date_start AT TIME ZONE 'UTC') AT TIME ZONE z.tz)::date
                           AS first_day
                   ) l
             CROSS JOIN LATERAL (
                    SELECT s.day::date AS day,
                           EXTRACT(EPOCH FROM
                               LEAST(b.date_end,
                                     ((s.day + interval '1 day') AT TIME ZONE z.tz)
                                         AT TIME ZONE 'UTC')
                               - GREATEST(b.date_start,
                                          (s.day AT TIME ZONE z.tz) AT TIME ZONE 'UTC')
                           ) / 3600.0 AS hours
                      FROM generate_series(
                               l.first_day::timestamp,
                               (b.date_end AT TIME ZONE 'UTC') AT TIME ZONE z.tz
                                   - interval '1 microsecond',
                               interval '1 day') AS s(day)
                   ) d
             WHERE o.blocking
             UNION ALL
            -- what could be sold: every physical room, every day of the horizon; odd ids
            SELECT 2 * (r.id::bigint * 65536 + (d.day - DATE '2000-01-01')) + 1,
                   d.day,
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
                   GREATEST(COALESCE(r.area, 0), 0) * d.hours,
                   0.0,
                   0.0,
                   0.0
              FROM banquet_room r
              JOIN res_company c ON c.id = r.company_id
              JOIN days d ON d.company_id = r.company_id
             WHERE r.active
               AND NOT EXISTS (SELECT 1 FROM banquet_room_component_rel rel
                                WHERE rel.combined_id = r.id)
            )
            """
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
