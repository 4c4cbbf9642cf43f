"""How many SMS parts, and how many credits, a message costs: the client's ``smsworks.segments``.

The rule lives once, in the client, so that ``smsworks.segments.estimate`` tells a user exactly
what the emulator charges. This module is the emulator's one door to it: the other layers (and
the other rules) import these names from here, never the client.

The client's package ``__init__`` imports the whole client (httpx2, its models, its retries: about
200 ms), which a served emulator never uses. So the two modules the rule is made of, which import
nothing else, are loaded on their own when the client is not imported yet; importing ``smsworks``
later still runs its ``__init__``, which then finds these same modules.
"""

import importlib.machinery
import importlib.util
import sys


def _load_alone(name: str) -> None:
    """``smsworks.<name>`` into ``sys.modules`` without running the package's ``__init__``."""
    full = f"smsworks.{name}"
    if "smsworks" in sys.modules or full in sys.modules:
        return  # the client is imported already (or this module is): the plain import is free
    package = importlib.util.find_spec("smsworks")
    if package is None or package.submodule_search_locations is None:
        return  # let the plain import below say what is missing
    spec = importlib.machinery.PathFinder.find_spec(full, package.submodule_search_locations)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[full]
        raise


_load_alone("_spec_limits")  # what smsworks.segments imports
_load_alone("segments")

from smsworks.segments import (  # noqa: E402 - after the modules are loaded on their own
    NON_UK_MULTIPLIER,
    UK_COUNTRY_CODE,
    ContentError,
    Segmentation,
    credits_for,
    is_uk,
    segment_binary,
    segment_text,
)

__all__ = [
    "NON_UK_MULTIPLIER",
    "UK_COUNTRY_CODE",
    "ContentError",
    "Segmentation",
    "credits_for",
    "is_uk",
    "segment_binary",
    "segment_text",
]
