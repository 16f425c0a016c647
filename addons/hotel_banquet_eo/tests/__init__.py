from . import test_event_order
from . import test_translations
from . import test_departments
