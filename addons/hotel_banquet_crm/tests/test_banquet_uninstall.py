from odoo.tests import TransactionCase, tagged

from .. import uninstall_hook


@tagged("post_install", "-at_install")
class TestBanquetUninstall(TransactionCase):
    def test_uninstall_gives_core_its_lead_company_rule_back(self):
        rule = self.env.ref("crm.crm_lead_company_rule")
        self.assertIn("shared_company_ids", rule.domain_force, "the addon widens core's rule")
        uninstall_hook(self.env)
        self.assertEqual(rule.domain_force, "[('company_id', 'in', company_ids + [False])]")
        # The restored rule no longer needs the addon's fields: a lead search works with it.
        rule.invalidate_recordset()
        self.env["crm.lead"].with_user(self.env.ref("base.user_admin")).search([], limit=1)
