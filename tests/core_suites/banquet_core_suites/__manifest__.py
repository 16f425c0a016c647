{
    "name": "Banquet: Odoo core test suites",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "category": "Hidden/Tests",
    "summary": "Runs Odoo's own tests of crm, sale, sale_crm and sale_management on this database",
    "description": """
Test-only addon of make test (never installed by make run). It depends on core modules
only, so it installs on stock Odoo too: that run gives the baseline the banquet run is
compared with (tests/core_suites/stock_baseline.txt).
""",
    "depends": ["crm", "sale", "sale_crm", "sale_management"],
    "installable": True,
}
