from . import portal_contract
