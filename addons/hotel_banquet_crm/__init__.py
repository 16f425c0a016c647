from . import controllers
from . import models
from . import wizard
from . import report
from . import demo


def uninstall_hook(env):
    """Give core's multi-company rule on leads its own domain back.

    ``security/banquet_rules.xml`` widens ``crm.crm_lead_company_rule`` to leads shared
    with another hotel; left as is, the rule would point at a dropped field and every
    lead search would fail once this addon is gone.
    """
    rule = env.ref("crm.crm_lead_company_rule", raise_if_not_found=False)
    if rule:
        rule.domain_force = "[('company_id', 'in', company_ids + [False])]"
