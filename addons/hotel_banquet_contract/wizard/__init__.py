from . import banquet_availability_wizard
from . import banquet_cancellation_wizard
from . import banquet_fapiao_export
from . import banquet_approval_wizard
from . import mail_compose_message
