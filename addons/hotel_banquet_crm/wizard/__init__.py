from . import crm_lead_lost
from . import banquet_partner_erase_wizard
