{
    "name": "Hotel Banquet Sales & Catering - Rooms, Bookings & Contracts",
    "summary": "Function rooms, availability, booking statuses, contracts, deposits",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "Hotel Banquet S&C",
    "website": "https://github.com/hotel-banquet/hotel-banquet",
    "license": "LGPL-3",
    "depends": ["hotel_banquet_crm", "sale_management", "sale_crm", "account"],
    "data": [
        "security/banquet_security.xml",
        "security/banquet_rules.xml",
        "security/ir.model.access.csv",
        "data/product_data.xml",
        "data/ir_cron_data.xml",
        "views/banquet_room_views.xml",
        "views/banquet_room_rate_views.xml",
        "views/banquet_room_booking_views.xml",
        "views/banquet_room_grid_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/banquet_availability_wizard_views.xml",
        "report/banquet_room_yield_report_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/banquet_room_demo.xml",
        "demo/sale_order_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "hotel_banquet_contract/static/src/**/*",
        ],
        "web.assets_tests": [
            "hotel_banquet_contract/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
