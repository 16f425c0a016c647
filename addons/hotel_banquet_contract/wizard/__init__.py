from . import banquet_availability_wizard
