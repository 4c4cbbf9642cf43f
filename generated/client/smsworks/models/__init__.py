"""Contains all the data models used in inputs/outputs"""

from .batch_message import BatchMessage
from .batch_message_response import BatchMessageResponse
from .batch_to_schedule import BatchToSchedule
from .binary_message import BinaryMessage
from .cancelled_message_response import CancelledMessageResponse
from .country_response import CountryResponse
from .credits_response import CreditsResponse
from .deleted_message_response import DeletedMessageResponse
from .error_model import ErrorModel
from .extended_error_model import ExtendedErrorModel
from .message import Message
from .message_response import MessageResponse
from .message_response_failurereason import MessageResponseFailurereason
from .message_to_schedule import MessageToSchedule
from .message_volume_response import MessageVolumeResponse
from .meta_data import MetaData
from .otp import OTP
from .otp_metadata import OTPMetadata
from .otp_response import OTPResponse
from .otp_verify import OTPVerify
from .otp_verify_response import OTPVerifyResponse
from .otp_verify_response_metadata import OTPVerifyResponseMetadata
from .query import Query
from .query_status import QueryStatus
from .scheduled_batch_response import ScheduledBatchResponse
from .scheduled_message import ScheduledMessage
from .scheduled_message_response import ScheduledMessageResponse
from .scheduled_messages_response import ScheduledMessagesResponse
from .send_message_response import SendMessageResponse
from .test_response import TestResponse
from .validation_error_detail import ValidationErrorDetail
from .validation_error_model import ValidationErrorModel
from .validation_error_parameter import ValidationErrorParameter

__all__ = (
    "BatchMessage",
    "BatchMessageResponse",
    "BatchToSchedule",
    "BinaryMessage",
    "CancelledMessageResponse",
    "CountryResponse",
    "CreditsResponse",
    "DeletedMessageResponse",
    "ErrorModel",
    "ExtendedErrorModel",
    "Message",
    "MessageResponse",
    "MessageResponseFailurereason",
    "MessageToSchedule",
    "MessageVolumeResponse",
    "MetaData",
    "OTP",
    "OTPMetadata",
    "OTPResponse",
    "OTPVerify",
    "OTPVerifyResponse",
    "OTPVerifyResponseMetadata",
    "Query",
    "QueryStatus",
    "ScheduledBatchResponse",
    "ScheduledMessage",
    "ScheduledMessageResponse",
    "ScheduledMessagesResponse",
    "SendMessageResponse",
    "TestResponse",
    "ValidationErrorDetail",
    "ValidationErrorModel",
    "ValidationErrorParameter",
)
