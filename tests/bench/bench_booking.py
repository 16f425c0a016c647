"""Benchmark: availability check and booking creation with many existing bookings.

Not part of any test run (pytest collects ``test_*.py`` only). Needs a database where
hotel_banquet_contract is installed; everything it writes is rolled back.

    python3 tests/bench/bench_booking.py -d DATABASE [--sizes 1000,10000,100000]
"""

import argparse
import os
import sys
import time
from datetime import datetime, timedelta

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ODOO_DIR = os.environ.get("ODOO_DIR", "/opt/odoo")
sys.path.insert(0, ODOO_DIR)

import odoo
from odoo.tools import config

ROOMS = 40  # physical rooms; every fourth group of four is also sold combined
SLOT_HOURS = 6  # each existing booking: 4 h event + buffers, one slot of 6 h per room
BASE = datetime(2030, 1, 1, 8)


def seed(env, count):
    """Insert ``count`` definite bookings spread over ROOMS rooms, set-based in SQL."""
    cr = env.cr
    partner = env["res.partner"].create({"name": "Benchmark Customer"})
    order = env["sale.order"].create(
        {"partner_id": partner.id, "is_banquet": True, "event_name": "Benchmark"}
    )
    cr.execute("UPDATE sale_order SET banquet_status = 'definite' WHERE id = %s", [order.id])
    rooms = env["banquet.room"].create(
        [
            {
                "name": "Bench %s" % i,
                "code": "BENCH-%s" % i,
                "capacity_max": 300,
                "setup_minutes": 60,
                "teardown_minutes": 60,
            }
            for i in range(ROOMS)
        ]
    )
    combined = env["banquet.room"].create(
        [
            {
                "name": "Bench Hall %s" % i,
                "code": "BENCH-HALL-%s" % i,
                "capacity_max": 1000,
                "setup_minutes": 60,
                "teardown_minutes": 60,
                "component_ids": [(6, 0, rooms[i * 4 : i * 4 + 4].ids)],
            }
            for i in range(ROOMS // 4)
        ]
    )
    env.flush_all()
    cr.execute(
        """
        INSERT INTO banquet_room_booking
               (order_id, company_id, room_id, date_start, date_end, expected_pax,
                setup_minutes, teardown_minutes, state, hold, event_status, blocking,
                event_name, partner_id)
        SELECT %(order)s, %(company)s, (%(rooms)s)[1 + n %% %(nrooms)s],
               %(base)s + (n / %(nrooms)s) * interval '%(slot)s hours',
               %(base)s + (n / %(nrooms)s) * interval '%(slot)s hours' + interval '4 hours',
               50, 60, 60, 'definite', 'held', 'definite', TRUE, 'Benchmark', %(partner)s
          FROM generate_series(0, %(count)s - 1) AS n
        """,
        {
            "order": order.id,
            "company": env.company.id,
            "rooms": rooms.ids,
            "nrooms": ROOMS,
            "base": BASE,
            "slot": SLOT_HOURS,
            "count": count,
            "partner": partner.id,
        },
    )
    cr.execute(
        """
        INSERT INTO banquet_room_occupancy
               (booking_id, room_id, company_id, date_from, date_to, blocking)
        SELECT id, room_id, company_id, date_start - interval '1 hour',
               date_end + interval '1 hour', TRUE
          FROM banquet_room_booking WHERE order_id = %s
        """,
        [order.id],
    )
    cr.execute("ANALYZE banquet_room_occupancy")
    cr.execute("ANALYZE banquet_room_booking")
    env.invalidate_all()
    return partner, rooms, combined


def timed(label, func, repeat=5):
    """Best of ``repeat`` runs, in milliseconds."""
    best = None
    for _i in range(repeat):
        start = time.perf_counter()
        result = func()
        elapsed = (time.perf_counter() - start) * 1000
        best = elapsed if best is None else min(best, elapsed)
    sys.stdout.write("  %-52s %8.1f ms\n" % (label, best))
    return result


def bench(env, count):
    cr = env.cr
    cr.execute("SAVEPOINT bench")
    partner, rooms, combined = seed(env, count)
    slots = count // ROOMS
    # A window in the middle of the booked period: every room is busy then.
    middle = BASE + timedelta(hours=SLOT_HOURS * (slots // 2))
    # The free window after the last slot.
    free = BASE + timedelta(hours=SLOT_HOURS * (slots + 2))
    sys.stdout.write("%s existing bookings (%s physical rooms):\n" % (count, ROOMS))

    def search(start):
        wizard = env["banquet.availability.wizard"].create(
            {"date_start": start, "date_end": start + timedelta(hours=4), "pax": 100}
        )
        return wizard._find_free_rooms()

    busy_rooms = timed("availability search, busy window", lambda: search(middle))
    free_rooms = timed("availability search, free window", lambda: search(free))
    sys.stdout.write(
        "  (free rooms: %s in the busy window, %s in the free one)\n"
        % (len(busy_rooms & (rooms | combined)), len(free_rooms & (rooms | combined)))
    )
    day = [0]

    def book(room):
        day[0] += 1
        start = free + timedelta(days=day[0])
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "is_banquet": True,
                "event_name": "Bench booking",
                "booking_ids": [
                    (
                        0,
                        0,
                        {
                            "room_id": room.id,
                            "date_start": start,
                            "date_end": start + timedelta(hours=4),
                        },
                    )
                ],
            }
        )
        order.write({"banquet_status": "tentative"})
        env.flush_all()
        return order

    timed("create order + booking, set tentative (room)", lambda: book(rooms[0]))
    timed("create order + booking, set tentative (hall)", lambda: book(combined[0]))

    def conflict():
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "is_banquet": True,
                "booking_ids": [
                    (
                        0,
                        0,
                        {
                            "room_id": combined[0].id,
                            "date_start": middle,
                            "date_end": middle + timedelta(hours=4),
                        },
                    )
                ],
            }
        )
        try:
            order.write({"banquet_status": "tentative"})
        except odoo.exceptions.ValidationError:
            return True
        return False

    refused = timed("conflicting tentative booking refused", conflict)
    assert refused, "the conflicting booking was accepted"
    cr.execute("ROLLBACK TO SAVEPOINT bench")
    env.invalidate_all()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    addons = [
        os.path.join(PROJECT_DIR, "addons"),
        os.path.join(ODOO_DIR, "addons"),
        os.path.join(ODOO_DIR, "odoo", "addons"),
    ]
    config.parse_config(
        ["--addons-path=%s" % ",".join(addons), "-d", args.database, "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        for size in (int(s) for s in args.sizes.split(",")):
            bench(env, size)
        cr.rollback()


if __name__ == "__main__":
    main()
