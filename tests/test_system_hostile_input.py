"""Hostile input on a real server in multi-process mode (two HTTP workers), with hypothesis.

Random and hostile payloads on the intake API and the public web form never get a 500 and
never leave a partial record: a refused payload adds no inquiry (counted before and after),
an accepted one adds exactly one. The fapiao export of invoices whose buyer names start
with = + - @ (or a tab, a carriage return) never holds a formula cell, in XLSX or CSV.
"""

import base64
import csv
import io
import json
import re
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import openpyxl
import pytest
import requests
from conftest import OdooClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

URL = "/banquet/api/v1/inquiries"
FORM = "/banquet/inquiry"
# what a spreadsheet runs as a formula: written here, not read from the export
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,  # nothing written to the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE_TEXTS = [
    "\x00",
    "Li\x00Wei",
    "\ud800",
    "\udfff tail",
    "²",
    "٣",
    "%",
    "_",
    "\\",
    "NaN",
    "Infinity",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59+14:00",
    "-0001-01-01",
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "x" * 300,
    "\u202e\ufeff\u200b",
]
texts = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(max_size=40),
    # lone surrogates and control characters, which st.text() leaves out by default
    st.text(
        alphabet=st.characters(min_codepoint=0, max_codepoint=0xDFFF, exclude_categories=()),
        max_size=20,
    ),
)
numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 100000, 100001, 2**31, 2**63, 1e999, -1e999]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=8,
)
API_FIELDS = [
    "name",
    "contact_name",
    "company_name",
    "email",
    "phone",
    "city",
    "preferred_rooms",
    "alternative_dates",
    "fnb_requirements",
    "description",
    "expected_pax",
    "room_block_count",
    "event_type",
    "event_date_start",
    "event_date_end",
    "budget_per_head",
    "setup_style",
    "room_block_needed",
    "country",
]
VALID = {
    "contact_name": "Li Wei",
    "email": "li.wei@hostile.example",
    "event_date_start": "2027-05-01T10:00:00",
    "event_date_end": "2027-05-01T22:00:00",
    "expected_pax": 120,
    "budget_per_head": 480,
}
payloads = st.one_of(
    # a valid inquiry with a few fields replaced by anything
    st.dictionaries(st.sampled_from(API_FIELDS), values, max_size=4).map(
        lambda changes: {**VALID, **changes}
    ),
    # anything at all, valid field names or not
    st.dictionaries(st.one_of(st.sampled_from(API_FIELDS), texts), values, max_size=6),
)
bodies = st.one_of(
    payloads.map(lambda payload: json.dumps(payload).encode()),  # NaN, Infinity, \ud800
    st.binary(max_size=200),
    st.sampled_from([b"[" * 5000 + b"]" * 5000, b'{"contact_name": "\xed\xa0\x80"}', b""]),
)


@pytest.fixture(scope="module")
def admin(odoo_server_workers):
    session = OdooClient(odoo_server_workers["url"], odoo_server_workers["db"])
    session.authenticate("admin", "admin")
    return session


@pytest.fixture(scope="module")
def channel_key(admin):
    """A channel of the admin's hotel with a key, made as a manager makes them."""
    source = admin.call("utm.source", "create", {"name": f"Hostile {uuid.uuid4().hex[:6]}"})
    channel = admin.call(
        "banquet.intake.channel",
        "create",
        {"name": "Hostile input", "source_id": source, "rate_limit_per_minute": 100000},
    )
    wizard = admin.call(
        "banquet.intake.key.wizard",
        "create",
        {"channel_id": channel, "name": "hostile", "duration": "30"},
    )
    action = admin.call("banquet.intake.key.wizard", "action_make_key", [wizard])
    return channel, action["context"]["default_key"]


def _all_leads(admin):
    return admin.call("crm.lead", "search_count", [], context={"active_test": False})


def test_intake_api_answers_hostile_bodies_without_500_or_partial_inquiry(
    odoo_server_workers, admin, channel_key
):
    channel, key = channel_key
    url = odoo_server_workers["url"] + URL

    @SETTINGS
    @given(body=bodies)
    def check(body):
        before = _all_leads(admin)
        response = requests.post(
            url,
            data=body,
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
            timeout=120,
        )
        after = _all_leads(admin)
        assert response.status_code in (201, 400, 422), (body[:300], response.text[:500])
        answer = response.json()
        if response.status_code == 201:
            assert after == before + 1, "one inquiry per accepted body"
            assert answer["reference"].startswith("INQ/")
        else:
            assert after == before, "a refused body leaves no inquiry"
            assert isinstance(answer["error"], str) and answer["error"]

    check()
    # what the API accepted is filed under the channel, refused bodies left nothing there
    assert admin.call("crm.lead", "search_count", [("banquet_intake_channel_id", "=", channel)])


def test_failed_api_keys_are_limited_per_address_across_workers(
    odoo_server_workers, admin, channel_key
):
    """40 wrong keys at once from one address, on two workers: exactly the limit (10 per
    minute) get 401, the rest 429; meanwhile a good key from that address gets 429 too."""
    _channel, key = channel_key
    url = odoo_server_workers["url"] + URL
    body = json.dumps(VALID).encode()

    def post(clear_key):
        return requests.post(
            url, data=body, headers={"Authorization": f"Bearer {clear_key}"}, timeout=120
        )

    before = _all_leads(admin)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            responses = list(pool.map(post, [f"guess-{i}" for i in range(40)]))
        assert Counter(r.status_code for r in responses) == {401: 10, 429: 30}, [
            (r.status_code, r.text[:200]) for r in responses
        ]
        blocked = post(key)
        assert blocked.status_code == 429, blocked.text
        assert blocked.headers["Retry-After"] == "60"
        assert _all_leads(admin) == before
    finally:
        # a manager lifts the block, so that the other tests' calls from this address pass
        failures = admin.call(
            "banquet.intake.key.failure", "search", [("remote_addr", "=", "127.0.0.1")]
        )
        admin.call("banquet.intake.key.failure", "unlink", failures)
    assert post(key).status_code == 201


class _FormVisitor:
    """A browser session on the public form: one CSRF token, form stamps fetched ahead and
    aged past the form's minimum time, so that each post need not wait."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.http = requests.Session()
        self.stamps = []
        self.token = None

    def _fetch(self, count):
        for _i in range(count):
            page = self.http.get(self.base_url + FORM, timeout=60)
            assert page.status_code == 200, page.text[-500:]
            self.token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            self.stamps.append(re.search(r'name="stamp" value="([^"]+)"', page.text).group(1))
        time.sleep(3.5)  # the form refuses posts faster than a person

    def post(self, data):
        if not self.stamps:
            self._fetch(45)
        fields = {"csrf_token": self.token, "stamp": self.stamps.pop(), **data}
        # surrogates are sent as the bytes a broken client would send
        encoded = {name: value.encode("utf-8", "surrogatepass") for name, value in fields.items()}
        return self.http.post(self.base_url + FORM, data=encoded, timeout=60, allow_redirects=False)


FORM_FIELDS = [
    "hotel",
    "contact_name",
    "company_name",
    "email",
    "phone",
    "event_type_id",
    "event_date",
    "expected_pax",
    "setup_style",
    "description",
]
VALID_FORM = {
    "contact_name": "Wang Fang",
    "company_name": "Blue Sky Travel",
    "email": "wang.fang@hostile.example",
    "expected_pax": "80",
    "event_date": "2027-05-01T18:30",
}


def test_web_form_answers_hostile_posts_without_500_or_partial_inquiry(odoo_server_workers, admin):
    base_url = odoo_server_workers["url"]
    companies = admin.call("res.company", "search_read", [], ["banquet_form_limit_per_hour"])
    # the test posts more than one address may post in an hour
    admin.call(
        "res.company",
        "write",
        [company["id"] for company in companies],
        {"banquet_form_limit_per_hour": 100000},
    )
    visitor = _FormVisitor(base_url)

    @SETTINGS
    @given(hotel=texts)
    def check_page(hotel):
        page = requests.get(
            f"{base_url}{FORM}?hotel={quote(hotel.encode('utf-8', 'surrogatepass'))}",
            timeout=60,
        )
        assert page.status_code == 200, (hotel, page.text[-500:])
        assert 'action="/banquet/inquiry"' in page.text

    @SETTINGS
    @given(changes=st.dictionaries(st.sampled_from(FORM_FIELDS), texts, max_size=4))
    def check_post(changes):
        before = _all_leads(admin)
        response = visitor.post({**VALID_FORM, **changes})
        after = _all_leads(admin)
        assert response.status_code in (200, 302, 303, 400), (changes, response.text[-800:])
        if response.status_code == 200:
            assert "Your reference" in response.text
            assert after == before + 1, "one inquiry per accepted post"
        else:
            assert after == before, "a refused post leaves no inquiry"
        if response.status_code == 400:
            assert "alert" in response.text, "the visitor is told why"

    try:
        check_page()
        check_post()
    finally:
        for company in companies:
            admin.call(
                "res.company",
                "write",
                [company["id"]],
                {"banquet_form_limit_per_hour": company["banquet_form_limit_per_hour"]},
            )


# PostgreSQL stores neither NUL nor a lone surrogate: not a spreadsheet question (the
# public routes refuse them, tests of their own); here the back office stores the text.
storable_text = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
buyer_names = st.one_of(
    st.tuples(st.sampled_from(FORMULA_STARTS), st.text(alphabet=storable_text, max_size=30)).map(
        "".join
    ),
    st.sampled_from(['=HYPERLINK("http://evil.example","Click")', "@SUM(1+1)", "-2+3", "+1"]),
    st.text(alphabet=storable_text),
)


def _spreadsheet_texts(content, file_format):
    if file_format == "csv":
        return [
            value
            for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
            for value in row
        ], []
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    return [cell.value for cell in cells if isinstance(cell.value, str)], [
        cell.coordinate for cell in cells if cell.data_type == "f"
    ]


def test_fapiao_export_never_holds_a_formula(odoo_server_workers, admin):
    company = admin.call("res.users", "read", [admin.uid], ["company_id"])[0]["company_id"][0]
    product = admin.call(
        "product.product", "search", [("sale_ok", "=", True), ("type", "=", "service")], limit=1
    )[0]

    @SETTINGS
    @given(buyer=buyer_names, partner_name=buyer_names, address=buyer_names)
    def check(buyer, partner_name, address):
        partner = admin.call(
            "res.partner", "create", {"name": partner_name.strip() or "x", "is_company": True}
        )
        move = admin.call(
            "account.move",
            "create",
            {
                "move_type": "out_invoice",
                "partner_id": partner,
                "company_id": company,
                "banquet_fapiao_buyer_name": buyer or False,  # empty: the partner's name
                "banquet_fapiao_address_phone": address,
                "invoice_line_ids": [
                    (0, 0, {"product_id": product, "name": address or "x", "price_unit": 100})
                ],
            },
        )
        admin.call("account.move", "action_post", [move])
        for file_format in ("xlsx", "csv"):
            wizard = admin.call(
                "banquet.fapiao.export",
                "create",
                {"move_ids": [(6, 0, [move])], "file_format": file_format},
            )
            admin.call("banquet.fapiao.export", "action_export", [wizard])
            data = admin.call("banquet.fapiao.export", "read", [wizard], ["data"])[0]["data"]
            cell_texts, formulas = _spreadsheet_texts(base64.b64decode(data), file_format)
            assert not formulas, (file_format, formulas)
            live = [text for text in cell_texts if text.startswith(FORMULA_STARTS)]
            assert not live, (file_format, live)
            if (buyer or partner_name.strip()).startswith(FORMULA_STARTS):
                assert any(text.startswith("'") for text in cell_texts), cell_texts

    column = admin.call(
        "banquet.fapiao.column",
        "create",
        {"name": "=购买方地址电话", "key": "buyer_address_phone", "sequence": 99},
    )
    try:
        check()
    finally:
        admin.call("banquet.fapiao.column", "unlink", [column])
