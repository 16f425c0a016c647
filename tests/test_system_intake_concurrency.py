"""Channels posting at once to the intake API of an Odoo in multi-process mode.

A real server with two HTTP workers, eight client threads on the loopback interface, a
bounded number of requests and a time limit: every distinct valid inquiry is stored exactly
once and answered 201, concurrent replays of one Idempotency-Key all get the first
inquiry's real reference, and the per-key rate limit holds exactly.
"""

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed

import pytest
import requests
from conftest import OdooClient

THREADS = 8
DEADLINE_SECONDS = 240
URL = "/banquet/api/v1/inquiries"


@pytest.fixture(scope="module")
def admin(odoo_server_workers):
    session = OdooClient(odoo_server_workers["url"], odoo_server_workers["db"])
    session.authenticate("admin", "admin")
    return session


def _channel_with_key(admin, rate_limit):
    """A new channel of the admin's hotel and a key for it, made as a manager makes them."""
    source = admin.call("utm.source", "create", {"name": f"Load test {uuid.uuid4().hex[:6]}"})
    channel = admin.call(
        "banquet.intake.channel",
        "create",
        {"name": "Load test", "source_id": source, "rate_limit_per_minute": rate_limit},
    )
    wizard = admin.call(
        "banquet.intake.key.wizard",
        "create",
        {"channel_id": channel, "name": "load test", "duration": "30"},
    )
    action = admin.call("banquet.intake.key.wizard", "action_make_key", [wizard])
    return channel, action["context"]["default_key"]


def _post(base_url, key, payload, idempotency_key=None):
    headers = {"Authorization": f"Bearer {key}"}
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    response = requests.post(base_url + URL, json=payload, headers=headers, timeout=120)
    try:
        body = response.json()
    except ValueError:
        body = {"raw": response.text[:500]}
    return response.status_code, body


def _inquiry(tag, i):
    return {
        "contact_name": f"Guest {tag} {i}",
        "email": f"guest{i}.{tag}@load.example",
        "event_date_start": "2027-06-01T18:00:00",
        "expected_pax": 50 + i,
    }


def _run_all(jobs):
    """Run ``jobs`` (callables) on THREADS threads; return their results in order."""
    results = [None] * len(jobs)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = {pool.submit(job): index for index, job in enumerate(jobs)}
        for future in as_completed(futures, timeout=DEADLINE_SECONDS):
            results[futures[future]] = future.result()
    return results


def test_concurrent_channels_store_every_inquiry_once_and_replays_get_the_same_reference(
    odoo_server_workers, admin
):
    channel, key = _channel_with_key(admin, rate_limit=10000)
    tag = uuid.uuid4().hex[:8]
    url = odoo_server_workers["url"]
    distinct = [_inquiry(tag, i) for i in range(64)]
    replayed = {f"{tag}-order-{n}": _inquiry(f"{tag}r", n) for n in range(3)}
    jobs = [lambda p=payload: _post(url, key, p) for payload in distinct]
    # each idempotency key is posted 8 times, interleaved with the distinct inquiries
    for round_ in range(8):
        for idem, payload in replayed.items():
            jobs.insert(round_ * 8 + 1, lambda p=payload, k=idem: _post(url, key, p, k))
    results = _run_all(jobs)

    for job_index, (status, body) in enumerate(results):
        assert status in (200, 201), (job_index, status, body)
        assert isinstance(body.get("reference"), str) and body["reference"].startswith("INQ/"), body
        assert isinstance(body.get("id"), int), body
    # the answers to each inquiry, by what was posted
    ids_by_contact = {}
    for (status, body), job in zip(results, jobs, strict=True):
        payload = job.__defaults__[0]
        ids_by_contact.setdefault(payload["email"], []).append((status, body))
    for payload in distinct:
        [(status, body)] = ids_by_contact[payload["email"]]
        assert status == 201, (payload, status, body)
    for idem, payload in replayed.items():
        answers = ids_by_contact[payload["email"]]
        assert len(answers) == 8, idem
        assert Counter(status for status, _body in answers) == {201: 1, 200: 7}, answers
        assert len({(body["reference"], body["id"]) for _status, body in answers}) == 1, answers

    leads = admin.call(
        "crm.lead",
        "search_read",
        [("banquet_intake_channel_id", "=", channel)],
        fields=["email_from", "banquet_reference", "contact_name"],
        context={"active_test": False},
    )
    assert len(leads) == len(distinct) + len(replayed)
    emails = Counter(lead["email_from"] for lead in leads)
    assert set(emails) == {p["email"] for p in distinct} | {p["email"] for p in replayed.values()}
    assert set(emails.values()) == {1}, "every inquiry stored exactly once"
    references = {lead["banquet_reference"] for lead in leads}
    assert len(references) == len(leads)
    answered = {body["reference"] for _status, body in results}
    assert answered == references


def test_rate_limit_holds_under_concurrency(odoo_server_workers, admin):
    limit = 6
    channel, key = _channel_with_key(admin, rate_limit=limit)
    tag = uuid.uuid4().hex[:8]
    url = odoo_server_workers["url"]
    results = _run_all([lambda i=i: _post(url, key, _inquiry(tag, i)) for i in range(2 * limit)])
    statuses = Counter(status for status, _body in results)
    assert statuses == {201: limit, 429: limit}, results
    for status, body in results:
        if status == 429:
            assert "rate limit" in body["error"]
        else:
            assert body["reference"].startswith("INQ/")
    count = admin.call("crm.lead", "search_count", [("banquet_intake_channel_id", "=", channel)])
    assert count == limit
