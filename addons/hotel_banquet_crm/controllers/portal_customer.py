"""Portal routes that act for the customer act for the customer only.

``CustomerPortal._document_check_access`` answers with a superuser record for anyone who
may read the document: an internal user (a salesperson, Department Staff) would then
confirm or sign in the customer's name. A route that takes the customer's decision asks
``banquet_customer_partner`` first: not logged in, the caller must hold that document's
own token (core's share link); logged in, the caller must be a portal user of the
document's customer; internal users are refused, they have the back office.
"""

from odoo.exceptions import AccessError
from odoo.http import request
from odoo.tools import consteq


def banquet_customer_partner(record_sudo, access_token=None):
    """The customer's partner acting on ``record_sudo`` (a document with ``partner_id``
    and ``portal.mixin``), or AccessError."""
    user = request.env.user
    customer = record_sudo.partner_id.commercial_partner_id
    if user._is_public():
        token = record_sudo.access_token
        if token and access_token and consteq(token, access_token):
            return record_sudo.partner_id or customer
    elif user.share and user.partner_id.commercial_partner_id == customer:
        return user.partner_id
    raise AccessError(
        request.env._(
            "Only the customer confirms or signs this document: internal users work in "
            "the back office."
        )
    )
