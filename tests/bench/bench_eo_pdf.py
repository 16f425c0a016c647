"""Benchmark: render the Event Order PDF of a 3-day event with 20 functions.

Not part of any test run (pytest collects ``test_*.py`` only). Needs a database where
hotel_banquet_eo is installed; everything it writes is rolled back. The target is under
0.5 s for the full Event Order on a 2-core machine (the font is loaded once per worker,
before the measured runs, as a running server has it loaded).

    python3 tests/bench/bench_eo_pdf.py -d DATABASE [--runs 5]
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

FUNCTIONS = 20
DAYS = 3
TARGET_SECONDS = 0.5


def build_event_order(env):
    """A 3-day conference and gala: 20 functions, 8 departments, 4 lines per function."""
    partner = env["res.partner"].create({"name": "华东医药年会 Benchmark"})
    order = env["sale.order"].create(
        {"partner_id": partner.id, "is_banquet": True, "event_name": "华东医药年会"}
    )
    eo = env["banquet.event.order"].create(
        {
            "order_id": order.id,
            "event_name": "华东医药年会 2030",
            "partner_id": partner.id,
            "event_date_start": datetime(2030, 3, 1, 0),
            "event_date_end": datetime(2030, 3, 3, 14),
            "guaranteed_pax": 300,
            "billing_instructions": "Master account; 30 days",
        }
    )
    rooms = env["banquet.room"].create(
        [{"name": f"宴会厅 {i}", "code": f"BENCH-EO-{i}", "capacity_max": 400} for i in range(5)]
    )
    functions = env["banquet.event.order.function"].create(
        [
            {
                "event_order_id": eo.id,
                "sequence": i,
                "room_id": rooms[i % 5].id,
                "date_start": datetime(2030, 3, 1, 0) + timedelta(days=i % DAYS, hours=i // DAYS),
                "date_end": datetime(2030, 3, 1, 1) + timedelta(days=i % DAYS, hours=i // DAYS),
                "pax": 100 + i,
                "menu": "龙虾\n东星斑\n长寿面\n茶歇：咖啡、果汁、点心",
                "dietary_notes": "3 位素食，1 位坚果过敏",
                "av_equipment": "2 台投影仪，4 支无线话筒",
                "service_timings": "18:00 迎宾\n18:30 开席\n21:00 结束",
            }
            for i in range(FUNCTIONS)
        ]
    )
    departments = env["banquet.department"].search([("company_id", "=", eo.company_id.id)])
    env["banquet.event.order.section"].create(
        [
            {
                "event_order_id": eo.id,
                "department_id": d.id,
                "instructions": f"{d.name}：按通知单执行",
            }
            for d in departments
        ]
    )
    env["banquet.event.order.line"].create(
        [
            {
                "event_order_id": eo.id,
                "function_id": function.id,
                "department_id": departments[(function.sequence + k) % len(departments)].id,
                "description": f"项目 {k}：桌布、鲜花、指示牌",
                "quantity": 10 + k,
                "service_time": function.date_start,
            }
            for function in functions
            for k in range(4)
        ]
    )
    return eo


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--runs", type=int, default=7)
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
        eo = build_event_order(env)
        snapshot = eo._snapshot()
        renderer = env["banquet.event.order.pdf"]
        start = time.perf_counter()
        renderer._render_pdf(snapshot, "en_US")  # loads the font, once per worker
        print(f"first render (font load included): {time.perf_counter() - start:.3f} s")
        timings, cpu = [], []
        for _run in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            data = renderer._render_pdf(snapshot, "en_US")
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        median = sorted(timings)[len(timings) // 2]
        print(
            f"full Event Order, {DAYS} days, {FUNCTIONS} functions, {len(eo.line_ids)} lines: "
            f"median {median:.3f} s, best {min(timings):.3f} s, worst {max(timings):.3f} s "
            f"(CPU time median {sorted(cpu)[len(cpu) // 2]:.3f} s), {len(data)} bytes"
        )
        start = time.perf_counter()
        for key in snapshot["departments"]:
            renderer._render_pdf(snapshot, "en_US", department_key=key)
        print(
            f"{len(snapshot['departments'])} department page sets: "
            f"{time.perf_counter() - start:.3f} s"
        )
        cr.rollback()
        print("OK" if median < TARGET_SECONDS else f"SLOWER than {TARGET_SECONDS} s")
        return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
