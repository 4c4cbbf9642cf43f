"""Build the patched OpenAPI document of The SMS Works API and the client generated from it.

The pipeline: load ``openapi.yaml`` keeping each scalar's text meaning, apply ``overlays/*.yaml`` in file-name order
with a strict Overlay 1.0.0 applier, validate the result as OpenAPI 3.0, write ``generated/openapi.yaml``, and run
openapi-python-client on it.
"""

from smsworks_pipeline.loading import load_document, load_yaml_text
from smsworks_pipeline.overlay import Overlay, OverlayError, apply_overlays, load_overlay

__all__ = [
    "Overlay",
    "OverlayError",
    "apply_overlays",
    "load_document",
    "load_overlay",
    "load_yaml_text",
]
