from . import res_company_demo
from . import sale_order_demo
