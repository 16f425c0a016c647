from . import res_company
from . import banquet_setup_style
from . import banquet_room
from . import banquet_room_capacity
from . import banquet_room_rate
from . import banquet_room_occupancy
from . import banquet_room_booking
from . import sale_order
