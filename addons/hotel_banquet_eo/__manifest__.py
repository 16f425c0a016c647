{
    "name": "Hotel Banquet Sales & Catering - Event Orders",
    "summary": "Event Orders (BEO) per department, acknowledgements and post-event feedback",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "Hotel Banquet S&C",
    "website": "https://github.com/hotel-banquet/hotel-banquet",
    "license": "LGPL-3",
    "depends": ["hotel_banquet_contract", "survey"],
    "data": [
        "security/banquet_rules.xml",
        "security/ir.model.access.csv",
        "data/banquet_event_order_data.xml",
        "data/banquet_department_data.xml",
        "views/banquet_department_views.xml",
        "views/banquet_event_order_views.xml",
        "views/menus.xml",
        "data/res_users_data.xml",
    ],
    "demo": [
        "demo/banquet_department_demo.xml",
    ],
    "installable": True,
}
