"""Countries by ISO 3166-1 alpha-2 code: their English names.

The names are phonenumbers' (its ``geodata/locale.py``: country name by code and language, from
``java.util.Locale``), read from that one module: the package around it, ``phonenumbers.geodata``,
loads the whole geocoding table on import (about 100 MB and 250 ms), which a list of names does not
need. So the module is loaded alone, from its file, and kept out of ``sys.modules``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import cast

_LANGUAGE = "en"


@cache
def _names_by_language() -> Mapping[str, Mapping[str, str]]:
    package = importlib.util.find_spec("phonenumbers")
    if package is None or package.origin is None:
        raise ModuleNotFoundError("No module named 'phonenumbers'", name="phonenumbers")
    path = Path(package.origin).parent / "geodata" / "locale.py"
    spec = importlib.util.spec_from_file_location("phonenumbers.geodata.locale", path)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"phonenumbers has no {path}", name="phonenumbers.geodata.locale")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return cast(Mapping[str, Mapping[str, str]], module.LOCALE_DATA)


@cache
def country_name(code: str) -> str | None:
    """The English name of the country ``code`` names (``GB``: "United Kingdom"), if it has one."""
    names = _names_by_language().get(code)
    if names is None:
        return None
    name = names.get(_LANGUAGE, "")
    if name.startswith("*"):  # "*aa": the same name as in that other language's entry
        name = names.get(name[1:], "")
    return name or None
