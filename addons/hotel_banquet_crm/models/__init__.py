from . import banquet_event_type
from . import crm_lead
