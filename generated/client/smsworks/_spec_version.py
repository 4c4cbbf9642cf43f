"""The spec this client was generated from: the upstream's ``info.version`` and the overlays applied."""

# Written by `make generate` from openapi.yaml and overlays/*.yaml. Do not edit: change an overlay.
SPEC_VERSION = "1.10.0+overlays.dc37be40ec63"
"""``<upstream info.version>+overlays.<12 hex digits of the overlay files' SHA-256>``."""
