from . import test_core_suites
