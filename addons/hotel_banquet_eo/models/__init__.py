from . import banquet_department
from . import banquet_event_order
from . import res_company
from . import res_users
