from odoo import api, models

# res.users fields through which a user joins or leaves groups.
GROUP_FIELD_PREFIXES = ("groups_id", "in_group_", "sel_groups_")


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._banquet_sync_role()
        return users

    def write(self, vals):
        res = super().write(vals)
        if any(key.startswith(GROUP_FIELD_PREFIXES) for key in vals):
            self._banquet_sync_role()
        return res

    def _banquet_sync_role(self):
        """What a banquet role brings beyond its groups (called when users are created or
        change groups): the home action here; the other addons add theirs."""
        self._banquet_set_home_action()

    def _banquet_home_action(self):
        """The action a banquet user lands on after login; False for other users."""
        self.ensure_one()
        if self.has_group("hotel_banquet_crm.group_banquet_user"):
            return self.env.ref("hotel_banquet_crm.crm_lead_action_banquet")
        return self.env["ir.actions.act_window"]

    def _banquet_set_home_action(self):
        """Banquet users land where their work is: those without a home action of their
        own, or on one a banquet role gave them (a new role moves them to its own)."""
        # sudo: which of our actions a user lands on; reads the actions' external ids only
        # (kept under the window action's model, which all our home actions are)
        windows = self.env["ir.actions.act_window"].sudo().browse(self.action_id.ids)
        external = windows.get_external_id()
        ours = {aid for aid, xmlid in external.items() if xmlid.startswith("hotel_banquet_")}
        movable = self.filtered(
            lambda u: not u.share and (not u.action_id or u.action_id.id in ours)
        )
        for user in movable:
            action = user._banquet_home_action()
            if action and action.id != user.action_id.id:
                # sudo: a user may join a banquet group through an administrator who has no
                # right on ir.actions; the value is one of our own actions.
                user.sudo().write({"action_id": action.id})

    @api.model
    def _banquet_init_home_actions(self):
        """At install: every banquet user without a home action lands in the Banquet app."""
        # sudo: run from data files by the installing user; reads group membership only.
        group = self.env.ref("hotel_banquet_crm.group_banquet_department")
        self.sudo().search([("groups_id", "in", group.ids)])._banquet_sync_role()
