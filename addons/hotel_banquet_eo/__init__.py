from . import controllers
from . import models
from . import report
from . import demo


def _post_init_hook(env):
    """Every hotel that exists at install gets the default departments."""
    env["banquet.department"]._banquet_seed_company(env["res.company"].search([]))
