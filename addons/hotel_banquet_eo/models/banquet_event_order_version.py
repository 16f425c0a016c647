from odoo import api, fields, models
from odoo.exceptions import UserError

from .banquet_event_order import CUSTOMER_FUNCTION_KEYS, CUSTOMER_HEADER_KEYS


class BanquetEventOrderVersion(models.Model):
    """What was distributed: an immutable snapshot of an Event Order, its PDFs and the
    change log against the previous version. Never edited, never deleted."""

    _name = "banquet.event.order.version"
    _description = "Event Order Version"
    _order = "event_order_id, number desc"
    _check_company_auto = True

    event_order_id = fields.Many2one(
        "banquet.event.order", required=True, ondelete="restrict", index=True, readonly=True
    )
    company_id = fields.Many2one(related="event_order_id.company_id", store=True, index=True)
    event_name = fields.Char(related="event_order_id.event_name")
    number = fields.Integer(required=True, readonly=True)
    snapshot = fields.Json(readonly=True, required=True)
    change_entries = fields.Json(readonly=True)
    change_log = fields.Text(readonly=True)
    reason = fields.Char(readonly=True)
    is_critical = fields.Boolean(
        string="Critical", readonly=True, help="Safety or allergy change distributed at once."
    )
    department_ids = fields.Many2many(
        "banquet.department",
        string="Departments Concerned",
        readonly=True,
        help="Departments that must acknowledge this version.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment", compute="_compute_attachment_ids", string="PDFs"
    )
    acknowledgement_ids = fields.One2many(
        "banquet.event.order.acknowledgement", "version_id", string="Acknowledgements"
    )

    _sql_constraints = [
        (
            "number_uniq",
            "unique(event_order_id, number)",
            "Version numbers are unique per Event Order.",
        ),
    ]

    @api.depends("event_order_id.name", "number")
    def _compute_display_name(self):
        for version in self:
            version.display_name = f"{version.event_order_id.name} v{version.number}"

    def _compute_attachment_ids(self):
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        )
        for version in self:
            version.attachment_ids = attachments.filtered(lambda a, v=version: a.res_id == v.id)

    def write(self, vals):
        if not vals:
            return super().write(vals)
        raise UserError(
            self.env._(
                "Version %s of an Event Order is a record of what was distributed and is never "
                "changed: distribute a new version instead.",
                ", ".join(self.mapped("display_name")),
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Version %s of an Event Order is never deleted.",
                ", ".join(self.mapped("display_name")),
            )
        )

    @api.model
    def _create_from_snapshot(self, eo, number, snapshot, reason, entries, departments, critical):
        """Create a version and render its PDFs once: the full EO in the hotel's language
        and in English, the customer's copy, and one document per department concerned."""
        # sudo: nobody creates a version by hand (no create right), only distribution does;
        # the environment's user stays the version's author (create_uid).
        version = self.sudo().create(
            {
                "event_order_id": eo.id,
                "number": number,
                "snapshot": snapshot,
                "change_entries": entries,
                "change_log": self._format_change_log(entries, eo._hotel_lang()),
                "reason": reason,
                "is_critical": critical,
                "department_ids": [(6, 0, departments.ids)],
            }
        )
        renderer = self.env["banquet.event.order.pdf"]
        hotel_lang = snapshot["header"]["lang"]
        base = version._pdf_base_name()
        files = [(version._full_pdf_name(), renderer._render_pdf(snapshot, hotel_lang))]
        if hotel_lang != "en_US":
            files.append((f"{base} (en_US).pdf", renderer._render_pdf(snapshot, "en_US")))
        customer_lang = eo.partner_id.lang or hotel_lang
        customer_label = self.with_context(lang=customer_lang).env._("Customer")
        files.append(
            (
                f"{base} {customer_label}.pdf",
                renderer._render_pdf(snapshot, customer_lang, customer=True),
            )
        )
        for department in departments:
            key = str(department.id)
            if key in snapshot["departments"]:
                name = snapshot["departments"][key]["name"]
                files.append(
                    (
                        f"{base} {name}.pdf",
                        renderer._render_pdf(snapshot, hotel_lang, department_key=key),
                    )
                )
        # sudo: attaching a file needs write access to the version, which nobody has; the
        # PDFs are written here once, with the version, and never again.
        self.env["ir.attachment"].sudo().create(
            [
                {
                    "name": name,
                    "raw": data,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": version.id,
                }
                for name, data in files
            ]
        )
        version.invalidate_recordset(["attachment_ids"])
        return version.sudo(False)

    def _pdf_base_name(self):
        self.ensure_one()
        return f"{self.event_order_id.name.replace('/', '-')} v{self.number}"

    def _full_pdf_name(self):
        """The file name of the full Event Order in the hotel's language, rendered at
        distribution (the attachment Print > Event Order Version reloads)."""
        self.ensure_one()
        return f"{self._pdf_base_name()} ({self.snapshot['header']['lang']}).pdf"

    # Diff -------------------------------------------------------------------------------

    @api.model
    def _diff(self, old, new, all_departments):
        """Change entries from snapshot ``old`` to ``new`` and the departments they concern:
        every department when the header or a function changed, else those whose part did.

        An entry: {"where", "label", "field", "before", "after", "customer"}.
        """
        general = self._diff_header(old.get("header", {}), new.get("header", {}))
        general += self._diff_functions(old.get("functions", {}), new.get("functions", {}))
        entries, concerned = self._diff_departments(
            old.get("departments", {}), new.get("departments", {})
        )
        if general:
            return general + entries, all_departments
        return entries, all_departments.filtered(lambda d: d.id in concerned)

    @api.model
    def _entry(self, where, label, field, before=None, after=None, customer=False):
        return {
            "where": where,
            "label": label,
            "field": field,
            "before": before,
            "after": after,
            "customer": customer,
        }

    @api.model
    def _diff_header(self, old, new):
        return [
            self._entry("header", "", key, old.get(key), value, key in CUSTOMER_HEADER_KEYS)
            for key, value in new.items()
            if key not in ("lang", "reference") and old.get(key) != value
        ]

    @api.model
    def _diff_functions(self, old, new):
        entries = []
        for key in sorted(set(old) | set(new), key=int):
            before, after = old.get(key), new.get(key)
            label = (after or before)["label"]
            if before is None or after is None:
                field = "added" if before is None else "removed"
                entries.append(self._entry("function", label, field, customer=True))
                continue
            entries += [
                self._entry(
                    "function",
                    label,
                    field,
                    before.get(field),
                    value,
                    field in CUSTOMER_FUNCTION_KEYS,
                )
                for field, value in after.items()
                if field != "label" and before.get(field) != value
            ]
        return entries

    @api.model
    def _diff_departments(self, old, new):
        entries, concerned = [], set()
        for key in set(old) | set(new):
            before = old.get(key) or {"lines": {}}
            after = new.get(key) or {"lines": {}}
            name = after.get("name") or before.get("name")
            found = [
                self._entry("department", name, field, before.get(field), after.get(field))
                for field in ("instructions", "responsible")
                if before.get(field) != after.get(field)
            ]
            for line_key in sorted(set(before["lines"]) | set(after["lines"]), key=int):
                old_line, new_line = before["lines"].get(line_key), after["lines"].get(line_key)
                if old_line == new_line:
                    continue
                label = f"{name}: {(new_line or old_line)['description']}"
                if old_line is None or new_line is None:
                    found.append(
                        self._entry("line", label, "added" if old_line is None else "removed")
                    )
                    continue
                found += [
                    self._entry("line", label, field, old_line.get(field), value)
                    for field, value in new_line.items()
                    if old_line.get(field) != value
                ]
            if found:
                concerned.add(int(key))
                entries += found
        return entries, concerned

    @api.model
    def _field_labels(self):
        _ = self.env._
        return {
            "event_name": _("Event"),
            "customer": _("Customer"),
            "contact": _("On-site Contact"),
            "salesperson": _("Salesperson"),
            "event_manager": _("Event Manager"),
            "date_start": _("Start"),
            "date_end": _("End"),
            "guaranteed_pax": _("Guaranteed Attendance"),
            "billing_instructions": _("Billing Instructions"),
            "notes": _("Notes"),
            "hotel": _("Hotel"),
            "room": _("Room"),
            "start": _("Start"),
            "end": _("End"),
            "setup": _("Setup Style"),
            "pax": _("Attendance"),
            "service_timings": _("Timings of Service"),
            "menu": _("Menu and Beverages"),
            "dietary_notes": _("Dietary and Allergy Notes"),
            "av_equipment": _("AV and Equipment"),
            "stage_signage": _("Stage and Signage"),
            "linen_decor": _("Linen and Décor"),
            "layout": _("Layout Drawing"),
            "instructions": _("Instructions"),
            "responsible": _("Responsible"),
            "function": _("Function"),
            "description": _("Item"),
            "quantity": _("Quantity"),
            "uom": _("Unit"),
            "time": _("Time"),
            "added": _("added"),
            "removed": _("removed"),
            "header": _("Event"),
        }

    @api.model
    def _format_change_log(self, entries, lang):
        """One readable line per change: where, what, before → after."""
        labels = self.with_context(lang=lang)._field_labels()
        lines = []
        for entry in entries:
            where = entry["label"] or labels["header"]
            field = labels.get(entry["field"], entry["field"])
            if entry["field"] in ("added", "removed"):
                lines.append(f"{where}: {field}")
            else:
                before = entry["before"] if entry["before"] not in (None, "") else "—"
                after = entry["after"] if entry["after"] not in (None, "") else "—"
                lines.append(f"{where} · {field}: {before} → {after}")
        return "\n".join(lines)


class BanquetEventOrderAcknowledgement(models.Model):
    """A department's acknowledgement of one version: who and when, set by the server."""

    _name = "banquet.event.order.acknowledgement"
    _description = "Event Order Acknowledgement"
    _order = "acknowledged_on desc, id desc"

    section_id = fields.Many2one(
        "banquet.event.order.section", required=True, ondelete="cascade", index=True
    )
    version_id = fields.Many2one(
        "banquet.event.order.version", required=True, ondelete="restrict", index=True
    )
    event_order_id = fields.Many2one(related="section_id.event_order_id", store=True)
    department_id = fields.Many2one(related="section_id.department_id", store=True)
    company_id = fields.Many2one(related="section_id.company_id", store=True)
    user_id = fields.Many2one("res.users", required=True, ondelete="restrict")
    acknowledged_on = fields.Datetime(required=True)

    _sql_constraints = [
        (
            "section_version_uniq",
            "unique(section_id, version_id)",
            "A department acknowledges a version once.",
        ),
    ]
