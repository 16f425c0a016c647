from . import test_room_booking
from . import test_booking_concurrency
from . import test_option_management
from . import test_availability_wizard
from . import test_room_security
from . import test_room_grid
from . import test_quotation_from_lead
from . import test_customer_value
