from . import sale_order_demo
from . import banquet_event_order_demo
