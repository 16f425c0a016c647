import binascii

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request

from odoo.addons.hotel_banquet_crm.controllers.portal_customer import banquet_customer_partner
from odoo.addons.portal.controllers.portal import CustomerPortal

# The portal shows a contract version once the hotel sent it.
PORTAL_VERSION_STATES = ("sent", "signed", "superseded")
CONTRACT_REPORT = "hotel_banquet_contract.action_report_banquet_contract"
VERSION_REPORT = "hotel_banquet_contract.action_report_banquet_contract_version"


def _pdf_response(data, filename):
    return request.make_response(
        data,
        headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(data)),
            ("Content-Disposition", content_disposition(filename)),
        ],
    )


def _report_pdf(report_xmlid, records):
    """The PDF of ``records`` through their report action, as the Print menu makes it, in
    their environment (sudo() once the portal checked the customer's access)."""
    return records.env["ir.actions.report"]._render_qweb_pdf(report_xmlid, records.ids)[0]


class ContractPortal(CustomerPortal):
    # Back office ----------------------------------------------------------------------------

    def _check_banquet_sales(self):
        # The contract prints prices: Department Staff never get it.
        if not request.env.user.has_group("hotel_banquet_crm.group_banquet_user"):
            raise Forbidden()

    @http.route("/banquet/contract/<int:order_id>/pdf", type="http", auth="user")
    def banquet_contract_pdf(self, order_id, **kw):
        self._check_banquet_sales()
        order = request.env["sale.order"].browse(order_id).exists()
        if not order:
            raise NotFound()
        return _pdf_response(_report_pdf(CONTRACT_REPORT, order), f"{order.name}-contract.pdf")

    @http.route("/banquet/contract/version/<int:version_id>/pdf", type="http", auth="user")
    def banquet_contract_version_pdf(self, version_id, **kw):
        self._check_banquet_sales()
        version = request.env["banquet.contract.version"].browse(version_id).exists()
        if not version:
            raise NotFound()
        return _pdf_response(
            _report_pdf(VERSION_REPORT, version), f"{version._get_report_base_filename()}.pdf"
        )

    # Portal -------------------------------------------------------------------------------

    @http.route("/my/orders/<int:order_id>/contract", type="http", auth="public", website=True)
    def portal_order_contract_pdf(self, order_id, access_token=None, **kw):
        """The proposal's contract: the last signed version, else the contract as it stands."""
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        signed = order_sudo.banquet_contract_version_ids.filtered(lambda v: v.state == "signed")
        data = (
            _report_pdf(VERSION_REPORT, signed[:1])
            if signed
            else _report_pdf(CONTRACT_REPORT, order_sudo)
        )
        return _pdf_response(data, f"{order_sudo.name}-contract.pdf")

    @http.route("/my/contracts/<int:version_id>", type="http", auth="public", website=True)
    def portal_contract_version_page(self, version_id, access_token=None, message=None, **kw):
        try:
            version_sudo = self._document_check_access(
                "banquet.contract.version", version_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if version_sudo.state not in PORTAL_VERSION_STATES:
            return request.redirect("/my")
        values = self._get_page_view_values(
            version_sudo,
            access_token,
            {
                "version": version_sudo,
                "clauses": version_sudo.order_id._banquet_contract_clauses(),
                "message": message,
                "page_name": "contract_version",
            },
            "my_contract_versions_history",
            False,
        )
        return request.render("hotel_banquet_contract.portal_contract_version_page", values)

    @http.route("/my/contracts/<int:version_id>/pdf", type="http", auth="public", website=True)
    def portal_contract_version_pdf(self, version_id, access_token=None, **kw):
        try:
            version_sudo = self._document_check_access(
                "banquet.contract.version", version_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if version_sudo.state not in PORTAL_VERSION_STATES:
            return request.redirect("/my")
        return _pdf_response(
            _report_pdf(VERSION_REPORT, version_sudo),
            f"{version_sudo._get_report_base_filename()}.pdf",
        )

    @http.route("/my/contracts/<int:version_id>/accept", type="json", auth="public", website=True)
    def portal_contract_version_accept(
        self, version_id, access_token=None, name=None, signature=None
    ):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            version_sudo = self._document_check_access(
                "banquet.contract.version", version_id, access_token
            )
            # the customer's signature: the customer only (not staff who can read it)
            customer = banquet_customer_partner(version_sudo, access_token)
        except (AccessError, MissingError):
            return {"error": request.env._("Invalid contract.")}
        if version_sudo.state != "sent":
            return {"error": request.env._("This contract version is not waiting for a signature.")}
        if not signature:
            return {"error": request.env._("Signature is missing.")}
        try:
            version_sudo._banquet_sign(name, signature, author=customer)
        except (TypeError, binascii.Error):
            return {"error": request.env._("Invalid signature data.")}
        except UserError as error:
            return {"error": error.args[0]}
        return {
            "force_refresh": True,
            "redirect_url": version_sudo.get_portal_url(query_string="&message=sign_ok"),
        }
