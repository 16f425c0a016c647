import json
import time
from datetime import datetime, timezone

from psycopg2 import IntegrityError

from odoo import http, tools
from odoo.http import request
from odoo.tools import consteq

MAX_BODY_BYTES = 64 * 1024
TEXT_FIELDS = {
    # field of the API: (crm.lead field, max length, required)
    "name": ("name", 200, False),
    "contact_name": ("contact_name", 200, True),
    "company_name": ("partner_name", 200, False),
    "email": ("email_from", 254, False),
    "phone": ("phone", 50, False),
    "city": ("city", 100, False),
    "preferred_rooms": ("preferred_rooms", 500, False),
    "alternative_dates": ("alternative_dates", 2000, False),
    "fnb_requirements": ("fnb_requirements", 4000, False),
    "description": ("description", 10000, False),
}
INT_FIELDS = {"expected_pax": (1, 100000), "room_block_count": (0, 10000)}
ALLOWED = (
    set(TEXT_FIELDS)
    | set(INT_FIELDS)
    | {
        "event_type",
        "event_date_start",
        "event_date_end",
        "budget_per_head",
        "setup_style",
        "room_block_needed",
        "country",
    }
)


def _plain(value):
    """Neutralise markup: sanitize (drops scripts) then keep the text only."""
    return tools.html2plaintext(tools.html_sanitize(value)).strip()


class BanquetIntakeController(http.Controller):
    def _error(self, status, message, errors=None):
        body = {"error": message}
        if errors:
            body["errors"] = errors
        return request.make_json_response(body, status=status)

    def _lang_env(self, env):
        """``env`` speaking the caller's language (Accept-Language) when the database has
        it installed; English otherwise. Field keys in errors stay stable for programs."""
        header = request.httprequest.headers.get("Accept-Language", "")
        tag = header.split(",")[0].split(";")[0].strip().replace("-", "_")
        installed = dict(env["res.lang"].get_installed())
        for code in (tag, tag.split("_")[0]):
            match = next((lang for lang in installed if lang.lower() == code.lower()), None)
            match = match or next(
                (lang for lang in installed if code and lang.split("_")[0] == code), None
            )
            if match:
                return env(context=dict(env.context, lang=match))
        return env

    def _parse_datetime(self, value):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except (AttributeError, ValueError):
            return None
        if parsed.tzinfo:
            parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
        return parsed

    def _validate(self, env, payload, channel):
        """Return (crm.lead values, list of errors) for a posted inquiry."""
        errors = [
            {"field": key, "message": env._("unknown field")}
            for key in sorted(set(payload) - ALLOWED)
        ]
        vals = {}
        for check in (
            self._check_texts,
            self._check_numbers,
            self._check_dates,
            self._check_choices,
        ):
            check(env, payload, vals, errors)
        self._check_references(env, payload, channel, vals, errors)
        return vals, errors

    def _check_texts(self, env, payload, vals, errors):
        for key, (field, size, required) in TEXT_FIELDS.items():
            value = payload.get(key)
            if value is None or value == "":
                if required:
                    errors.append({"field": key, "message": env._("required")})
            elif not isinstance(value, str):
                errors.append({"field": key, "message": env._("must be a string")})
            elif len(value) > size:
                errors.append({"field": key, "message": env._("longer than %s characters", size)})
            else:
                clean = _plain(value)
                vals[field] = tools.plaintext2html(clean) if field == "description" else clean
        if "email_from" in vals and not tools.email_normalize(vals["email_from"]):
            errors.append({"field": "email", "message": env._("not a valid e-mail address")})
        if not payload.get("email") and not payload.get("phone"):
            errors.append({"field": "email", "message": env._("an e-mail or a phone is required")})

    def _check_numbers(self, env, payload, vals, errors):
        for key, (low, high) in INT_FIELDS.items():
            value = payload.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                errors.append(
                    {
                        "field": key,
                        "message": env._(
                            "must be an integer from %(low)s to %(high)s", low=low, high=high
                        ),
                    }
                )
            else:
                vals[key] = value
        budget = payload.get("budget_per_head")
        if budget is not None:
            if isinstance(budget, bool) or not isinstance(budget, int | float) or budget < 0:
                errors.append(
                    {"field": "budget_per_head", "message": env._("must be a positive number")}
                )
            else:
                vals["budget_per_head"] = budget

    def _check_dates(self, env, payload, vals, errors):
        for key in ("event_date_start", "event_date_end"):
            if payload.get(key) is None:
                continue
            parsed = self._parse_datetime(payload[key]) if isinstance(payload[key], str) else None
            if not parsed:
                errors.append({"field": key, "message": env._("must be an ISO 8601 date-time")})
            else:
                vals[key] = parsed
        start, end = vals.get("event_date_start"), vals.get("event_date_end")
        if start and end and end < start:
            errors.append({"field": "event_date_end", "message": env._("before event_date_start")})

    def _check_choices(self, env, payload, vals, errors):
        if "setup_style" in payload:
            styles = env["banquet.setup.style"]
            style = styles._banquet_find_code(payload["setup_style"], env.company)
            if not style:
                codes = styles._banquet_codes(env.company)
                errors.append(
                    {"field": "setup_style", "message": env._("one of %s", ", ".join(codes))}
                )
            else:
                vals["setup_style_id"] = style.id
        if "room_block_needed" in payload:
            if not isinstance(payload["room_block_needed"], bool):
                errors.append(
                    {"field": "room_block_needed", "message": env._("must be true or false")}
                )
            else:
                vals["room_block_needed"] = payload["room_block_needed"]

    def _check_references(self, env, payload, channel, vals, errors):
        if payload.get("event_type") is not None:
            event_type = env["banquet.event.type"].search(
                [
                    ("code", "=", str(payload["event_type"])),
                    ("company_id", "in", [channel.company_id.id, False]),
                ],
                limit=1,
            )
            if not event_type:
                errors.append({"field": "event_type", "message": env._("unknown event type code")})
            vals["event_type_id"] = event_type.id
        if payload.get("country") is not None:
            country = env["res.country"].search(
                [("code", "=", str(payload["country"]).upper())], limit=1
            )
            if not country:
                errors.append({"field": "country", "message": env._("unknown ISO country code")})
            vals["country_id"] = country.id

    @http.route(
        "/banquet/api/v1/inquiries",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def create_inquiry(self, **kwargs):
        httprequest = request.httprequest
        authorization = httprequest.headers.get("Authorization", "")
        clear_key = httprequest.headers.get("X-Api-Key") or (
            authorization[7:].strip() if authorization.lower().startswith("bearer ") else ""
        )
        key = request.env["banquet.intake.key"]._authenticate(clear_key)
        if not key:
            return self._error(401, self._lang_env(request.env)._("invalid or revoked API key"))
        channel = key.channel_id
        # the caller is the public user authenticated by the channel's key: it acts for the
        # channel's hotel, with the rights needed to create an inquiry and nothing more
        env = self._lang_env(
            request.env(
                su=True,
                context=dict(request.env.context, allowed_company_ids=channel.company_id.ids),
            )
        )
        Request = env["banquet.intake.request"]
        if Request._count_recent(key) >= channel.rate_limit_per_minute:
            return self._error(429, env._("rate limit exceeded, retry in a minute"))
        log = Request.create({"channel_id": channel.id, "key_id": key.id})
        key.last_used_date = log.request_date
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            return self._error(413, env._("body larger than %s bytes", MAX_BODY_BYTES))
        raw = httprequest.get_data(cache=False)
        if len(raw) > MAX_BODY_BYTES:
            return self._error(413, env._("body larger than %s bytes", MAX_BODY_BYTES))
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return self._error(400, env._("body is not valid JSON"))
        if not isinstance(payload, dict):
            return self._error(400, env._("body must be a JSON object"))
        idempotency_key = (httprequest.headers.get("Idempotency-Key") or "").strip()[:200]
        if idempotency_key:
            previous = Request.search(
                [("channel_id", "=", channel.id), ("idempotency_key", "=", idempotency_key)],
                limit=1,
            )
            if previous.lead_id:
                return request.make_json_response(
                    {"reference": previous.lead_id.banquet_reference, "id": previous.lead_id.id},
                    status=200,
                )
        vals, errors = self._validate(env, payload, channel)
        if errors:
            return self._error(422, env._("invalid inquiry"), errors)
        vals.setdefault("name", vals.get("partner_name") or vals["contact_name"])
        vals.update(
            {
                "type": "opportunity",
                "is_banquet": True,
                "user_id": False,
                "company_id": channel.company_id.id,
                "source_id": channel.source_id.id,
                "medium_id": channel.medium_id.id,
                "banquet_intake_channel_id": channel.id,
            }
        )
        if channel.team_id:
            vals["team_id"] = channel.team_id.id
        try:
            with env.cr.savepoint():
                if idempotency_key:
                    log.idempotency_key = idempotency_key
                    log.flush_recordset()
                lead = env["crm.lead"].create(vals)
                log.lead_id = lead
                log.flush_recordset()
        except IntegrityError:
            # a concurrent call with the same idempotency key won: answer with its lead
            previous = Request.search(
                [("channel_id", "=", channel.id), ("idempotency_key", "=", idempotency_key)],
                limit=1,
            )
            return request.make_json_response(
                {"reference": previous.lead_id.banquet_reference, "id": previous.lead_id.id},
                status=200,
            )
        return request.make_json_response(
            {"reference": lead.banquet_reference, "id": lead.id}, status=201
        )


class BanquetInquiryForm(http.Controller):
    """Public web inquiry form: same leads as the API, channel "Hotel Website"."""

    MIN_SECONDS = 3  # people take longer than this to fill the form; bots do not
    MAX_SECONDS = 24 * 3600

    def _stamp(self, moment):
        # the time stamp is signed so that a bot cannot post an old-looking one
        return (
            f"{moment}:{tools.misc.hmac(request.env(su=True), 'banquet-inquiry-form', str(moment))}"
        )

    def _stamp_age(self, stamp):
        moment, _sep, signature = (stamp or "").partition(":")
        if not moment.isdigit() or not signature:
            return None
        if not consteq(self._stamp(int(moment)), stamp):
            return None
        return int(time.time()) - int(moment)

    @http.route("/banquet/inquiry", type="http", auth="public", methods=["GET"], website=True)
    def inquiry_form(self, **kwargs):
        # sudo: the visitor is the public user, who has no access to configuration; only
        # the names of this hotel's (or shared) event types are shown
        event_types = (
            request.env["banquet.event.type"]
            .sudo()
            .search([("company_id", "in", [request.env.company.id, False])])
        )
        return request.render(
            "hotel_banquet_crm.banquet_inquiry_form",
            {
                "stamp": self._stamp(int(time.time())),
                "event_types": event_types,
                # sudo: as above, the names of the hotel's (or shared) setup styles
                "setup_styles": request.env["banquet.setup.style"]
                .sudo()
                .search([("company_id", "in", [request.env.company.id, False])]),
            },
        )

    @http.route("/banquet/inquiry", type="http", auth="public", methods=["POST"], website=True)
    def inquiry_submit(self, **post):
        age = self._stamp_age(post.get("stamp"))
        if (
            post.get("website_url")
            or age is None
            or not self.MIN_SECONDS <= age <= self.MAX_SECONDS
        ):
            # looks like spam: answer like a success, create nothing
            return request.render("hotel_banquet_crm.banquet_inquiry_thanks", {"reference": False})
        contact = _plain(post.get("contact_name") or "")[:200]
        email = tools.email_normalize(post.get("email") or "")
        phone = _plain(post.get("phone") or "")[:50]
        if not contact or not (email or phone):
            return request.redirect("/banquet/inquiry?error=missing")
        vals = {
            "name": _plain(post.get("company_name") or "")[:200] or contact,
            "contact_name": contact,
            "partner_name": _plain(post.get("company_name") or "")[:200],
            "email_from": email,
            "phone": phone,
            "description": tools.plaintext2html(_plain(post.get("description") or "")[:10000]),
            "type": "opportunity",
            "is_banquet": True,
            "user_id": False,
            "company_id": request.env.company.id,
            "source_id": request.env.ref("hotel_banquet_crm.utm_source_website").id,
            "medium_id": request.env.ref("utm.utm_medium_website").id,
        }
        pax = post.get("expected_pax") or ""
        if pax.isdigit() and 0 < int(pax) <= 100000:
            vals["expected_pax"] = int(pax)
        # sudo: the visitor may only pick a style the form offered (this hotel or shared)
        style = (
            request.env["banquet.setup.style"]
            .sudo()
            ._banquet_find_code(post.get("setup_style"), request.env.company)
        )
        if style:
            vals["setup_style_id"] = style.id
        event_type_id = post.get("event_type_id") or ""
        if event_type_id.isdigit():
            # sudo: as above; the id must be one the form offered (this hotel or shared)
            event_type = (
                request.env["banquet.event.type"]
                .sudo()
                .search(
                    [
                        ("id", "=", int(event_type_id)),
                        ("company_id", "in", [request.env.company.id, False]),
                    ],
                    limit=1,
                )
            )
            vals["event_type_id"] = event_type.id
        start = BanquetIntakeController()._parse_datetime(post.get("event_date") or "")
        if start:
            vals["event_date_start"] = start
        # the visitor is the public user, who may not create leads; the honeypot and the
        # signed time stamp above are what protect this form
        lead = request.env["crm.lead"].sudo().create(vals)
        return request.render(
            "hotel_banquet_crm.banquet_inquiry_thanks", {"reference": lead.banquet_reference}
        )
