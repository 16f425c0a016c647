from . import banquet_department
from . import banquet_event_order
