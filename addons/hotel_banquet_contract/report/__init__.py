from . import banquet_room_yield_report
