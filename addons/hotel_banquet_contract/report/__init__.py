from . import banquet_room_yield_report
from . import banquet_customer_retention_report
