from . import portal_contract
from . import portal_approval
