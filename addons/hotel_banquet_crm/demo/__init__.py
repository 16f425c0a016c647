from . import res_company_demo
