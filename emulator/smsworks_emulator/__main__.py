"""``python -m smsworks_emulator``: the same as the ``smsworks-emulator`` command."""

import sys

from smsworks_emulator.cli import main

sys.exit(main())
