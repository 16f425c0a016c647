{
    "name": "Hotel Banquet Sales & Catering - CRM",
    "summary": "Banquet inquiries: capture, routing, SLA follow-up and customer care",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Hotel Banquet S&C",
    "website": "https://github.com/hotel-banquet/hotel-banquet",
    "license": "LGPL-3",
    "depends": ["crm", "calendar", "utm", "portal", "mail"],
    "data": [
        "security/banquet_security.xml",
        "security/banquet_rules.xml",
        "security/ir.model.access.csv",
        "data/banquet_event_type_data.xml",
        "views/banquet_event_type_views.xml",
        "views/crm_lead_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/banquet_user_demo.xml",
        "demo/crm_lead_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hotel_banquet_crm/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
