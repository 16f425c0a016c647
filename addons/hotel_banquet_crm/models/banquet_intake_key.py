import hashlib
import secrets

from odoo import api, fields, models

KEY_PREFIX_LENGTH = 8


class BanquetIntakeKey(models.Model):
    """API key of an intake channel. Only a SHA-256 hash of the key is stored."""

    _name = "banquet.intake.key"
    _description = "Banquet Intake API Key"
    _check_company_auto = True
    _order = "create_date desc, id desc"
    _rec_name = "key_prefix"

    channel_id = fields.Many2one(
        "banquet.intake.channel", required=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="channel_id.company_id", store=True)
    key_prefix = fields.Char(readonly=True, help="First characters of the key, to recognise it.")
    key_hash = fields.Char(readonly=True, required=True, groups="base.group_system")
    active = fields.Boolean(default=True)
    revoked_date = fields.Datetime(readonly=True)
    last_used_date = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("key_hash_uniq", "unique(key_hash)", "This API key already exists."),
    ]

    @api.model
    def _hash(self, clear_key):
        return hashlib.sha256(clear_key.encode()).hexdigest()

    @api.model
    def _generate(self, channel):
        clear_key = secrets.token_urlsafe(32)
        # key_hash is restricted to system users; managers create keys without reading it
        self.sudo().create(
            {
                "channel_id": channel.id,
                "key_prefix": clear_key[:KEY_PREFIX_LENGTH],
                "key_hash": self._hash(clear_key),
            }
        )
        return clear_key

    @api.model
    def _authenticate(self, clear_key):
        """Return the active key matching ``clear_key`` (sudo), or an empty recordset."""
        if not clear_key:
            return self.browse()
        # the caller is the public user, authenticated by this very key
        return self.sudo().search(
            [("key_hash", "=", self._hash(clear_key)), ("channel_id.active", "=", True)],
            limit=1,
        )

    def action_revoke(self):
        self.write({"active": False, "revoked_date": fields.Datetime.now()})


class BanquetIntakeKeyShow(models.TransientModel):
    _name = "banquet.intake.key.show"
    _description = "Show a new API key once"

    key = fields.Char(readonly=True)
