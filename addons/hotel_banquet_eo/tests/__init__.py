from . import test_event_order
