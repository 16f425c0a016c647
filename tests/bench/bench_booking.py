"""Benchmark: booking, refusal, availability and diary cost as the hotel's history grows,
beside stock Odoo (``sale.order`` create) and PostgreSQL's own checked insert.

Not part of any test run (pytest collects ``test_*.py`` only). Needs a database where
hotel_banquet_contract is installed (without demo data); everything it writes is rolled
back.

    python3 tests/bench/bench_booking.py -d DATABASE [--sizes 1000,10000,100000] [--repeat 15]
        [--warm] [--profile FILE]

The hotel: 600 physical rooms, every group of four also sold as a combined hall (150
halls). The week measured holds the same load at every size (one definite function per
room); the rest of the history lies before it, so the sizes differ only by history.
In one run, for each size: median of ``--repeat`` runs of each operation, then the ratios
issue 10 names: booking create against stock ``sale.order`` create (+3 ms target), a
refusal against a successful booking, and the growth from the smallest to the largest size
(<= 1.2x target).
"""

import argparse
import cProfile
import os
import statistics
import sys
import time
from datetime import datetime, timedelta

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ODOO_DIR = os.environ.get("ODOO_DIR", "/opt/odoo")
sys.path.insert(0, ODOO_DIR)

import odoo
from odoo.exceptions import ValidationError
from odoo.tools import config

ROOMS = 600  # physical rooms
HALL_SIZE = 4  # rooms per combined hall
WEEK = datetime(2030, 6, 3)  # a Monday: the week measured (availability, diary, refusals)
HISTORY_SLOT = timedelta(hours=6)  # history bookings: 4 h + 1 h buffers each side


class Hotel:
    """The rooms, customer and product of the benchmark, created once."""

    def __init__(self, env):
        self.env = env
        company = env.company
        company.banquet_tz = "UTC"
        self.partner = env["res.partner"].create({"name": "Benchmark Customer"})
        self.product = env["product.product"].create(
            {"name": "Benchmark Service", "type": "service", "list_price": 100}
        )
        self.history_order = env["sale.order"].create(
            {"partner_id": self.partner.id, "is_banquet": True, "event_name": "History"}
        )
        env.cr.execute(
            "UPDATE sale_order SET banquet_status = 'definite' WHERE id = %s",
            [self.history_order.id],
        )
        Room = env["banquet.room"]
        self.rooms = Room.create(
            [
                {
                    "name": "Bench %03d" % i,
                    "code": "BENCH-%03d" % i,
                    "capacity_max": 300,
                    "setup_minutes": 60,
                    "teardown_minutes": 60,
                }
                for i in range(ROOMS)
            ]
        )
        self.halls = Room.create(
            [
                {
                    "name": "Bench Hall %03d" % i,
                    "code": "BENCH-HALL-%03d" % i,
                    "capacity_max": 1000,
                    "setup_minutes": 60,
                    "teardown_minutes": 60,
                    "component_ids": [(6, 0, self.rooms[i * HALL_SIZE : (i + 1) * HALL_SIZE].ids)],
                }
                for i in range(ROOMS // HALL_SIZE)
            ]
        )
        env.flush_all()
        self.seeded = 0
        # The week measured: one definite function per room, room i on day i % 7, 9-13 h.
        self._insert(
            """
            SELECT (%(rooms)s)[1 + n],
                   %(week)s + (n %% 7) * interval '1 day' + interval '9 hours',
                   %(week)s + (n %% 7) * interval '1 day' + interval '13 hours'
              FROM generate_series(0, %(nrooms)s - 1) AS n
            """,
            {"rooms": self.rooms.ids, "week": WEEK, "nrooms": ROOMS},
        )

    def _insert(self, select, params):
        """Insert definite, held bookings (room, start, end) given by ``select``, with
        their blocking occupancy rows, set-based in SQL."""
        cr = self.env.cr
        cr.execute(
            """
            WITH new AS (
                INSERT INTO banquet_room_booking
                       (order_id, company_id, room_id, date_start, date_end, expected_pax,
                        setup_minutes, teardown_minutes, state, hold, event_status, blocking,
                        day_part, event_name, partner_id, create_date, write_date)
                SELECT %(order)s, %(company)s, s.room_id, s.date_start, s.date_end, 50,
                       60, 60, 'definite', 'held', 'definite', TRUE, 'morning', 'History',
                       %(partner)s, now(), now()
                  FROM (%(select)s) AS s(room_id, date_start, date_end)
             RETURNING id, room_id, company_id, date_start, date_end
            )
            INSERT INTO banquet_room_occupancy
                   (booking_id, room_id, company_id, date_from, date_to, blocking)
            SELECT id, room_id, company_id, date_start - interval '1 hour',
                   date_end + interval '1 hour', TRUE
              FROM new
            """.replace("%(select)s", select),
            dict(
                params,
                order=self.history_order.id,
                company=self.env.company.id,
                partner=self.partner.id,
            ),
        )
        self.seeded += cr.rowcount

    def grow(self, total):
        """Add history before the week measured until ``total`` bookings exist: one 6 h
        slot per room after the other, going back in time."""
        if total <= self.seeded:
            return
        self._insert(
            """
            SELECT (%(rooms)s)[1 + n %% %(nrooms)s],
                   %(week)s - (1 + n / %(nrooms)s) * %(slot)s,
                   %(week)s - (1 + n / %(nrooms)s) * %(slot)s + interval '4 hours'
              FROM generate_series(%(first)s, %(last)s) AS n
            """,
            {
                "rooms": self.rooms.ids,
                "nrooms": ROOMS,
                "week": WEEK - timedelta(days=1),
                "slot": HISTORY_SLOT,
                "first": self.seeded - ROOMS,
                "last": total - ROOMS - 1,
            },
        )
        self.env.cr.execute("ANALYZE banquet_room_occupancy")
        self.env.cr.execute("ANALYZE banquet_room_booking")
        self.env.invalidate_all()


def measure(hotel, repeat, run, cold=True):
    """{operation: median ms} over ``repeat`` rounds. Each round runs every operation
    once, so that a load spike of the (shared) machine hits them all alike. ``cold``: each
    run starts with an empty record cache, as a request does (a refusal rolls back and
    must empty it anyway, so successes and refusals are measured alike); otherwise the
    cache stays warm between runs and a refusal pays for emptying it."""
    env = hotel.env
    cr = env.cr
    free_day = WEEK + timedelta(days=30 + 60 * run)  # far from every other booking

    def stock(_i):
        env["sale.order"].create(
            {
                "partner_id": hotel.partner.id,
                "order_line": [(0, 0, {"product_id": hotel.product.id, "product_uom_qty": 1})],
            }
        )
        env.flush_all()

    def book(room, start):
        env["sale.order"].create(
            {
                "partner_id": hotel.partner.id,
                "is_banquet": True,
                "event_name": "Bench booking",
                "banquet_status": "tentative",
                "booking_ids": [
                    (
                        0,
                        0,
                        {
                            "room_id": room.id,
                            "date_start": start,
                            "date_end": start + timedelta(hours=4),
                            "expected_pax": 50,
                        },
                    )
                ],
            }
        )
        env.flush_all()

    def refused(room, start):
        try:
            with cr.savepoint():
                book(room, start)
        except ValidationError:
            if not cold:
                env.invalidate_all()
            return
        raise AssertionError("the conflicting booking of %s was accepted" % room.name)

    def search(i):
        start = WEEK + timedelta(days=i % 7, hours=10)
        wizard = env["banquet.availability.wizard"].create(
            {"date_start": start, "date_end": start + timedelta(hours=3), "pax": 100}
        )
        assert wizard._find_free_rooms()

    def diary(_i):
        grid = env["banquet.room"].get_room_grid(WEEK.date(), days=7)
        assert sum(len(cell) for room in grid["cells"].values() for cell in room.values())

    cr.execute(
        "SELECT min(id) FROM banquet_room_booking WHERE order_id = %s", [hotel.history_order.id]
    )
    booking_id = cr.fetchone()[0]

    def floor(i):
        start = free_day + timedelta(days=2, hours=6 * (i % 4))
        cr.execute(
            """
            INSERT INTO banquet_room_occupancy
                   (booking_id, room_id, company_id, date_from, date_to, blocking)
            VALUES (%s, %s, %s, %s, %s, TRUE)
            """,
            [booking_id, hotel.rooms[i // 4].id, env.company.id, start, start + HISTORY_SLOT],
        )

    operations = {
        "stock": stock,
        # Each successful booking takes a room and a day nobody else has.
        "room": lambda i: book(hotel.rooms[i], free_day),
        "hall": lambda i: book(hotel.halls[i], free_day + timedelta(days=1)),
        # Room i is busy on day i % 7 of the week, 9-13 h; hall i covers rooms 4i..4i+3.
        "room_refused": lambda i: refused(hotel.rooms[i], WEEK + timedelta(days=i % 7, hours=10)),
        "hall_refused": lambda i: refused(
            hotel.halls[i], WEEK + timedelta(days=(HALL_SIZE * i) % 7, hours=10)
        ),
        "availability": search,
        "diary": diary,
        "floor": floor,
    }
    times = {key: [] for key in operations}

    def run_one(key, i):
        start = time.perf_counter()
        operations[key](i)
        times[key].append((time.perf_counter() - start) * 1000)

    if cold:
        for i in range(repeat):
            for key in operations:
                env.invalidate_all()
                run_one(key, i)
    else:
        # Warm: the runs of each operation one after the other, after one run to warm up.
        for key, func in operations.items():
            func(repeat)
            for i in range(repeat):
                run_one(key, i)
    return {key: statistics.median(values) for key, values in times.items()}


LABELS = [
    ("stock", "stock sale.order create (1 line)"),
    ("room", "booking create, room (tentative)"),
    ("hall", "booking create, combined hall (tentative)"),
    ("room_refused", "conflicting booking refused, room"),
    ("hall_refused", "conflicting booking refused, combined hall"),
    ("availability", "availability search (%s rooms)" % (ROOMS + ROOMS // HALL_SIZE)),
    ("diary", "diary data, one week (get_room_grid)"),
    ("floor", "PostgreSQL checked INSERT (floor)"),
]


def report(sizes, by_size, repeat):
    out = sys.stdout
    out.write("\nMedian of %s runs, ms\n" % repeat)
    out.write("%-46s" % "" + "".join("%12s" % ("%s" % size) for size in sizes) + "\n")
    for key, label in LABELS:
        out.write("%-46s" % label + "".join("%12.2f" % by_size[s][key] for s in sizes) + "\n")
    out.write("\nRatios (target in brackets)\n")
    for size in sizes:
        r = by_size[size]
        out.write(
            "%7s bookings: room create - stock %+6.2f ms, hall create - stock %+6.2f ms "
            "[<= +3 ms]; room create / stock %.2fx; refusal / success: room %.2fx, "
            "hall %.2fx [<= 1.0x]\n"
            % (
                size,
                r["room"] - r["stock"],
                r["hall"] - r["stock"],
                r["room"] / r["stock"],
                r["room_refused"] / r["room"],
                r["hall_refused"] / r["hall"],
            )
        )
    first, last = sizes[0], sizes[-1]
    out.write("Growth %s -> %s [<= 1.2x]:\n" % (first, last))
    for key, label in LABELS:
        out.write("  %-44s %6.2fx\n" % (label, by_size[last][key] / by_size[first][key]))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--profile", help="cProfile the largest size into this file")
    parser.add_argument(
        "--warm",
        action="store_true",
        help="keep the record cache between runs (default: empty it before each, as a "
        "request starts)",
    )
    args = parser.parse_args()
    addons = [
        os.path.join(PROJECT_DIR, "addons"),
        os.path.join(ODOO_DIR, "addons"),
        os.path.join(ODOO_DIR, "odoo", "addons"),
    ]
    config.parse_config(
        ["--addons-path=%s" % ",".join(addons), "-d", args.database, "--log-level=warn"]
    )
    sizes = [int(s) for s in args.sizes.split(",")]
    registry = odoo.modules.registry.Registry(args.database)
    by_size = {}
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        hotel = Hotel(env)
        for run, size in enumerate(sizes):
            hotel.grow(size)
            sys.stdout.write("%s existing bookings seeded\n" % hotel.seeded)
            sys.stdout.flush()
            if args.profile and size == sizes[-1]:
                profiler = cProfile.Profile()
                profiler.enable()
                by_size[size] = measure(hotel, args.repeat, run, cold=not args.warm)
                profiler.disable()
                profiler.dump_stats(args.profile)
            else:
                by_size[size] = measure(hotel, args.repeat, run, cold=not args.warm)
        cr.rollback()
    sys.stdout.write(
        "\nRecord cache: %s\n" % ("warm between runs" if args.warm else "emptied before each run")
    )
    report(sizes, by_size, args.repeat)


if __name__ == "__main__":
    main()
