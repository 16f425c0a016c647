from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import plaintext2html


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # only a call or a meeting with the client answers it; an internal to-do does not
        lead_ids = [
            a.res_id
            for a in self
            if a.res_model == "crm.lead" and a.activity_type_id.category in ("phonecall", "meeting")
        ]
        # a care contact counts on the day its owner marks it done, in the owner's hotel;
        # the log is read-only for salespeople, the system records it for them
        logs = self.env["banquet.care.log"].sudo().search([("activity_id", "in", self.ids)])
        for log in logs:
            log.date_done = log.company_id._banquet_today()
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            leads = self.env["crm.lead"].browse(lead_ids).exists()
            leads._banquet_mark_first_response(fields.Datetime.now())
        return result

    @api.model
    def _banquet_schedule_todos(self, todos, quick=True):
        """Schedule many activities at once, through the ORM, as the crons need them.

        :param todos: a list of ``(record, user, values)``: the document (of any model with
            activities), the responsible user and the activity's other values, e.g.
            ``summary``, ``note`` (plain text is escaped; ``Markup`` is kept) and
            ``date_deadline``; ``activity_type_id`` defaults to the To-Do type.
        :return: the activities, in the order of ``todos``

        Like core's ``activity_schedule`` but without its e-mail per activity (the
        ``mail_activity_quick_update`` path): core's create then subscribes each
        responsible once per model to its documents and sends each one notification
        (the activity menu's counter) for all its new to-dos. The ORM writes the rows by
        chunks of 100. With ``quick=False`` (a decision someone waits for, such as an
        approval) each responsible also gets core's assignment e-mail.
        """
        if not todos:
            return self.browse()
        todo_type = False
        if any("activity_type_id" not in values for _record, _user, values in todos):
            todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
            todo_type = todo.id if todo else False
        vals_list = []
        for record, user, values in todos:
            vals = {
                "res_model_id": self.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
                "activity_type_id": todo_type,
                "user_id": user.id,
                **values,
            }
            note = vals.get("note")
            if note and not isinstance(note, Markup):
                vals["note"] = plaintext2html(note)
            vals_list.append(vals)
        return self.with_context(mail_activity_quick_update=quick).create(vals_list)
