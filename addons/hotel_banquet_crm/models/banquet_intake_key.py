import hashlib
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

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
    name = fields.Char(string="Description", help="Who uses this key, e.g. the platform's name.")
    key_prefix = fields.Char(readonly=True, help="First characters of the key, to recognise it.")
    key_hash = fields.Char(readonly=True, required=True, groups="base.group_system")
    active = fields.Boolean(default=True)
    expiration_date = fields.Datetime(
        readonly=True, help="The key is refused from this moment on. Empty: it does not expire."
    )
    revoked_date = fields.Datetime(readonly=True)
    # computed from the request log: no request writes to this key's row, which every
    # concurrent request of the channel would otherwise update (and collide on)
    last_used_date = fields.Datetime(compute="_compute_last_used_date")

    _sql_constraints = [
        ("key_hash_uniq", "unique(key_hash)", "This API key already exists."),
    ]

    def _compute_last_used_date(self):
        last_used = dict(
            self.env["banquet.intake.request"]._read_group(
                [("key_id", "in", self.ids)], ["key_id"], ["request_date:max"]
            )
        )
        for key in self:
            key.last_used_date = last_used.get(key, False)

    @api.model
    def _hash(self, clear_key):
        return hashlib.sha256(clear_key.encode()).hexdigest()

    @api.model
    def _check_expiration_date(self, expiration_date):
        if expiration_date and expiration_date <= fields.Datetime.now():
            raise UserError(self.env._("The expiration date of an API key must be in the future."))

    @api.model
    def _generate(self, channel, name=False, expiration_date=False):
        """Create a key for ``channel`` and return it in clear; only its hash is kept."""
        self._check_expiration_date(expiration_date)
        clear_key = secrets.token_urlsafe(32)
        # sudo: key_hash is restricted to system users; managers create keys without ever
        # being able to read a hash back
        self.sudo().create(
            {
                "channel_id": channel.id,
                "name": name,
                "key_prefix": clear_key[:KEY_PREFIX_LENGTH],
                "key_hash": self._hash(clear_key),
                "expiration_date": expiration_date,
            }
        )
        return clear_key

    @api.model
    def _authenticate(self, clear_key):
        """Return the active, unexpired key matching ``clear_key``, or an empty recordset."""
        if not clear_key:
            return self.browse()
        # sudo: the caller is not logged in; this very key is its credential, and the hash
        # it is looked up by is readable by system users only
        return self.sudo().search_fetch(
            [
                ("key_hash", "=", self._hash(clear_key)),
                ("channel_id.active", "=", True),
                "|",
                ("expiration_date", "=", False),
                ("expiration_date", ">", fields.Datetime.now()),
            ],
            ["channel_id", "company_id"],
            limit=1,
        )

    def action_revoke(self):
        """Refuse these keys from now on (answer 401 to their callers)."""
        self.write({"active": False, "revoked_date": fields.Datetime.now()})


class BanquetIntakeKeyWizard(models.TransientModel):
    """What a manager says about a new key before it is made: nothing secret is kept here."""

    _name = "banquet.intake.key.wizard"
    _description = "New Banquet Intake API Key"

    channel_id = fields.Many2one("banquet.intake.channel", required=True, ondelete="cascade")
    name = fields.Char(string="Description", required=True)
    duration = fields.Selection(
        [
            ("30", "1 Month"),
            ("90", "3 Months"),
            ("180", "6 Months"),
            ("365", "1 Year"),
            ("0", "No expiry"),
        ],
        required=True,
        default="365",
    )
    expiration_date = fields.Datetime(
        compute="_compute_expiration_date", store=True, readonly=False
    )

    @api.depends("duration")
    def _compute_expiration_date(self):
        for wizard in self:
            days = int(wizard.duration or 0)
            wizard.expiration_date = fields.Datetime.now() + timedelta(days=days) if days else False

    def action_make_key(self):
        """Make the key and show it once; the clear key travels only in the action's context."""
        self.ensure_one()
        clear_key = self.env["banquet.intake.key"]._generate(
            self.channel_id, self.name, self.expiration_date
        )
        self.unlink()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New API Key"),
            "res_model": "banquet.intake.key.show",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_key": clear_key},
        }


class BanquetIntakeKeyShow(models.AbstractModel):
    """Shows a new key once. Abstract, like core's ``res.users.apikeys.show``: no table, so
    the clear key is never written to the database, not even to a transient table."""

    _name = "banquet.intake.key.show"
    _description = "Show a new API key once"

    # the field 'id' is needed by the form's onchange that returns the value of 'key'
    id = fields.Id()
    key = fields.Char(readonly=True)
