from . import test_banquet_security
from . import test_banquet_inquiry_ui
