from . import test_event_order
from . import test_translations
from . import test_event_order_security
from . import test_event_order_pdf
from . import test_event_order_portal
from . import test_event_order_phone
from . import test_event_order_packages
from . import test_demo_event_orders
