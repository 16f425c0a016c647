from odoo import http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request

from odoo.addons.hotel_banquet_crm.controllers.portal_customer import banquet_customer_partner
from odoo.addons.sale.controllers import portal


class CustomerPortal(portal.CustomerPortal):
    @http.route()
    def portal_quote_accept(self, order_id, access_token=None, name=None, signature=None):
        # A banquet quotation whose discount waits for approval (or was rejected) cannot
        # be signed, even by a customer who kept the page open or posts to the route.
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token)
        except (AccessError, MissingError):
            return super().portal_quote_accept(
                order_id, access_token=access_token, name=name, signature=signature
            )
        if order_sudo.is_banquet:
            # the customer's signature: the customer only, not staff who can read the
            # quotation (a plain order keeps core's behaviour)
            try:
                banquet_customer_partner(order_sudo, access_token)
            except AccessError as error:
                return {"error": error.args[0]}
        if order_sudo._banquet_approval_blocks():
            return {
                "error": request.env._(
                    "This quotation is being reviewed by the hotel and cannot be signed yet. "
                    "Your contact will send it again once it is ready."
                )
            }
        return super().portal_quote_accept(
            order_id, access_token=access_token, name=name, signature=signature
        )


class PaymentPortal(portal.PaymentPortal):
    @http.route()
    def portal_order_transaction(self, order_id, access_token, **kwargs):
        # Paying online would confirm a quotation whose discount is not approved.
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token)
        except (AccessError, MissingError):
            return super().portal_order_transaction(order_id, access_token, **kwargs)
        if order_sudo._banquet_approval_blocks():
            raise ValidationError(
                request.env._(
                    "This quotation is being reviewed by the hotel and cannot be paid yet."
                )
            )
        return super().portal_order_transaction(order_id, access_token, **kwargs)
