from odoo import fields, models, tools

from ..models.res_partner_rfm import REAL_EVENT_STATUSES, VALUE_TIERS

# a new booking counts as a rebooking from the first option on
REBOOKING_STATUSES = ("tentative", *REAL_EVENT_STATUSES)


class BanquetCustomerRetentionReport(models.Model):
    """One row per real event: did the customer book again within 90 days, and did they
    hold another event in the next calendar year? Averaged, the 90-day rebooking rate and
    the annual renewal rate. Days and years are the hotel's (its time zone)."""

    _name = "banquet.customer.retention.report"
    _description = "Banquet Rebooking and Renewal Rates"
    _auto = False
    _order = "event_date desc"
    _rec_name = "order_id"

    order_id = fields.Many2one("sale.order", string="Event", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", string="Hotel", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    event_date = fields.Date(readonly=True)
    tier = fields.Selection(VALUE_TIERS, string="Value Tier", readonly=True)
    nps_score = fields.Integer(string="Satisfaction Score", readonly=True, aggregator="avg")
    rebooked_90_percent = fields.Float(
        string="Rebooked within 90 Days (%)", readonly=True, aggregator="avg"
    )
    renewed_percent = fields.Float(string="Renewed Next Year (%)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            """
            CREATE OR REPLACE VIEW banquet_customer_retention_report AS (
                WITH events AS (
                    SELECT so.id,
                           so.company_id,
                           so.user_id,
                           so.date_order,
                           so.banquet_status,
                           so.banquet_nps_score,
                           so.banquet_nps_scored,
                           p.commercial_partner_id AS partner_id,
                           (so.event_date_start AT TIME ZONE 'UTC'
                                AT TIME ZONE COALESCE(c.banquet_tz, 'UTC'))::date AS event_date
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                      JOIN res_company c ON c.id = so.company_id
                     WHERE so.is_banquet
                       AND so.event_date_start IS NOT NULL
                       AND so.banquet_status IN %(rebooking)s
                )
                SELECT e.id,
                       e.id AS order_id,
                       e.partner_id,
                       e.company_id,
                       e.user_id,
                       e.event_date,
                       cp.banquet_tier AS tier,
                       CASE WHEN e.banquet_nps_scored THEN e.banquet_nps_score END AS nps_score,
                       CASE WHEN EXISTS (
                           SELECT 1 FROM events n
                            WHERE n.partner_id = e.partner_id AND n.id != e.id
                              AND n.date_order > e.event_date
                              AND n.date_order <= e.event_date + 91
                       ) THEN 100.0 ELSE 0.0 END AS rebooked_90_percent,
                       CASE WHEN EXISTS (
                           SELECT 1 FROM events n
                            WHERE n.partner_id = e.partner_id
                              AND n.banquet_status IN %(real)s
                              AND EXTRACT(YEAR FROM n.event_date)
                                  = EXTRACT(YEAR FROM e.event_date) + 1
                       ) THEN 100.0 ELSE 0.0 END AS renewed_percent
                  FROM events e
                  JOIN res_partner cp ON cp.id = e.partner_id
                 WHERE e.banquet_status IN %(real)s
            )
            """,
            {"rebooking": REBOOKING_STATUSES, "real": REAL_EVENT_STATUSES},
        )
