import hashlib
from datetime import timedelta

from odoo import api, fields, models

# first key of the PostgreSQL advisory locks taken per client address (second key: a hash)
FORM_LIMIT_LOCK = 0x42414657  # "BAFW"


class BanquetIntakeFormStamp(models.Model):
    """A signed stamp of the public inquiry form that was used: each is good for one post,
    and the posts of one client address are counted for the hotel's rate limit."""

    _name = "banquet.intake.form.stamp"
    _description = "Banquet Web Form Stamp"
    _order = "id desc"
    _log_access = False

    nonce = fields.Char(required=True, readonly=True)
    remote_addr = fields.Char(string="Client Address", required=True, readonly=True)
    use_date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    company_id = fields.Many2one("res.company", string="Hotel", required=True, readonly=True)

    _sql_constraints = [
        ("nonce_uniq", "unique(nonce)", "This form stamp was already used."),
    ]

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS banquet_intake_form_stamp_addr_date_idx"
            " ON banquet_intake_form_stamp (remote_addr, use_date)"
        )

    @api.model
    def _use(self, nonce, remote_addr, company, window_minutes=60):
        """Spend the stamp ``nonce`` for a post from ``remote_addr`` to ``company``'s form.

        Returns ``"ok"``, ``"used"`` (the stamp was already posted) or ``"limit"`` (the
        address made the hotel's number of posts in the last hour). Exact under
        concurrency: an advisory lock per address around the count and the insert, in a
        short transaction of its own, so that a post refused later (e.g. a missing name)
        still spends its stamp, and the request's own transaction holds no lock.
        """
        limit = company.banquet_form_limit_per_hour
        now = fields.Datetime.now()
        address_key = int.from_bytes(hashlib.sha256(remote_addr.encode()).digest()[:4], "big")
        registry = self.env.registry
        with registry.cursor() as cr:
            if not registry.in_test_mode():
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [FORM_LIMIT_LOCK, address_key - 2**31]
            )
            cr.execute(
                "SELECT count(*) FROM banquet_intake_form_stamp"
                " WHERE remote_addr = %s AND use_date >= %s",
                [remote_addr, now - timedelta(minutes=window_minutes)],
            )
            if limit and cr.fetchone()[0] >= limit:
                return "limit"
            cr.execute(
                "INSERT INTO banquet_intake_form_stamp (nonce, remote_addr, use_date, company_id)"
                " VALUES (%s, %s, %s, %s) ON CONFLICT (nonce) DO NOTHING RETURNING id",
                [nonce, remote_addr, now, company.id],
            )
            return "ok" if cr.fetchone() else "used"

    @api.autovacuum
    def _gc_old_stamps(self):
        """Stamps expire after a day: older used ones need not be remembered."""
        self.search([("use_date", "<", fields.Datetime.now() - timedelta(days=2))]).unlink()
