from . import banquet_event_order_pdf
