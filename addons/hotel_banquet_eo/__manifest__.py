{
    "name": "Hotel Banquet Sales & Catering - Event Orders",
    "summary": "Event Orders (BEO): functions, department lines, immutable versions, "
    "change control, portal confirmation and reportlab PDFs",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "author": "Hotel Banquet S&C",
    "website": "https://github.com/hotel-banquet/hotel-banquet",
    "license": "LGPL-3",
    "depends": ["hotel_banquet_contract", "portal"],
    "data": [
        "security/banquet_rules.xml",
        "security/ir.model.access.csv",
        "data/banquet_event_order_data.xml",
        "views/banquet_department_views.xml",
        "views/banquet_event_order_views.xml",
        "views/banquet_event_order_section_views.xml",
        "views/banquet_event_order_version_views.xml",
        "report/banquet_event_order_reports.xml",
        "views/banquet_event_order_change_request_views.xml",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
        "views/menus.xml",
        "data/res_users_data.xml",
    ],
    "demo": [
        "demo/banquet_department_demo.xml",
        "demo/banquet_event_order_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hotel_banquet_eo/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "_post_init_hook",
    "installable": True,
}
