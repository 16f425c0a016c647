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
        "views/banquet_room_views.xml",
        "views/sale_order_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/banquet_room_demo.xml",
    ],
    "installable": True,
}
