from . import banquet_event_order_pdf
from . import report_banquet_event_order
from . import report_banquet_event_order_version
