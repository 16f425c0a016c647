import base64
import io

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Spacer, Table, TableStyle

from odoo import api, models

from .banquet_pdf_abstract import paragraph

# The contract is printed in English and Chinese side by side whatever the reader's
# language, so its labels are bilingual constants rather than translated terms.
LABELS = {
    "title": "Banquet Contract 宴会合同",
    "version": "Version 版本",
    "hotel": "Hotel 酒店",
    "customer": "Customer 客户",
    "contact": "Contact 联系人",
    "salesperson": "Salesperson 销售经理",
    "event": "Event 活动",
    "event_type": "Event type 活动类型",
    "event_date": "Date 日期",
    "functions": "Functions 活动场次",
    "room": "Room 场地",
    "time": "Time (hotel time) 时间（酒店时间）",
    "setup": "Setup 摆台",
    "pax": "Pax 人数",
    "prices": "Prices 价格",
    "item": "Item 项目",
    "quantity": "Quantity 数量",
    "price_unit": "Unit price 单价",
    "discount": "Discount 折扣",
    "subtotal": "Amount 金额",
    "untaxed": "Untaxed amount 不含税金额",
    "tax": "Taxes 税额",
    "total": "Total 合计",
    "deposits": "Deposit schedule 定金计划",
    "deposit": "Deposit 定金",
    "due_date": "Due date 到期日",
    "clauses": "Terms and conditions 合同条款",
    "signatures": "Signatures 签字",
    "for_hotel": "For the hotel 酒店方",
    "for_customer": "For the customer 客户方",
    "signed_by": "Signed by 签字人",
    "signed_on": "Signed on 签字时间",
    "unsigned": "Not signed yet 尚未签字",
}


class BanquetContractPdf(models.AbstractModel):
    """The banquet contract, from sale.order._banquet_contract_data()."""

    _name = "banquet.contract.pdf"
    _inherit = "banquet.pdf.abstract"
    _description = "Banquet Contract PDF"

    @api.model
    def _pdf_title(self, data, **options):
        title = f"{LABELS['title']} {data['reference']}"
        if data.get("version"):
            title += f" v{data['version']}"
        return title

    @api.model
    def _grid(self, rows, styles, widths, header=True):
        return self._pdf_table(
            rows, [w * mm for w in widths], styles, styles["body"], header=header, paragraphs=True
        )

    @api.model
    def _pdf_story(self, data, styles, **options):
        story = [
            paragraph(self._pdf_title(data), styles["title"]),
            self._grid(
                [
                    (LABELS["hotel"], f"{data['hotel']}\n{data['hotel_address']}".strip()),
                    (
                        LABELS["customer"],
                        f"{data['customer']}\n{data['customer_address']}".strip(),
                    ),
                    (LABELS["contact"], data["contact"]),
                    (LABELS["salesperson"], data["salesperson"]),
                    (LABELS["event"], data["event"]),
                    (LABELS["event_type"], data["event_type"]),
                    (LABELS["event_date"], data["event_date"]),
                ],
                styles,
                (45, 135),
                header=False,
            ),
        ]
        if data["functions"]:
            story += [
                paragraph(LABELS["functions"], styles["h2"]),
                self._grid(
                    [(LABELS["room"], LABELS["time"], LABELS["setup"], LABELS["pax"])]
                    + [(f["room"], f["time"], f["setup"], f["pax"]) for f in data["functions"]],
                    styles,
                    (50, 70, 40, 20),
                ),
            ]
        rows = [
            (
                LABELS["item"],
                LABELS["quantity"],
                LABELS["price_unit"],
                LABELS["discount"],
                LABELS["subtotal"],
            )
        ]
        for line in data["lines"]:
            if "section" in line:
                rows.append((line["section"], "", "", "", ""))
            else:
                rows.append(
                    (
                        line["name"],
                        line["quantity"],
                        line["price_unit"],
                        line["discount"],
                        line["subtotal"],
                    )
                )
        rows += [
            (LABELS["untaxed"], "", "", "", data["amount_untaxed"]),
            (LABELS["tax"], "", "", "", data["amount_tax"]),
            (LABELS["total"], "", "", "", data["amount_total"]),
        ]
        story += [
            paragraph(LABELS["prices"], styles["h2"]),
            self._grid(rows, styles, (70, 25, 30, 20, 35)),
        ]
        if data["deposits"]:
            story += [
                paragraph(LABELS["deposits"], styles["h2"]),
                self._grid(
                    [(LABELS["deposit"], LABELS["due_date"], LABELS["subtotal"])]
                    + [(d["name"], d["due_date"], d["amount"]) for d in data["deposits"]],
                    styles,
                    (90, 45, 45),
                ),
            ]
        if data["clauses"]:
            story.append(paragraph(LABELS["clauses"], styles["h2"]))
            for index, clause in enumerate(data["clauses"], start=1):
                story.append(
                    KeepTogether(
                        [
                            paragraph(
                                f"{index}. {clause['title_en']} {clause['title_zh']}", styles["h3"]
                            ),
                            *self._pdf_paragraphs(clause["body_en"], styles["body"]),
                            Spacer(1, 1 * mm),
                            *self._pdf_paragraphs(clause["body_zh"], styles["body"]),
                        ]
                    )
                )
        story += [Spacer(1, 6 * mm), paragraph(LABELS["signatures"], styles["h2"])]
        story.append(self._signature_table(data, styles))
        return story

    @api.model
    def _signature_table(self, data, styles):
        body = styles["body"]
        if data["signed_on"]:
            customer = [
                paragraph(LABELS["for_customer"], body),
                paragraph(f"{LABELS['signed_by']}: {data['signed_by']}", body),
                paragraph(f"{LABELS['signed_on']}: {data['signed_on']}", body),
            ]
            if data["signature"]:
                image = Image(io.BytesIO(base64.b64decode(data["signature"])))
                ratio = min(60 * mm / image.imageWidth, 20 * mm / image.imageHeight)
                image.drawWidth = image.imageWidth * ratio
                image.drawHeight = image.imageHeight * ratio
                customer.append(image)
        else:
            customer = [
                paragraph(LABELS["for_customer"], body),
                paragraph(LABELS["unsigned"], body),
            ]
        hotel = [
            paragraph(LABELS["for_hotel"], body),
            paragraph(data["hotel"], body),
            paragraph(f"{LABELS['salesperson']}: {data['salesperson']}", body),
        ]
        table = Table([[hotel, customer]], colWidths=[90 * mm, 90 * mm])
        table.setStyle(TableStyle(styles["grid"]))
        return table
