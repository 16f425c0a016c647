from . import banquet_sales_dashboard
