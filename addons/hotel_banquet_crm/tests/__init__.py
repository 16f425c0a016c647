from . import test_banquet_security
from . import test_banquet_inquiry_ui
from . import test_banquet_intake_api
from . import test_banquet_mail_gateway
from . import test_banquet_duplicates
from . import test_banquet_routing
from . import test_banquet_sla
