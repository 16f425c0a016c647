from . import banquet_sales_dashboard
from . import banquet_sales_dashboard_care
