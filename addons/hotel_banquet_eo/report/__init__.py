from . import banquet_pdf_abstract
from . import banquet_event_order_pdf
