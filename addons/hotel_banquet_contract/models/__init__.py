from . import banquet_room
from . import sale_order
