import importlib
import inspect
import pkgutil
import unittest
from collections import defaultdict

from odoo.tests import TransactionCase, tagged

OUR_ADDONS = ("hotel_banquet_crm", "hotel_banquet_contract", "hotel_banquet_eo")
# The hooks whose order of side effects must be visible in one place per model and addon.
ONE_PLACE_HOOKS = ("create", "write", "unlink", "copy", "copy_data", "_action_confirm")


@tagged("post_install", "-at_install")
class TestOnePlacePerHook(TransactionCase):
    """Each of our addons overrides a CRUD or confirmation hook of a model in one class
    only (mixins included): the model's own file, where a reader sees the order in which
    the features act."""

    def _classes_defining(self):
        found = defaultdict(list)
        for model_name in self.env.registry:
            for klass in type(self.env[model_name]).mro():
                module = getattr(klass, "__module__", "") or ""
                parts = module.split(".")
                if len(parts) < 3 or parts[:2] != ["odoo", "addons"]:
                    continue
                if parts[2] not in OUR_ADDONS:
                    continue
                for hook in ONE_PLACE_HOOKS:
                    if hook in vars(klass):
                        found[(model_name, parts[2], hook)].append(f"{module}.{klass.__name__}")
        return found

    def test_the_walk_sees_our_overrides(self):
        # The check below is only worth something if it sees what we know is there.
        found = self._classes_defining()
        for key in (
            ("sale.order", "hotel_banquet_contract", "write"),
            ("sale.order.line", "hotel_banquet_contract", "create"),
            ("banquet.room.booking", "hotel_banquet_contract", "write"),
            ("crm.lead", "hotel_banquet_crm", "create"),
        ):
            self.assertIn(key, found)

    def test_one_override_per_hook_per_model_per_addon(self):
        repeated = {
            key: sorted(set(classes))
            for key, classes in self._classes_defining().items()
            if len(set(classes)) > 1
        }
        self.assertFalse(
            repeated,
            "hooks overridden in more than one class of an addon (model, addon, hook): "
            "merge them into the model's own file: %s" % repeated,
        )


@tagged("post_install", "-at_install")
class TestEveryTestRunsAfterInstall(TransactionCase):
    """make test installs the addons once and runs their tests on copies of that database
    (no module update there): a test class left at_install would silently not run."""

    def test_every_test_class_of_our_addons_is_post_install(self):
        at_install, seen = [], 0
        for addon in OUR_ADDONS:
            package = importlib.import_module(f"odoo.addons.{addon}.tests")
            for info in pkgutil.iter_modules(package.__path__):
                if not info.name.startswith("test_"):
                    continue
                module = importlib.import_module(f"{package.__name__}.{info.name}")
                for name, klass in inspect.getmembers(module, inspect.isclass):
                    if klass.__module__ != module.__name__ or not issubclass(
                        klass, unittest.TestCase
                    ):
                        continue
                    if not any(
                        attr.startswith("test_") and callable(getattr(klass, attr))
                        for attr in dir(klass)
                    ):
                        continue
                    seen += 1
                    tags = getattr(klass, "test_tags", set())
                    if "post_install" not in tags or "at_install" in tags:
                        at_install.append(f"{module.__name__}.{name}")
        self.assertGreater(seen, 50, "the walk sees our test classes")
        self.assertFalse(at_install, "tag these @tagged('post_install', '-at_install')")
