from datetime import timedelta

from odoo import api, fields, models


class BanquetIntakeRequest(models.Model):
    """One authenticated call of the intake API: rate limiting and idempotency."""

    _name = "banquet.intake.request"
    _description = "Banquet Intake Request"
    _order = "id desc"
    _log_access = False

    channel_id = fields.Many2one(
        "banquet.intake.channel", required=True, ondelete="cascade", index=True
    )
    key_id = fields.Many2one("banquet.intake.key", ondelete="cascade")
    company_id = fields.Many2one(related="channel_id.company_id", store=True)
    request_date = fields.Datetime(required=True, default=fields.Datetime.now)
    idempotency_key = fields.Char()
    lead_id = fields.Many2one("crm.lead", ondelete="set null")

    _sql_constraints = [
        (
            "channel_idempotency_uniq",
            "unique(channel_id, idempotency_key)",
            "This idempotency key was already used on this channel.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS banquet_intake_request_key_date_idx"
            " ON banquet_intake_request (key_id, request_date)"
        )

    @api.model
    def _count_recent(self, key, seconds=60):
        since = fields.Datetime.now() - timedelta(seconds=seconds)
        return self.search_count([("key_id", "=", key.id), ("request_date", ">=", since)])

    @api.autovacuum
    def _gc_old_requests(self):
        """Keep a week of idempotency keys; plain request counters only a day."""
        now = fields.Datetime.now()
        self.search(
            [
                "|",
                ("request_date", "<", now - timedelta(days=7)),
                "&",
                ("idempotency_key", "=", False),
                ("request_date", "<", now - timedelta(days=1)),
            ]
        ).unlink()
