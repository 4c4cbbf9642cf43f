"""A typed client for The SMS Works API.

``SMSWorks`` and ``AsyncSMSWorks`` are the front door: one method per operation, returning the success model and
raising ``smsworks.errors.APIError`` (a subclass per status) otherwise, with retries that never send twice.
``AuthenticatedClient`` and the modules of ``smsworks.api`` give the raw responses. ``__version__`` is the client's
own version; ``SPEC_VERSION`` names the spec it was generated from (the vendor's version and the overlays applied).
"""

from . import errors, segments, webhooks
from ._spec_version import SPEC_VERSION
from .api import AsyncSMSWorks, SMSWorks
from .client import AuthenticatedClient, Client
from .configuration import MissingTokenError, intercept
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InsufficientCreditsError,
    NotFoundError,
    RateLimitError,
    ServerError,
    SMSWorksError,
)
from .retry import Retry

__version__ = "2.0.0"

__all__ = (
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncSMSWorks",
    "AuthenticatedClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "InsufficientCreditsError",
    "MissingTokenError",
    "NotFoundError",
    "RateLimitError",
    "Retry",
    "SMSWorks",
    "SPEC_VERSION",
    "SMSWorksError",
    "ServerError",
    "errors",
    "intercept",
    "segments",
    "webhooks",
)
