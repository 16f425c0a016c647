from . import portal_approval
