"""Plugins and settings for every test folder of this repository (``tests/``, ``contract_tests/``)."""

from hypothesis import settings

# pytest-timeout's per-test limit, raised so that hypothesis cannot swallow it (see the module).
pytest_plugins = ["smsworks_emulator.testing.timeouts"]

# No per-example deadline: speed is measured in bench/, never asserted in a test, and on a shared
# 2-core machine hypothesis' default 200 ms fails healthy code. The per-test timeout bounds hangs.
settings.register_profile("smsworks", deadline=None)
settings.load_profile("smsworks")
