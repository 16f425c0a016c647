from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEachRoleLandsWhereItsWorkIs(TransactionCase):
    """After login each banquet role opens its own work: salespeople and managers the
    pipeline, Finance the deposits falling due, Department Staff their department's parts
    of the Event Orders; a new role moves the user along, a home of their own is kept."""

    def _user(self, login, groups, **kwargs):
        return new_test_user(self.env, login=login, groups=groups, **kwargs)

    def test_each_role_lands_on_its_own_work(self):
        pipeline = self.env.ref("hotel_banquet_crm.crm_lead_action_banquet")
        deposits = self.env.ref("hotel_banquet_contract.banquet_deposit_line_action_due")
        my_department = self.env.ref("hotel_banquet_eo.banquet_event_order_section_action_my")
        expected = {
            "home_sales": ("hotel_banquet_crm.group_banquet_user", pipeline),
            "home_finance": ("hotel_banquet_crm.group_banquet_finance", deposits),
            "home_manager": ("hotel_banquet_crm.group_banquet_manager", pipeline),
            "home_chef": ("hotel_banquet_crm.group_banquet_department", my_department),
        }
        for login, (group, action) in expected.items():
            with self.subTest(login=login):
                self.assertEqual(self._user(login, group).action_id.id, action.id)

    def test_a_new_role_moves_the_user_and_an_own_home_stays(self):
        user = self._user("home_promoted", "hotel_banquet_crm.group_banquet_user")
        user.groups_id = [(4, self.env.ref("hotel_banquet_crm.group_banquet_finance").id)]
        self.assertEqual(
            user.action_id.id,
            self.env.ref("hotel_banquet_contract.banquet_deposit_line_action_due").id,
        )
        own = self.env.ref("base.action_res_users")
        kept = self._user("home_own", "hotel_banquet_crm.group_banquet_finance", action_id=own.id)
        kept.groups_id = [(4, self.env.ref("hotel_banquet_crm.group_banquet_manager").id)]
        self.assertEqual(kept.action_id.id, own.id)
