"""Odoo core's own tests of the modules we extend, run on whatever database this addon is on.

Odoo runs an addon's tests only while that addon is installed or updated, so a core test
class is run here as a subclass defined in this module: installing this addon with
``--test-tags /banquet_core_suites`` runs core's tests against the modules already on the
database (ours included), at_install classes at this addon's install, post_install ones
after it. The parent classes are not run again: Odoo's loader only takes the classes
defined in a test module itself.

Each subclass is named ``<addon>.<core test module>.<class>`` (its qualified name, which
is what Odoo's log shows), as core reuses class names across its test modules.
"""

import collections

from odoo.tests import loader

CORE_ADDONS = ("crm", "sale", "sale_crm", "sale_management")


def _core_test_classes(addon):
    """Yield (core test module, test class, method names) as Odoo's loader selects them."""
    for module in loader.get_test_modules(addon):
        methods = collections.defaultdict(list)
        for test in loader.get_module_test_cases(module):
            methods[type(test)].append(test._testMethodName)
        for test_class, names in methods.items():
            yield module, test_class, names


def _suite_class(addon, module, parent, method_names):
    """Subclass ``parent`` here with exactly the test methods core runs for it.

    The methods are copied onto the subclass rather than inherited with
    ``allow_inherited_tests_method``: that flag would also run the tests a class inherits
    (sale's TestTaxesTaxTotalsSummarySale inherits 30 of account's), which core runs only
    on their own class.
    """
    attrs = {name: getattr(parent, name) for name in method_names}
    attrs.update(
        __module__=__name__,
        __qualname__=f"{addon}.{module.__name__.rpartition('.')[2]}.{parent.__name__}",
        # Set, not inherited, so the class keeps core's at_install or post_install.
        test_tags=set(parent.test_tags),
    )
    return type(parent.__name__, (parent,), attrs)


def _suite_classes():
    for addon in CORE_ADDONS:
        for module, parent, method_names in _core_test_classes(addon):
            suite_class = _suite_class(addon, module, parent, method_names)
            yield suite_class.__qualname__, suite_class


globals().update(_suite_classes())
