import json
import math
import secrets
import time
from datetime import datetime

from psycopg2 import IntegrityError

from odoo import http, tools
from odoo.http import request
from odoo.tools import consteq

MAX_BODY_BYTES = 64 * 1024
MARKUP_CHARS = frozenset("<>&")
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
MAX_BUDGET_PER_HEAD = 10**9
MAX_CODE_LENGTH = 64
# event dates a hotel can mean: anything outside is a typing error (or an attack on the
# time zone arithmetic, which overflows near the years 1 and 9999)
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_ID = 2**31 - 1  # PostgreSQL integer
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


def _text_problem(env, value):
    """Why ``value`` (a str) cannot be stored as text, translated; None when it can.

    PostgreSQL refuses NUL characters and a lone surrogate (``"\\ud800"`` in JSON) is not
    UTF-8: both would fail the insert with a 500.
    """
    if "\x00" in value:
        return env._("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return env._("must be valid UTF-8 text (no lone surrogate)")
    return None


def _shown(value):
    """``value`` as it can be echoed back in a JSON answer or a page (lone surrogates
    escaped, NUL characters dropped)."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "")


def _ascii_int(value, low, high):
    """The integer written in ``value`` with ASCII digits only, within [low, high]; else
    None. (``"²".isdigit()`` is true and ``int("٣")`` is 3: neither is a number here.)"""
    if (
        isinstance(value, str)
        and value.isascii()
        and value.isdigit()
        and len(value) <= len(str(high))
        and low <= int(value) <= high
    ):
        return int(value)
    return None


def _refuse_json_constant(name):
    # NaN, Infinity and -Infinity are not JSON (RFC 8259), though Python's parser takes them
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text):
    number = float(text)
    if not math.isfinite(number):  # 1e999
        raise ValueError(f"{text} is not a finite number")
    return number


def _walk_texts(payload):
    """(top-level key, text) for every string in ``payload``, keys included, at any depth,
    without recursion."""
    stack = [(key, item) for key, value in payload.items() for item in (key, value)]
    while stack:
        top, value = stack.pop()
        if isinstance(value, str):
            yield top, value
        elif isinstance(value, dict):
            stack.extend((top, item) for pair in value.items() for item in pair)
        elif isinstance(value, list):
            stack.extend((top, item) for item in value)


def _plain(value):
    """Neutralise markup: sanitize (drops scripts) then keep the text only."""
    if not MARKUP_CHARS.intersection(value):
        return value.strip()  # plain text already: spare the HTML parser
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

    @staticmethod
    def _parse_local_datetime(value):
        """ISO 8601 date-time as written (naive or aware); None when it is not one."""
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except (AttributeError, TypeError, ValueError):
            return None

    @classmethod
    def _parse_datetime(cls, value, company):
        """ISO 8601 date-time -> naive UTC. Without an offset the value is the hotel's local
        time (``company.banquet_tz``), as a person in that hotel would say it. None when it
        is not a date-time or its year is not within MIN_YEAR..MAX_YEAR."""
        parsed = cls._parse_local_datetime(value)
        if not parsed or not MIN_YEAR <= parsed.year <= MAX_YEAR:
            return None
        return company._banquet_to_utc(parsed)

    def _validate(self, env, payload, channel):
        """Return (crm.lead values, list of errors) for a posted inquiry."""
        errors = [
            {"field": _shown(key), "message": env._("unknown field")}
            for key in sorted(set(payload) - ALLOWED)
        ]
        vals = {}
        for check in (self._check_texts, self._check_numbers, self._check_choices):
            check(env, payload, vals, errors)
        self._check_dates(env, payload, vals, errors, channel.company_id)
        self._check_references(env, payload, channel, vals, errors)
        return vals, errors

    def _check_texts(self, env, payload, vals, errors):
        for key, (field, size, required) in TEXT_FIELDS.items():
            value = payload.get(key)
            if value is None or value == "":
                if required:
                    errors.append({"field": key, "code": "required", "message": env._("required")})
            elif not isinstance(value, str):
                errors.append({"field": key, "message": env._("must be a string")})
            elif len(value) > size:
                errors.append({"field": key, "message": env._("longer than %s characters", size)})
            else:
                clean = _plain(value)
                if required and not clean:
                    errors.append(
                        {
                            "field": key,
                            "code": "required",
                            "message": env._("required: empty once markup is removed"),
                        }
                    )
                elif clean:
                    vals[field] = tools.plaintext2html(clean) if field == "description" else clean
        if "email_from" in vals and not tools.email_normalize(vals["email_from"]):
            errors.append({"field": "email", "message": env._("not a valid e-mail address")})
        if not vals.get("email_from") and not vals.get("phone"):
            errors.append(
                {
                    "field": "email",
                    "code": "required",
                    "message": env._("an e-mail or a phone is required"),
                }
            )

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
            if (
                isinstance(budget, bool)
                or not isinstance(budget, int | float)
                or not 0 <= budget <= MAX_BUDGET_PER_HEAD
                or not math.isfinite(budget)
            ):
                errors.append(
                    {
                        "field": "budget_per_head",
                        "message": env._(
                            "must be a number from 0 to %(high)s", high=MAX_BUDGET_PER_HEAD
                        ),
                    }
                )
            else:
                vals["budget_per_head"] = budget

    def _check_dates(self, env, payload, vals, errors, company):
        for key in ("event_date_start", "event_date_end"):
            if payload.get(key) is None:
                continue
            local = self._parse_local_datetime(payload[key])
            if local and not MIN_YEAR <= local.year <= MAX_YEAR:
                errors.append(
                    {
                        "field": key,
                        "message": env._(
                            "must be a date between the years %(low)s and %(high)s",
                            low=MIN_YEAR,
                            high=MAX_YEAR,
                        ),
                    }
                )
                continue
            parsed = local and company._banquet_to_utc(local)
            if not parsed:
                errors.append(
                    {
                        "field": key,
                        "message": env._(
                            "must be an ISO 8601 date-time; without an offset it is the "
                            "hotel's local time (%s)",
                            company.banquet_tz,
                        ),
                    }
                )
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

    @staticmethod
    def _code(env, payload, key, errors):
        """``payload[key]`` as a code (a string, or an integer written as one); None with an
        error when it is neither."""
        value = payload[key]
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or len(value) > MAX_CODE_LENGTH:
            errors.append(
                {
                    "field": key,
                    "message": env._("must be a code of at most %s characters", MAX_CODE_LENGTH),
                }
            )
            return None
        return value

    def _check_references(self, env, payload, channel, vals, errors):
        if payload.get("event_type") is not None:
            code = self._code(env, payload, "event_type", errors)
            event_type = code is not None and env["banquet.event.type"].search(
                [
                    ("code", "=", code),
                    ("company_id", "in", [channel.company_id.id, False]),
                ],
                limit=1,
            )
            if code is not None and not event_type:
                errors.append({"field": "event_type", "message": env._("unknown event type code")})
            vals["event_type_id"] = event_type and event_type.id
        if payload.get("country") is not None:
            code = self._code(env, payload, "country", errors)
            country = code is not None and env["res.country"].search(
                [("code", "=", code.upper())], limit=1
            )
            if code is not None and not country:
                errors.append({"field": "country", "message": env._("unknown ISO country code")})
            vals["country_id"] = country and country.id

    def _read_payload(self, env):
        """(the JSON object posted, None) or (None, the error answer): too large, not JSON
        (NaN and Infinity included), not an object, or text PostgreSQL cannot store."""
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            return None, self._error(413, env._("body larger than %s bytes", MAX_BODY_BYTES))
        raw = httprequest.get_data()  # cached: a retried request reads the same body
        if len(raw) > MAX_BODY_BYTES:
            return None, self._error(413, env._("body larger than %s bytes", MAX_BODY_BYTES))
        try:
            payload = json.loads(
                raw, parse_constant=_refuse_json_constant, parse_float=_finite_float
            )
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return None, self._error(400, env._("body is not valid JSON"))
        if not isinstance(payload, dict):
            return None, self._error(400, env._("body must be a JSON object"))
        problems = {}
        for key, text in _walk_texts(payload):
            message = _text_problem(env, text)
            if message:
                problems.setdefault(_shown(key), message)
        if problems:
            return None, self._error(
                400,
                env._("body is not text that can be stored"),
                [{"field": key, "message": message} for key, message in sorted(problems.items())],
            )
        return payload, None

    def _authenticate_key(self, clear_key):
        """(the intake key of ``clear_key``, None), or (None, the answer) to a client address
        that sent a wrong key (401) or too many wrong ones in the last minute (429, without
        checking this one). Once per HTTP request: Odoo's retry after a serialization
        failure does not count the same failed call twice."""
        Failure = request.env["banquet.intake.key.failure"]
        remote_addr = request.httprequest.remote_addr or "unknown"
        logged = getattr(request, "_banquet_key_failure_logged", None)
        if logged is None and not Failure._blocked(remote_addr):
            key = request.env["banquet.intake.key"]._authenticate(clear_key)
            if key:
                return key, None
            logged = request._banquet_key_failure_logged = Failure._log_failure(remote_addr)
        env = self._lang_env(request.env)
        if logged:
            return None, self._error(401, env._("invalid, expired or revoked API key"))
        response = self._error(
            429, env._("too many failed API keys from your address, retry in a minute")
        )
        response.headers["Retry-After"] = "60"
        return None, response

    @http.route(
        "/banquet/api/v1/inquiries",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def create_inquiry(self, **kwargs):
        """Create an inquiry from a channel's JSON body; see readme/USAGE.md.

        Odoo runs this method again after a serialization failure: the body is read from
        the request's cache and the rate-limit log row is made once per HTTP request.
        """
        httprequest = request.httprequest
        authorization = httprequest.headers.get("Authorization", "")
        clear_key = httprequest.headers.get("X-Api-Key") or (
            authorization[7:].strip() if authorization.lower().startswith("bearer ") else ""
        )
        key, refusal = self._authenticate_key(clear_key)
        if refusal:
            return refusal
        env = self._lang_env(_intake_env(key.channel_id.company_id))
        channel = key.channel_id.with_env(env)
        Request = env["banquet.intake.request"]
        log_id = getattr(request, "_banquet_intake_log_id", None)
        if log_id is None:
            log_id = request._banquet_intake_log_id = Request._reserve(key)
        if not log_id:
            response = self._error(429, env._("rate limit exceeded, retry in a minute"))
            response.headers["Retry-After"] = "60"
            return response
        payload, refusal = self._read_payload(env)
        if refusal:
            return refusal
        idempotency_key = (httprequest.headers.get("Idempotency-Key") or "").strip()[:200]
        if not idempotency_key.isprintable() or not idempotency_key.isascii():
            return self._error(400, env._("the Idempotency-Key header must be printable ASCII"))
        Lead = env["crm.lead"]
        if idempotency_key:
            previous = Lead.search(
                [
                    ("banquet_intake_channel_id", "=", channel.id),
                    ("banquet_idempotency_key", "=", idempotency_key),
                ],
                limit=1,
            )
            if previous:
                return self._answer(previous.banquet_reference, previous.id, 200)
        vals, errors = self._validate(env, payload, channel)
        if errors:
            # a missing required field makes the request malformed (400); present but
            # invalid values are 422
            missing = any(error.get("code") == "required" for error in errors)
            return self._error(400 if missing else 422, env._("invalid inquiry"), errors)
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
        if idempotency_key:
            vals["banquet_idempotency_key"] = idempotency_key
        try:
            with env.cr.savepoint():
                # a concurrent request with the same idempotency key waits on the unique
                # index for this insert's transaction, then fails with a unique violation
                lead = Lead.with_context(mail_create_nosubscribe=True).create(vals)
        except IntegrityError:
            if not idempotency_key:
                raise
            # the concurrent request with this idempotency key committed first
            winner = env["banquet.intake.request"]._committed_lead(channel, idempotency_key)
            if winner:
                return self._answer(winner["reference"], winner["id"], 200)
            response = self._error(409, env._("the same Idempotency-Key is being processed"))
            response.headers["Retry-After"] = "1"
            return response
        return self._answer(lead.banquet_reference, lead.id, 201)

    def _answer(self, reference, lead_id, status):
        return request.make_json_response({"reference": reference, "id": lead_id}, status=status)


def _intake_env(company):
    """Environment of the intake technical user acting for ``company`` (first of its allowed
    hotels; routing may file the inquiry in another hotel of the group)."""
    env = request.env(user=request.env.ref("hotel_banquet_crm.user_banquet_intake").id, su=False)
    companies = [company.id] + [cid for cid in env.user._get_company_ids() if cid != company.id]
    return env(context=dict(env.context, allowed_company_ids=companies))


class BanquetInquiryForm(http.Controller):
    """Public web inquiry form of a hotel: same leads as the API, channel "Hotel Website"."""

    MIN_SECONDS = 3  # people take longer than this to fill the form; bots do not
    MAX_SECONDS = 24 * 3600
    # what the form shows again after a refusal, as the visitor typed it
    ECHOED = (
        "contact_name",
        "company_name",
        "email",
        "phone",
        "event_type_id",
        "event_date",
        "expected_pax",
        "setup_style",
        "description",
    )

    def _form_hotel(self, hotel_id):
        """The hotel whose form this is: the ``hotel`` parameter (an id in ASCII digits),
        else the website's or the public user's company."""
        env = _intake_env(request.env.company)
        Company = env["res.company"]
        hotel_id = _ascii_int(hotel_id, 1, MAX_ID)
        if hotel_id:
            hotel = Company.browse(hotel_id).exists()
            if hotel:
                return hotel
        website = getattr(request, "website", None)
        return Company.browse((website and website.company_id.id) or request.env.company.id)

    def _sign(self, payload):
        # su: the signing secret (database.secret) is readable by the superuser only, as in
        # every core use of tools.misc.hmac
        return tools.misc.hmac(request.env(su=True), "banquet-inquiry-form", payload)

    def _stamp(self, moment, hotel):
        # signed, so that a bot cannot post an old-looking time or another hotel; the nonce
        # makes each stamp good for one post only
        payload = f"{moment}:{secrets.token_urlsafe(12)}:{hotel.id}"
        return f"{payload}:{self._sign(payload)}"

    def _check_stamp(self, stamp, hotel):
        """Return (nonce, refusal message or None)."""
        env = request.env
        moment, nonce, hotel_id, signature = ([*_shown(stamp or "").split(":"), "", "", "", ""])[:4]
        payload = f"{moment}:{nonce}:{hotel_id}"
        if (
            _ascii_int(moment, 0, 10**12) is None
            or not signature
            or hotel_id != str(hotel.id)
            or not consteq(self._sign(payload), signature)
        ):
            return nonce, env._("This form was not sent from our website. Please reload it.")
        age = int(time.time()) - int(moment)
        if age < self.MIN_SECONDS:
            return nonce, env._(
                "This form was sent faster than a person can fill it in. Please try again."
            )
        if age > self.MAX_SECONDS:
            return nonce, env._("This form has expired. Please reload the page and send it again.")
        return nonce, None

    def _refuse(self, hotel, message, status):
        return request.render(
            "hotel_banquet_crm.banquet_inquiry_refused",
            {"message": message, "hotel": hotel},
            status=status,
        )

    def _render_form(self, hotel, values=None, message=None, status=200):
        """The hotel's form (with a new stamp); after a refusal, with the visitor's values
        and what to correct."""
        env = _intake_env(hotel)
        return request.render(
            "hotel_banquet_crm.banquet_inquiry_form",
            {
                "stamp": self._stamp(int(time.time()), hotel),
                "hotel": hotel,
                # only the names of this hotel's (or shared) event types are shown
                "event_types": env["banquet.event.type"].search(
                    [("company_id", "in", [hotel.id, False])]
                ),
                # and this hotel's (or shared) setup styles, not the website's company's
                "setup_styles": env["banquet.setup.style"].search(
                    [("company_id", "in", [hotel.id, False])]
                ),
                "form_values": {
                    key: _shown(values[key])
                    for key in self.ECHOED
                    if isinstance((values or {}).get(key), str)
                },
                "error_message": message,
            },
            status=status,
        )

    @http.route("/banquet/inquiry", type="http", auth="public", methods=["GET"], website=True)
    def inquiry_form(self, hotel=None, **kwargs):
        return self._render_form(self._form_hotel(hotel))

    def _form_problem(self, hotel, post):
        """Translated reason to show the form again, or None. Browsers send none of these;
        a script or a tampered page may."""
        if any(isinstance(value, str) and "\x00" in value for value in post.values()):
            return request.env._(
                "Your inquiry contains characters that cannot be stored (NUL). "
                "Please remove them and send it again."
            )
        if post.get("expected_pax") and _ascii_int(post["expected_pax"], 1, 100000) is None:
            return request.env._(
                "Please give the number of guests as a whole number from 1 to 100,000."
            )
        if post.get("event_type_id") and _ascii_int(post["event_type_id"], 1, MAX_ID) is None:
            return request.env._("Please choose an event type from the list.")
        if post.get("event_date") and not BanquetIntakeController._parse_datetime(
            post["event_date"], hotel
        ):
            return request.env._(
                "Please give a valid date and time between the years %(low)s and %(high)s.",
                low=MIN_YEAR,
                high=MAX_YEAR,
            )
        return None

    @http.route("/banquet/inquiry", type="http", auth="public", methods=["POST"], website=True)
    def inquiry_submit(self, **post):
        hotel = self._form_hotel(post.get("hotel"))
        if post.get("website_url"):
            return self._refuse(
                hotel,
                request.env._("Your inquiry looks automated and was not accepted."),
                400,
            )
        nonce, refusal = self._check_stamp(post.get("stamp"), hotel)
        if refusal:
            return self._refuse(hotel, refusal, 400)
        env = _intake_env(hotel)
        remote_addr = request.httprequest.remote_addr or "unknown"
        spent = getattr(request, "_banquet_form_stamp", None)
        if spent is None:  # once per HTTP request, not again when Odoo retries it
            spent = request._banquet_form_stamp = env["banquet.intake.form.stamp"]._use(
                nonce, remote_addr, hotel
            )
        if spent == "used":
            return self._refuse(
                hotel,
                request.env._(
                    "This form was already sent. Please reload the page to send another inquiry."
                ),
                400,
            )
        if spent == "limit":
            return self._refuse(
                hotel,
                request.env._(
                    "Too many inquiries came from your network in the last hour. "
                    "Please try again later or call the hotel."
                ),
                429,
            )
        problem = self._form_problem(hotel, post)
        if problem:
            return self._render_form(hotel, post, problem, status=400)
        contact = _plain(post.get("contact_name") or "")[:200]
        email = tools.email_normalize(post.get("email") or "")
        phone = _plain(post.get("phone") or "")[:50]
        if not contact or not (email or phone):
            return request.redirect(f"/banquet/inquiry?hotel={hotel.id}&error=missing")
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
            "company_id": hotel.id,
            "source_id": env.ref("hotel_banquet_crm.utm_source_website").id,
            "medium_id": env.ref("utm.utm_medium_website").id,
        }
        if post.get("expected_pax"):
            vals["expected_pax"] = _ascii_int(post["expected_pax"], 1, 100000)
        # the visitor may only pick a style the form offered (this hotel or shared)
        style = env["banquet.setup.style"]._banquet_find_code(post.get("setup_style"), hotel)
        if style:
            vals["setup_style_id"] = style.id
        if post.get("event_type_id"):
            # the id must be one the form offered (this hotel or shared)
            event_type = env["banquet.event.type"].search(
                [
                    ("id", "=", _ascii_int(post["event_type_id"], 1, MAX_ID)),
                    ("company_id", "in", [hotel.id, False]),
                ],
                limit=1,
            )
            vals["event_type_id"] = event_type.id
        # a datetime-local field: the visitor picks the hotel's wall-clock time
        start = BanquetIntakeController._parse_datetime(post.get("event_date") or "", hotel)
        if start:
            vals["event_date_start"] = start
        lead = env["crm.lead"].with_context(mail_create_nosubscribe=True).create(vals)
        return request.render(
            "hotel_banquet_crm.banquet_inquiry_thanks",
            {"reference": lead.banquet_reference, "hotel": hotel},
        )
