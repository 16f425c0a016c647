from odoo.tests import TransactionCase, freeze_time, tagged


@tagged("post_install", "-at_install")
class TestBanquetSequence(TransactionCase):
    """Inquiry references are drawn many at a time, as core would draw them one by one."""

    def _sequence(self, code, **values):
        return self.env["ir.sequence"].create(
            {"name": code, "code": code, "prefix": "T%(year)s-", "padding": 3, **values}
        )

    def _draw(self, code, count):
        queries = []
        execute = self.cr.execute

        def observe(query, params=None, log_exceptions=True):
            queries.append(str(query))
            return execute(query, params, log_exceptions)

        self.patch(self.cr, "execute", observe)
        with freeze_time("2030-12-31 20:00:00"):
            numbers = (
                self.env["ir.sequence"]
                .with_context(tz="Asia/Shanghai")
                ._banquet_next_many(code, count)
            )
        self.cr.execute = execute
        return numbers, [q for q in queries if "nextval" in q]

    def test_standard_sequence_gives_many_numbers_in_one_query(self):
        self._sequence("test.banquet.standard")
        numbers, nextvals = self._draw("test.banquet.standard", 3)
        # 1 January 2031 in Shanghai: the prefix takes the context's time zone
        self.assertEqual(numbers, ["T2031-001", "T2031-002", "T2031-003"])
        self.assertEqual(len(nextvals), 1)
        # core draws the next one
        self.assertEqual(self.env["ir.sequence"].next_by_code("test.banquet.standard")[-3:], "004")

    def test_no_gap_and_date_range_sequences_draw_through_core(self):
        no_gap = self._sequence("test.banquet.no_gap", implementation="no_gap")
        numbers, _nextvals = self._draw("test.banquet.no_gap", 2)
        self.assertEqual(numbers, ["T2031-001", "T2031-002"])
        self.assertEqual(no_gap.number_next_actual, 3)
        self._sequence("test.banquet.range", use_date_range=True)
        numbers, _nextvals = self._draw("test.banquet.range", 2)
        self.assertEqual(numbers, ["T2031-001", "T2031-002"])
        self.assertTrue(
            self.env["ir.sequence.date_range"].search_count(
                [("sequence_id.code", "=", "test.banquet.range")]
            )
        )

    def test_unknown_code_gives_no_number(self):
        self.assertEqual(self.env["ir.sequence"]._banquet_next_many("test.banquet.none", 0), [])
        numbers, _nextvals = self._draw("test.banquet.none", 2)
        self.assertEqual(numbers, [False, False])
