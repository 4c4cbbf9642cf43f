"""A stateful emulator of The SMS Works API, for development and tests.

>>> from smsworks_emulator import EmulatorSettings, create_app, issue_token
>>> app = create_app(EmulatorSettings(db_path=":memory:", clock="controlled"))
>>> token = issue_token(secret=EmulatorSettings().secret, customer_id="cust-1")
"""

from smsworks_emulator.app import create_app, emulator_of
from smsworks_emulator.auth import issue_token
from smsworks_emulator.engine import Emulator
from smsworks_emulator.settings import FAULTS, EmulatorSettings

__all__ = ["FAULTS", "Emulator", "EmulatorSettings", "create_app", "emulator_of", "issue_token"]
