"""A typed client for The SMS Works API.

``SMSWorks`` and ``AsyncSMSWorks`` are the front door: one method per operation, returning the success model and
raising ``smsworks.errors.APIError`` (a subclass per status) otherwise, with retries that never send twice.
``AuthenticatedClient`` and the modules of ``smsworks.api`` give the raw responses.
"""

from . import errors, segments, webhooks
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
    "SMSWorksError",
    "ServerError",
    "errors",
    "intercept",
    "segments",
    "webhooks",
)
