"""A stateful emulator of The SMS Works API, for development and tests.

>>> from smsworks_emulator import EmulatorSettings, create_app, issue_token
>>> app = create_app(EmulatorSettings(db_path=":memory:", clock="controlled"))
>>> token = issue_token(secret=EmulatorSettings().secret, customer_id="cust-1")

Layers, each importing only those before it: ``rules`` (pure functions), ``store`` (SQLite),
``service`` (the operations), ``http`` (the ASGI app), ``testing`` (harness and pytest plugin).
"""

from smsworks_emulator.http.app import create_app, emulator_of
from smsworks_emulator.http.auth import issue_token
from smsworks_emulator.service.emulator import Emulator
from smsworks_emulator.settings import FAULTS, EmulatorSettings

__all__ = ["FAULTS", "Emulator", "EmulatorSettings", "create_app", "emulator_of", "issue_token"]
