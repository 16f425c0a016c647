from odoo import models
from odoo.exceptions import AccessError


class BanquetDecisionMixin(models.AbstractModel):
    """Fields that record or gate a decision (who signed, who approved, what was
    confirmed) are written by their action methods only.

    A model lists them in ``_banquet_decision_fields`` and calls
    ``_banquet_refuse_decision_fields`` from its one ``create``/``write``: any caller is
    refused, whatever the path (form, JSON-RPC, import) and whatever the context — also
    when a field comes as a ``default_<field>`` context key, which ``create`` would apply
    after the override saw its values. Only ``self.env.su`` passes, which no JSON-RPC
    caller can obtain: an action method checks the caller's right (group, state, hotel)
    and then writes its fields through ``sudo()`` (in the back office ``sudo()`` keeps the
    user, so the chatter names them); crons do the same explicitly.
    """

    _name = "banquet.decision.mixin"
    _description = "Banquet Decision Fields"

    # Field names, per model: our own fields, never core's (core's transitions are
    # guarded by overriding core's methods).
    _banquet_decision_fields = ()

    def _banquet_refuse_banquet_creation(self, vals_list, groups):
        """Banquet records (``is_banquet``) are created by banquet roles only (``groups``,
        any of them), or by the system: a user without a banquet group would put records
        under every banquet rule without being able to work on them."""
        if self.env.su or any(self.env.user.has_group(group) for group in groups):
            return
        default = self.env.context.get("default_is_banquet")
        if any(vals.get("is_banquet", default) for vals in vals_list):
            raise AccessError(
                self.env._(
                    "Only banquet users create banquet %(model)s records: ask for a Banquet "
                    "role, or create a plain one.",
                    model=self._description,
                )
            )

    def _banquet_is_start_value(self, name, value):
        """Whether ``value`` is what field ``name`` holds on a new record anyway: empty,
        or the field's own default (not a context default)."""
        if not value:
            return True
        field = self._fields[name]
        if field.default is None:
            return False
        default = field.convert_to_write(field.convert_to_cache(field.default(self), self), self)
        return value == default

    def _banquet_refuse_decision_fields(self, vals_list, creating=False):
        """Refuse the decision fields in ``vals_list`` (and, at creation, as context
        defaults) unless the environment is the superuser's."""
        if self.env.su or not self._banquet_decision_fields:
            return
        decided = set(self._banquet_decision_fields)
        forged = {
            name
            for vals in vals_list
            for name in vals
            if name in decided
            # a new record may state the value it starts with (the web client sends the
            # defaults of a new form): that is no decision
            and not (creating and self._banquet_is_start_value(name, vals[name]))
        }
        if creating:
            forged |= {
                key[len("default_") :]
                for key in self.env.context
                if key.startswith("default_") and key[len("default_") :] in decided
            }
        if forged:
            labels = sorted(
                self._fields[name].get_description(self.env)["string"] for name in forged
            )
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s record a decision: they are set by the "
                    "buttons that take it (sign, approve, confirm, acknowledge), never "
                    "written directly.",
                    fields=", ".join(labels),
                    model=self._description,
                )
            )
