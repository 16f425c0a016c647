from odoo import api, models

# Buttons of paid Odoo services (IAP) and lead generation a hotel does not use: lead
# enrichment (crm_iap_enrich) and lead mining (crm_iap_mine), both auto-installed with CRM.
IAP_BUTTONS = ("iap_enrich", "action_generate_leads")


class CrmLead(models.Model):
    """How the Banquet app shows inquiries: the banquet funnel's columns and no IAP buttons."""

    _inherit = "crm.lead"

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The Banquet app's kanban shows the stages of the banquet teams, not the
        generic sales stages (core shows the stages of no team unless one team is set)."""
        if not self.env.context.get("default_is_banquet") or self.env.context.get(
            "default_team_id"
        ):
            return super()._read_group_stage_ids(stages, domain)
        # sudo: as core does, stages of teams the user cannot read still make columns.
        stage_ids = stages.sudo()._search(
            ["|", ("id", "in", stages.ids), ("team_id.is_banquet", "=", True)],
            order=stages._order,
        )
        return stages.browse(stage_ids)

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """Hide the IAP buttons from banquet users, whatever addon added them: the groups
        attribute is applied per user after the view cache, like any other."""
        arch, view = super()._get_view(view_id, view_type, **options)
        for node in arch.xpath(
            "//button[%s]" % " or ".join("@name='%s'" % name for name in IAP_BUTTONS)
        ):
            groups = [node.get("groups"), "!hotel_banquet_crm.group_banquet_department"]
            node.set("groups", ",".join(group for group in groups if group))
        return arch, view
