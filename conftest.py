"""Plugins for every test folder of this repository (``tests/``, ``contract_tests/``)."""

# pytest-timeout's per-test limit, raised so that hypothesis cannot swallow it (see the module).
pytest_plugins = ["smsworks_emulator.testing.timeouts"]
