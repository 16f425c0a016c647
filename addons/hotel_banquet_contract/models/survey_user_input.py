from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    banquet_order_id = fields.Many2one(
        "sale.order", string="Banquet Event", index="btree_not_null", readonly=True
    )
    banquet_score = fields.Integer(string="Satisfaction Score", readonly=True, aggregator="avg")

    def _mark_done(self):
        result = super()._mark_done()
        self.filtered("banquet_order_id")._banquet_record_score()
        return result

    def _banquet_record_score(self):
        """Copy the NPS answer to the event and the customer; a low score opens a follow-up."""
        lines = self.user_input_line_ids.filtered(
            lambda line: line.question_id.banquet_is_nps and not line.skipped
        )
        followup = self.env.ref("mail.mail_activity_data_todo")
        for user_input in self:
            line = lines.filtered(lambda line, ui=user_input: line.user_input_id == ui)[:1]
            if not line:
                continue
            score = line.value_scale
            order = user_input.banquet_order_id
            hotel = order.company_id
            today = hotel._banquet_today()
            user_input.banquet_score = score
            # the customer answers as a public user: the system writes the result for them
            order.sudo().write({"banquet_nps_score": score, "banquet_nps_scored": True})
            order.partner_id.commercial_partner_id.sudo().write(
                {"banquet_nps_last": score, "banquet_nps_date": today}
            )
            if score <= hotel.banquet_nps_low_score:
                # sudo: the follow-up is the system's, not the answering public user's
                order.sudo().activity_schedule(
                    activity_type_id=followup.id,
                    date_deadline=today,
                    summary=self.env._("Low satisfaction score: %s/10", score),
                    note=self.env._(
                        "%(customer)s scored %(event)s %(score)s out of 10. Call them back.",
                        customer=order.partner_id.display_name,
                        event=order.event_name or order.name,
                        score=score,
                    ),
                    user_id=(order._banquet_event_manager() or order.user_id).id,
                )
