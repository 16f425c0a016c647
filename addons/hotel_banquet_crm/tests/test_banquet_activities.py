from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBanquetActivities(TransactionCase):
    """The crons' to-dos: one batch through the ORM, no e-mail each, one ping per person."""

    # Core pings only for to-dos due by today (UTC) while their default deadline is today in
    # the creator's time zone (OdooBot's is Brussels): at noon UTC both agree, whatever the
    # hour the suite runs.
    @freeze_time("2030-06-03 12:00:00")
    def test_cron_todos_come_in_one_batch_and_each_salesperson_is_told_once(self):
        ann = new_test_user(self.env, "ann.todo", notification_type="email")
        bob = new_test_user(self.env, "bob.todo", notification_type="email")
        clients = self.env["res.partner"].create([{"name": "Client %s" % i} for i in range(3)])
        call = self.env.ref("mail.mail_activity_data_call")
        pings = []
        Users = type(self.env["res.users"])
        bus_send = Users._bus_send

        def count_pings(users, notification_type, message, /, **kwargs):
            if notification_type == "mail.activity/updated":
                pings.extend((user, message["count_diff"]) for user in users)
            return bus_send(users, notification_type, message, **kwargs)

        self.patch(Users, "_bus_send", count_pings)
        messages = self.env["mail.message"].search_count([])
        todos = self.env["mail.activity"]._banquet_schedule_todos(
            [
                (clients[0], ann, {"summary": "Call", "note": "Room <B> & co\nthen lunch"}),
                (clients[1], ann, {"summary": "Call"}),
                (clients[2], bob, {"summary": "Visit", "activity_type_id": call.id}),
            ]
        )
        self.assertEqual(todos.mapped("res_id"), clients.ids)
        self.assertEqual(todos.user_id, ann | bob)
        self.assertEqual(todos[0].activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertEqual(todos[2].activity_type_id, call)
        self.assertIn("Room &lt;B&gt; &amp; co", str(todos[0].note), "plain text is escaped")
        self.assertIn("then lunch", str(todos[0].note))
        self.assertEqual(self.env["mail.message"].search_count([]), messages, "no e-mail per to-do")
        self.assertEqual(sorted(pings, key=lambda ping: ping[0].id), [(ann, 2), (bob, 1)])
        self.assertIn(ann.partner_id, clients[0].message_partner_ids, "the owner follows")
        self.assertFalse(self.env["mail.activity"]._banquet_schedule_todos([]))
