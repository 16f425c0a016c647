from . import banquet_room_yield_report
from . import banquet_customer_retention_report
from . import banquet_pdf_abstract
from . import banquet_contract_pdf
from . import banquet_pdf_report
from . import report_banquet_contract
from . import report_banquet_contract_version
