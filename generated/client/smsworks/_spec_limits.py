"""Limits the patched spec states, for the front door's offline checks."""

# Written by `make generate` from openapi.yaml and overlays/*.yaml. Do not edit: change an overlay.
MAX_CONTENT_CHARACTERS = 1280
"""``Message.content``'s ``maxLength``: the service's cap, in characters."""
