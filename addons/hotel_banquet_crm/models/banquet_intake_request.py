import hashlib
from datetime import timedelta

from odoo import api, fields, models

# first key of the PostgreSQL advisory locks taken per intake key (second key: its id)
RATE_LIMIT_LOCK = 0x42415151  # "BAQQ"
# first key of the advisory locks taken per client address for failed keys (second: a hash)
FAILED_KEY_LOCK = 0x4241464B  # "BAFK"
FAILED_KEY_PARAM = "hotel_banquet_crm.intake_failed_keys_per_minute"
FAILED_KEY_DEFAULT_LIMIT = 10


class BanquetIntakeRequest(models.Model):
    """One authenticated call of the intake API, for its rate limit and the key's usage.

    Written in a short transaction of its own (see ``_reserve``), so the request that made
    it cannot see or change it; the idempotency key lives on the inquiry itself.
    """

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

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS banquet_intake_request_key_date_idx"
            " ON banquet_intake_request (key_id, request_date)"
        )

    @api.model
    def _reserve(self, key, seconds=60):
        """Log a call of ``key`` unless it made its channel's limit of calls in the last
        ``seconds``; return the new log row's id, or ``False`` when the limit is reached.

        Exact under concurrency: a transaction-level advisory lock per key is held around
        the count and the insert only. They run in their own short transaction (READ
        COMMITTED, so the count sees what the previous holder of the lock committed); the
        request's own transaction, which creates the inquiry, never holds the lock.
        """
        limit = key.channel_id.rate_limit_per_minute
        now = fields.Datetime.now()
        row = self._banquet_counted_insert(
            RATE_LIMIT_LOCK,
            key.id,
            """
            INSERT INTO banquet_intake_request (channel_id, key_id, company_id, request_date)
            SELECT %(channel)s, %(key)s, %(company)s, %(now)s
             WHERE (SELECT count(*) FROM banquet_intake_request
                     WHERE key_id = %(key)s AND request_date >= %(since)s) < %(limit)s
            RETURNING id
            """,
            {
                "channel": key.channel_id.id,
                "key": key.id,
                "company": key.company_id.id,
                "now": now,
                "since": now - timedelta(seconds=seconds),
                "limit": limit,
            },
        )
        return row[0] if row else False

    @api.model
    def _banquet_counted_insert(self, lock, lock_key, insert, params):
        """Run ``insert`` (an INSERT ... WHERE (count of recent rows) < limit RETURNING)
        under a transaction-level advisory lock (``lock``, ``lock_key``) in a short
        transaction of its own; return the row it returned, or None at the limit.

        Exact under concurrency: the lock is held around the count and the insert only;
        outside tests (which share one transaction already under way) the transaction is
        READ COMMITTED, so that the count, run once the lock is granted, sees what the
        previous holder committed, with no wait for a disk flush at commit (losing the last
        counter rows in a crash is harmless). The request's own transaction never holds the
        lock. Plain SQL: this row is all the short transaction writes.
        """
        registry = self.env.registry
        with registry.cursor() as cr:
            settings = (
                ""
                if registry.in_test_mode()
                else "SET TRANSACTION ISOLATION LEVEL READ COMMITTED;"
                " SET LOCAL synchronous_commit = off;"
            )
            cr.execute(
                settings + "SELECT pg_advisory_xact_lock(%(lock)s, %(lock_key)s);" + insert,
                {**params, "lock": lock, "lock_key": lock_key},
            )
            return cr.fetchone()

    @api.model
    def _committed_lead(self, channel, idempotency_key):
        """The inquiry another request committed for ``idempotency_key``, read from a fresh
        cursor: the request's own snapshot predates that commit and cannot see it."""
        with self.env.registry.cursor() as cr:
            lead = self.env(cr=cr)["crm.lead"].search(
                [
                    ("banquet_intake_channel_id", "=", channel.id),
                    ("banquet_idempotency_key", "=", idempotency_key),
                ],
                limit=1,
            )
            return lead.id and {"reference": lead.banquet_reference, "id": lead.id}

    @api.autovacuum
    def _gc_old_requests(self):
        """A week of calls is kept: the keys' last use and the rate limit need no more."""
        self.search([("request_date", "<", fields.Datetime.now() - timedelta(days=7))]).unlink()


class BanquetIntakeKeyFailure(models.Model):
    """A call of the intake API with an unknown, revoked or expired key, per client address:
    an address that made the limit of failed keys in the last minute gets 429, whatever key
    it sends, until the minute is over (no guess is confirmed while it is blocked).

    Stored as the per-key limit is (``BanquetIntakeRequest._reserve``): one row per failed
    call, counted and inserted in a short transaction of its own under an advisory lock per
    address, so that the limit holds across workers; no row is shared or updated.
    """

    _name = "banquet.intake.key.failure"
    _description = "Banquet Intake Failed API Key"
    _order = "id desc"
    _log_access = False

    remote_addr = fields.Char(string="Client Address", required=True, readonly=True)
    attempt_date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS banquet_intake_key_failure_addr_date_idx"
            " ON banquet_intake_key_failure (remote_addr, attempt_date)"
        )

    @api.model
    def _failure_limit(self):
        # sudo: a system parameter, read for a caller that is not logged in
        value = self.env["ir.config_parameter"].sudo().get_param(FAILED_KEY_PARAM, "")
        return int(value) if value.isdigit() else FAILED_KEY_DEFAULT_LIMIT

    @api.model
    def _blocked(self, remote_addr, seconds=60):
        """Whether ``remote_addr`` made the limit of failed keys in the last ``seconds``."""
        self.env.cr.execute(
            "SELECT count(*) FROM banquet_intake_key_failure"
            " WHERE remote_addr = %s AND attempt_date >= %s",
            [remote_addr, fields.Datetime.now() - timedelta(seconds=seconds)],
        )
        return self.env.cr.fetchone()[0] >= self._failure_limit()

    @api.model
    def _log_failure(self, remote_addr, seconds=60):
        """Log a failed key from ``remote_addr`` unless it made the limit in the last
        ``seconds``; return True when logged (answer 401), False at the limit (429).

        Exact under concurrency: an advisory lock per address around the count and the
        insert, in a short transaction of its own (READ COMMITTED, so the count sees what
        the previous holder of the lock committed).
        """
        limit = self._failure_limit()
        now = fields.Datetime.now()
        address_key = int.from_bytes(hashlib.sha256(remote_addr.encode()).digest()[:4], "big")
        # the same locked count-and-insert as the per-key limit, per address
        row = self.env["banquet.intake.request"]._banquet_counted_insert(
            FAILED_KEY_LOCK,
            address_key - 2**31,
            """
            INSERT INTO banquet_intake_key_failure (remote_addr, attempt_date)
            SELECT %(addr)s, %(now)s
             WHERE (SELECT count(*) FROM banquet_intake_key_failure
                     WHERE remote_addr = %(addr)s AND attempt_date >= %(since)s) < %(limit)s
            RETURNING id
            """,
            {
                "addr": remote_addr,
                "now": now,
                "since": now - timedelta(seconds=seconds),
                "limit": limit,
            },
        )
        return bool(row)

    @api.autovacuum
    def _gc_old_failures(self):
        """A day of failed keys is kept: the limit needs a minute, a manager a look back."""
        self.search([("attempt_date", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
