import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

BANQUET_MODULES = ("hotel_banquet_crm", "hotel_banquet_contract", "hotel_banquet_eo")


@tagged("post_install", "-at_install")
class TestChineseTranslations(TransactionCase):
    """Every user-facing term of our addons has a Simplified Chinese translation."""

    def test_every_term_of_the_banquet_addons_is_translated_to_chinese(self):
        missing = []
        for module in BANQUET_MODULES:
            po_path = os.path.join(get_module_path(module), "i18n", "zh_CN.po")
            translated = {
                entry.msgid
                for entry in polib.pofile(po_path)
                if entry.msgstr and not entry.obsolete
            }
            terms = set()
            for (
                term_module,
                _type,
                _name,
                res_id,
                source,
                _value,
                _comments,
            ) in TranslationModuleReader(self.env.cr, modules=[module]):
                # Demo master data stays English (a demo product's template is
                # <product>_demo_product_template); only our own module's terms count.
                demo = str(res_id).endswith(("_demo", "_demo_product_template"))
                if term_module != module or demo or not source:
                    continue
                terms.add(source)
            missing += [f"{module}: {term!r}" for term in sorted(terms - translated)]
        self.assertFalse(
            missing,
            "Untranslated in i18n/zh_CN.po (%s):\n%s" % (len(missing), "\n".join(missing[:60])),
        )

    def test_the_event_status_reads_apart_from_the_buttons_beside_it(self):
        """确定 alone reads as "OK" and sits beside core's 确认 (Confirm): the Definite
        status is 确定预订, a booking made firm."""
        po_path = os.path.join(get_module_path("hotel_banquet_contract"), "i18n", "zh_CN.po")
        translated = {entry.msgid: entry.msgstr for entry in polib.pofile(po_path)}
        self.assertEqual(translated["Definite"], "确定预订")
        self.assertNotIn(translated["Definite"], ("确定", "确认"))
