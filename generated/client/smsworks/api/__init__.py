"""The operations of The SMS Works API.

Each operation is a module of raw functions under ``smsworks.api.<tag>`` (``sync``, ``sync_detailed``,
``asyncio``, ``asyncio_detailed``), returning whatever the service answered. The same operations are the methods
of :class:`SMSWorks` and :class:`AsyncSMSWorks` (also importable as ``smsworks.SMSWorks``), which return the
success model exactly and raise ``smsworks.errors.APIError`` otherwise.
"""

from collections.abc import AsyncIterator, Iterator
from typing import Any, NotRequired, TypedDict, Unpack, cast, overload

import httpx2

from .._runtime import AsyncBase, Operation, SyncBase, build_body
from ..models.batch_message import BatchMessage
from ..models.batch_message_response import BatchMessageResponse
from ..models.batch_to_schedule import BatchToSchedule
from ..models.binary_message import BinaryMessage
from ..models.cancelled_message_response import CancelledMessageResponse
from ..models.country_response import CountryResponse
from ..models.credits_response import CreditsResponse
from ..models.deleted_message_response import DeletedMessageResponse
from ..models.error_model import ErrorModel
from ..models.extended_error_model import ExtendedErrorModel
from ..models.message import Message
from ..models.message_response import MessageResponse
from ..models.message_to_schedule import MessageToSchedule
from ..models.message_volume_response import MessageVolumeResponse
from ..models.meta_data import MetaData
from ..models.otp import OTP
from ..models.otp_metadata import OTPMetadata
from ..models.otp_response import OTPResponse
from ..models.otp_verify import OTPVerify
from ..models.otp_verify_response import OTPVerifyResponse
from ..models.query import Query
from ..models.query_status import QueryStatus, check_query_status
from ..models.scheduled_batch_response import ScheduledBatchResponse
from ..models.scheduled_message_response import ScheduledMessageResponse
from ..models.scheduled_messages_response import ScheduledMessagesResponse
from ..models.send_message_response import SendMessageResponse
from ..models.test_response import TestResponse
from ..types import UNSET, Unset
from .batch_messages import cancel_scheduled_batch_job as _cancel_scheduled_batch_job
from .batch_messages import get_batch_by_id as _get_batch_by_id
from .batch_messages import schedule_batch as _schedule_batch
from .batch_messages import send_any_batch as _send_any_batch
from .batch_messages import send_batch as _send_batch
from .credits_ import get_credits_balance as _get_credits_balance
from .credits_ import get_credits_for_country as _get_credits_for_country
from .messages import cancel_scheduled_job as _cancel_scheduled_job
from .messages import delete_message as _delete_message
from .messages import get_failed_messages as _get_failed_messages
from .messages import get_inbox_messages as _get_inbox_messages
from .messages import get_message_by_id as _get_message_by_id
from .messages import get_message_volume as _get_message_volume
from .messages import get_messages as _get_messages
from .messages import get_scheduled_messages as _get_scheduled_messages
from .messages import schedule_message as _schedule_message
from .messages import send_binary_message as _send_binary_message
from .messages import send_flash_message as _send_flash_message
from .messages import send_message as _send_message
from .one_time_password import get_otp_by_id as _get_otp_by_id
from .one_time_password import send_otp as _send_otp
from .one_time_password import verify_otp as _verify_otp
from .utils import get_error as _get_error
from .utils import test_credentials as _test_credentials


def _parse_cancel_scheduled_batch_job(response: httpx2.Response) -> CancelledMessageResponse:
    if response.status_code == 200:
        response_200 = CancelledMessageResponse.from_dict(response.json())

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for cancel_scheduled_batch_job")


_CANCEL_SCHEDULED_BATCH_JOB = Operation(
    name="cancel_scheduled_batch_job",
    method="delete",
    path="/batches/schedule/{batchid}",
    read=False,
    parse=_parse_cancel_scheduled_batch_job,
)


def _parse_cancel_scheduled_job(response: httpx2.Response) -> CancelledMessageResponse:
    if response.status_code == 200:
        response_200 = CancelledMessageResponse.from_dict(response.json())

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for cancel_scheduled_job")


_CANCEL_SCHEDULED_JOB = Operation(
    name="cancel_scheduled_job",
    method="delete",
    path="/messages/schedule/{messageid}",
    read=False,
    parse=_parse_cancel_scheduled_job,
)


def _parse_delete_message(response: httpx2.Response) -> DeletedMessageResponse:
    if response.status_code == 200:
        response_200 = DeletedMessageResponse.from_dict(response.json())

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for delete_message")


_DELETE_MESSAGE = Operation(
    name="delete_message",
    method="delete",
    path="/messages/{messageid}",
    read=False,
    parse=_parse_delete_message,
)


def _parse_get_batch_by_id(response: httpx2.Response) -> list[MessageResponse]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = MessageResponse.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for get_batch_by_id")


_GET_BATCH_BY_ID = Operation(
    name="get_batch_by_id",
    method="get",
    path="/batch/{batchid}",
    read=True,
    parse=_parse_get_batch_by_id,
)


def _parse_get_credits_balance(response: httpx2.Response) -> CreditsResponse:
    if response.status_code == 200:
        response_200 = CreditsResponse.from_dict(response.json())

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for get_credits_balance")


_GET_CREDITS_BALANCE = Operation(
    name="get_credits_balance",
    method="get",
    path="/credits/balance",
    read=True,
    parse=_parse_get_credits_balance,
)


def _parse_get_credits_for_country(response: httpx2.Response) -> CountryResponse:
    if response.status_code == 200:
        response_200 = CountryResponse.from_dict(response.json())

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for get_credits_for_country")


_GET_CREDITS_FOR_COUNTRY = Operation(
    name="get_credits_for_country",
    method="get",
    path="/credits/{countrycode}",
    read=True,
    parse=_parse_get_credits_for_country,
)


def _parse_get_error(response: httpx2.Response) -> ExtendedErrorModel:
    response_default = ExtendedErrorModel.from_dict(response.json())

    return response_default


_GET_ERROR = Operation(
    name="get_error",
    method="get",
    path="/utils/errors/{errorcode}",
    read=True,
    parse=_parse_get_error,
)


def _parse_get_failed_messages(response: httpx2.Response) -> list[MessageResponse]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = MessageResponse.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for get_failed_messages")


_GET_FAILED_MESSAGES = Operation(
    name="get_failed_messages",
    method="post",
    path="/messages/failed",
    read=True,
    parse=_parse_get_failed_messages,
)


def _parse_get_inbox_messages(response: httpx2.Response) -> list[MessageResponse]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = MessageResponse.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for get_inbox_messages")


_GET_INBOX_MESSAGES = Operation(
    name="get_inbox_messages",
    method="post",
    path="/messages/inbox",
    read=True,
    parse=_parse_get_inbox_messages,
)


def _parse_get_message_by_id(response: httpx2.Response) -> MessageResponse:
    if response.status_code == 200:
        response_200 = MessageResponse.from_dict(response.json())

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for get_message_by_id")


_GET_MESSAGE_BY_ID = Operation(
    name="get_message_by_id",
    method="get",
    path="/messages/{messageid}",
    read=True,
    parse=_parse_get_message_by_id,
)


def _parse_get_message_volume(response: httpx2.Response) -> MessageVolumeResponse:
    if response.status_code == 200:
        response_200 = MessageVolumeResponse.from_dict(response.json())

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for get_message_volume")


_GET_MESSAGE_VOLUME = Operation(
    name="get_message_volume",
    method="get",
    path="/messages/volume",
    read=True,
    parse=_parse_get_message_volume,
)


def _parse_get_messages(response: httpx2.Response) -> list[MessageResponse]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = MessageResponse.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for get_messages")


_GET_MESSAGES = Operation(
    name="get_messages",
    method="post",
    path="/messages",
    read=True,
    parse=_parse_get_messages,
)


def _parse_get_otp_by_id(response: httpx2.Response) -> OTPVerifyResponse:
    if response.status_code == 200:
        response_200 = OTPVerifyResponse.from_dict(response.json())

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for get_otp_by_id")


_GET_OTP_BY_ID = Operation(
    name="get_otp_by_id",
    method="get",
    path="/otp/{messageid}",
    read=True,
    parse=_parse_get_otp_by_id,
)


def _parse_get_scheduled_messages(response: httpx2.Response) -> list[ScheduledMessagesResponse]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ScheduledMessagesResponse.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for get_scheduled_messages")


_GET_SCHEDULED_MESSAGES = Operation(
    name="get_scheduled_messages",
    method="get",
    path="/messages/schedule",
    read=True,
    parse=_parse_get_scheduled_messages,
)


def _parse_schedule_batch(response: httpx2.Response) -> ScheduledBatchResponse:
    if response.status_code == 200:
        response_200 = ScheduledBatchResponse.from_dict(response.json())

        return response_200
    if response.status_code == 201:
        response_201 = ScheduledBatchResponse.from_dict(response.json())

        return response_201
    raise ValueError(f"status {response.status_code} is not one the spec declares for schedule_batch")


_SCHEDULE_BATCH = Operation(
    name="schedule_batch",
    method="post",
    path="/batch/schedule",
    read=False,
    parse=_parse_schedule_batch,
)


def _parse_schedule_message(response: httpx2.Response) -> list[ScheduledMessageResponse]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ScheduledMessageResponse.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200
    if response.status_code == 201:
        response_201 = []
        _response_201 = response.json()
        for response_201_item_data in _response_201:
            response_201_item = ScheduledMessageResponse.from_dict(response_201_item_data)

            response_201.append(response_201_item)

        return response_201
    raise ValueError(f"status {response.status_code} is not one the spec declares for schedule_message")


_SCHEDULE_MESSAGE = Operation(
    name="schedule_message",
    method="post",
    path="/message/schedule",
    read=False,
    parse=_parse_schedule_message,
)


def _parse_send_any_batch(response: httpx2.Response) -> BatchMessageResponse:
    if response.status_code == 201:
        response_201 = BatchMessageResponse.from_dict(response.json())

        return response_201
    raise ValueError(f"status {response.status_code} is not one the spec declares for send_any_batch")


_SEND_ANY_BATCH = Operation(
    name="send_any_batch",
    method="post",
    path="/batch/any",
    read=False,
    parse=_parse_send_any_batch,
)


def _parse_send_batch(response: httpx2.Response) -> BatchMessageResponse:
    if response.status_code == 201:
        response_201 = BatchMessageResponse.from_dict(response.json())

        return response_201
    raise ValueError(f"status {response.status_code} is not one the spec declares for send_batch")


_SEND_BATCH = Operation(
    name="send_batch",
    method="post",
    path="/batch/send",
    read=False,
    parse=_parse_send_batch,
)


def _parse_send_binary_message(response: httpx2.Response) -> SendMessageResponse:
    if response.status_code == 201:
        response_201 = SendMessageResponse.from_dict(response.json())

        return response_201
    raise ValueError(f"status {response.status_code} is not one the spec declares for send_binary_message")


_SEND_BINARY_MESSAGE = Operation(
    name="send_binary_message",
    method="post",
    path="/binary/send",
    read=False,
    parse=_parse_send_binary_message,
)


def _parse_send_flash_message(response: httpx2.Response) -> SendMessageResponse:
    if response.status_code == 201:
        response_201 = SendMessageResponse.from_dict(response.json())

        return response_201
    raise ValueError(f"status {response.status_code} is not one the spec declares for send_flash_message")


_SEND_FLASH_MESSAGE = Operation(
    name="send_flash_message",
    method="post",
    path="/message/flash",
    read=False,
    parse=_parse_send_flash_message,
)


def _parse_send_message(response: httpx2.Response) -> SendMessageResponse:
    if response.status_code == 201:
        response_201 = SendMessageResponse.from_dict(response.json())

        return response_201
    raise ValueError(f"status {response.status_code} is not one the spec declares for send_message")


_SEND_MESSAGE = Operation(
    name="send_message",
    method="post",
    path="/message/send",
    read=False,
    parse=_parse_send_message,
)


def _parse_send_otp(response: httpx2.Response) -> OTPResponse:
    if response.status_code == 201:
        response_201 = OTPResponse.from_dict(response.json())

        return response_201
    raise ValueError(f"status {response.status_code} is not one the spec declares for send_otp")


_SEND_OTP = Operation(
    name="send_otp",
    method="post",
    path="/otp/send",
    read=False,
    parse=_parse_send_otp,
)


def _parse_test_credentials(response: httpx2.Response) -> TestResponse:
    if response.status_code == 200:
        response_200 = TestResponse.from_dict(response.json())

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for test_credentials")


_TEST_CREDENTIALS = Operation(
    name="test_credentials",
    method="get",
    path="/utils/test",
    read=True,
    parse=_parse_test_credentials,
)


def _parse_verify_otp(response: httpx2.Response) -> OTPVerifyResponse:
    if response.status_code == 200:
        response_200 = OTPVerifyResponse.from_dict(response.json())

        return response_200
    raise ValueError(f"status {response.status_code} is not one the spec declares for verify_otp")


_VERIFY_OTP = Operation(
    name="verify_otp",
    method="post",
    path="/otp/verify",
    read=False,
    parse=_parse_verify_otp,
)


class _QueryFields(TypedDict):
    """A ``Query``'s fields, as the keyword arguments of the methods that take one."""

    status: NotRequired[QueryStatus | Unset]
    credits_: NotRequired[float | Unset]
    destination: NotRequired[str | Unset]
    sender: NotRequired[str | Unset]
    keyword: NotRequired[str | Unset]
    from_: NotRequired[str | Unset]
    to: NotRequired[str | Unset]
    limit: NotRequired[int | Unset]
    skip: NotRequired[int | Unset]
    unread: NotRequired[bool | Unset]
    metadata: NotRequired[list[MetaData] | Unset]


class _BatchToScheduleFields(TypedDict):
    """A ``BatchToSchedule``'s fields, as the keyword arguments of the methods that take one."""

    sender: str
    destinations: list[str]
    content: str
    schedule: str
    deliveryreporturl: NotRequired[str | Unset]
    tag: NotRequired[str | Unset]
    ttl: NotRequired[int | Unset]
    validity: NotRequired[int | Unset]
    ai: NotRequired[bool | Unset]


class _MessageToScheduleFields(TypedDict):
    """A ``MessageToSchedule``'s fields, as the keyword arguments of the methods that take one."""

    sender: str
    destination: str
    content: str
    schedule: str
    deliveryreporturl: NotRequired[str | Unset]
    tag: NotRequired[str | Unset]
    ttl: NotRequired[int | Unset]
    responseemail: NotRequired[list[str] | Unset]
    metadata: NotRequired[list[MetaData] | Unset]
    validity: NotRequired[int | Unset]
    ai: NotRequired[bool | Unset]


class _BatchMessageFields(TypedDict):
    """A ``BatchMessage``'s fields, as the keyword arguments of the methods that take one."""

    sender: str
    destinations: list[str]
    content: str
    deliveryreporturl: NotRequired[str | Unset]
    schedule: NotRequired[str | Unset]
    tag: NotRequired[str | Unset]
    ttl: NotRequired[int | Unset]
    validity: NotRequired[int | Unset]
    ai: NotRequired[bool | Unset]


class _BinaryMessageFields(TypedDict):
    """A ``BinaryMessage``'s fields, as the keyword arguments of the methods that take one."""

    sender: str
    destination: str
    content: str
    deliveryreporturl: NotRequired[str | Unset]
    schedule: NotRequired[str | Unset]
    tag: NotRequired[str | Unset]
    ttl: NotRequired[int | Unset]
    responseemail: NotRequired[list[str] | Unset]
    metadata: NotRequired[list[MetaData] | Unset]
    validity: NotRequired[int | Unset]
    ai: NotRequired[bool | Unset]


class _MessageFields(TypedDict):
    """A ``Message``'s fields, as the keyword arguments of the methods that take one."""

    sender: str
    destination: str
    content: str
    deliveryreporturl: NotRequired[str | Unset]
    schedule: NotRequired[str | Unset]
    tag: NotRequired[str | Unset]
    ttl: NotRequired[int | Unset]
    responseemail: NotRequired[list[str] | Unset]
    metadata: NotRequired[list[MetaData] | Unset]
    validity: NotRequired[int | Unset]
    ai: NotRequired[bool | Unset]


class _OTPFields(TypedDict):
    """A ``OTP``'s fields, as the keyword arguments of the methods that take one."""

    destination: str
    sender: NotRequired[str | Unset]
    length: NotRequired[int | Unset]
    template: NotRequired[str | Unset]
    validity: NotRequired[int | Unset]
    passcode: NotRequired[str | Unset]
    metadata: NotRequired[OTPMetadata | Unset]


class _OTPVerifyFields(TypedDict):
    """A ``OTPVerify``'s fields, as the keyword arguments of the methods that take one."""

    passcode: str
    messageid: NotRequired[str | Unset]


class SMSWorks(SyncBase):
    """The SMS Works API: one method per operation, each returning the success model or raising.

    ``SMSWorks(token, *, base_url, timeout, retry, httpx_client)``: ``token`` as the account page shows it
    (``"JWT eyJ..."``) or the bare JWT; ``base_url`` defaults to ``smsworks.client.DEFAULT_BASE_URL``;
    ``timeout`` in seconds or an ``httpx2.Timeout`` (default ``smsworks.client.DEFAULT_TIMEOUT``); ``retry`` a
    ``smsworks.Retry``, or ``False`` for none (default: reads repeat, sends only when they cannot have
    reached the service); ``httpx_client`` an ``httpx2.Client`` of your own to send through (it is not closed
    for you; an ``httpx.Client`` of the old package is refused with a TypeError).
    Use it as a context manager, or call :meth:`close`.
    """

    def cancel_scheduled_batch_job(
        self,
        batchid: str,
    ) -> CancelledMessageResponse:
        """Cancels a scheduled batch of SMS messages

        ``DELETE /batches/schedule/{batchid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _CANCEL_SCHEDULED_BATCH_JOB,
            _cancel_scheduled_batch_job._get_kwargs(
                batchid=batchid,
            ),
        )

    def cancel_scheduled_job(
        self,
        messageid: str,
    ) -> CancelledMessageResponse:
        """Cancels a scheduled SMS message

        ``DELETE /messages/schedule/{messageid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _CANCEL_SCHEDULED_JOB,
            _cancel_scheduled_job._get_kwargs(
                messageid=messageid,
            ),
        )

    def delete_message(
        self,
        messageid: str,
    ) -> DeletedMessageResponse:
        """Delete the message with the matching messageid

        ``DELETE /messages/{messageid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _DELETE_MESSAGE,
            _delete_message._get_kwargs(
                messageid=messageid,
            ),
        )

    def get_batch_by_id(
        self,
        batchid: str,
    ) -> list[MessageResponse]:
        """Retrieve all messages in a batch with the given batch ID

        ``GET /batch/{batchid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_BATCH_BY_ID,
            _get_batch_by_id._get_kwargs(
                batchid=batchid,
            ),
        )

    def get_credits_balance(
        self,
    ) -> CreditsResponse:
        """Returns the number of credits currently available on the account

        ``GET /credits/balance``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_CREDITS_BALANCE,
            _get_credits_balance._get_kwargs(),
        )

    def get_credits_for_country(
        self,
        countrycode: str,
    ) -> CountryResponse:
        """Returns the number of credits one SMS part sent to the given country costs. A message of several
        parts costs that many times as much.

        ``GET /credits/{countrycode}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_CREDITS_FOR_COUNTRY,
            _get_credits_for_country._get_kwargs(
                countrycode=countrycode,
            ),
        )

    def get_error(
        self,
        errorcode: str,
    ) -> ExtendedErrorModel:
        """Returns a sample error object for the given error code. Useful for designing code to react to errors
        when they occur for real.

        ``GET /utils/errors/{errorcode}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_ERROR,
            _get_error._get_kwargs(
                errorcode=errorcode,
            ),
        )

    @overload
    def get_failed_messages(self, body: Query, /) -> list[MessageResponse]: ...

    @overload
    def get_failed_messages(self, /, **fields: Unpack[_QueryFields]) -> list[MessageResponse]: ...

    def get_failed_messages(self, body: Query | None = None, /, **fields: Any) -> list[MessageResponse]:
        """Get failed messages matching your search criteria

        ``POST /messages/failed``; the body is a ``Query``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_FAILED_MESSAGES,
            _get_failed_messages._get_kwargs(body=build_body(Query, body, fields)),
        )

    @overload
    def iter_failed_messages(self, body: Query, /, *, page_size: int = 1000) -> Iterator[MessageResponse]: ...

    @overload
    def iter_failed_messages(
        self, /, *, page_size: int = 1000, **fields: Unpack[_QueryFields]
    ) -> Iterator[MessageResponse]: ...

    def iter_failed_messages(
        self, body: Query | None = None, /, page_size: int = 1000, **fields: Any
    ) -> Iterator[MessageResponse]:
        """Every match of ``get_failed_messages``, fetched a page of ``page_size`` at a time.

        Walks ``skip`` and ``limit`` lazily from the query's own ``skip`` and stops at a short page; each item is
        yielded once, even when the matches shift between pages.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._pages(self.get_failed_messages, build_body(Query, body, fields), page_size)

    @overload
    def get_inbox_messages(self, body: Query, /) -> list[MessageResponse]: ...

    @overload
    def get_inbox_messages(self, /, **fields: Unpack[_QueryFields]) -> list[MessageResponse]: ...

    def get_inbox_messages(self, body: Query | None = None, /, **fields: Any) -> list[MessageResponse]:
        """Get unread incoming messages matching your search criteria

        ``POST /messages/inbox``; the body is a ``Query``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_INBOX_MESSAGES,
            _get_inbox_messages._get_kwargs(body=build_body(Query, body, fields)),
        )

    @overload
    def iter_inbox_messages(self, body: Query, /, *, page_size: int = 1000) -> Iterator[MessageResponse]: ...

    @overload
    def iter_inbox_messages(
        self, /, *, page_size: int = 1000, **fields: Unpack[_QueryFields]
    ) -> Iterator[MessageResponse]: ...

    def iter_inbox_messages(
        self, body: Query | None = None, /, page_size: int = 1000, **fields: Any
    ) -> Iterator[MessageResponse]:
        """Every match of ``get_inbox_messages``, fetched a page of ``page_size`` at a time.

        Walks ``skip`` and ``limit`` lazily from the query's own ``skip`` and stops at a short page; each item is
        yielded once, even when the matches shift between pages.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._pages(self.get_inbox_messages, build_body(Query, body, fields), page_size)

    def get_message_by_id(
        self,
        messageid: str,
    ) -> MessageResponse:
        """Retrieve a logged message by the message ID

        ``GET /messages/{messageid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_MESSAGE_BY_ID,
            _get_message_by_id._get_kwargs(
                messageid=messageid,
            ),
        )

    def get_message_volume(
        self,
    ) -> MessageVolumeResponse:
        """Retrieve the number of messages sent since midnight last night

        ``GET /messages/volume``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_MESSAGE_VOLUME,
            _get_message_volume._get_kwargs(),
        )

    @overload
    def get_messages(self, body: Query, /) -> list[MessageResponse]: ...

    @overload
    def get_messages(self, /, **fields: Unpack[_QueryFields]) -> list[MessageResponse]: ...

    def get_messages(self, body: Query | None = None, /, **fields: Any) -> list[MessageResponse]:
        """Retrieve up to 1000 messages matching your search criteria

        ``POST /messages``; the body is a ``Query``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_MESSAGES,
            _get_messages._get_kwargs(body=build_body(Query, body, fields)),
        )

    @overload
    def iter_messages(self, body: Query, /, *, page_size: int = 1000) -> Iterator[MessageResponse]: ...

    @overload
    def iter_messages(
        self, /, *, page_size: int = 1000, **fields: Unpack[_QueryFields]
    ) -> Iterator[MessageResponse]: ...

    def iter_messages(
        self, body: Query | None = None, /, page_size: int = 1000, **fields: Any
    ) -> Iterator[MessageResponse]:
        """Every match of ``get_messages``, fetched a page of ``page_size`` at a time.

        Walks ``skip`` and ``limit`` lazily from the query's own ``skip`` and stops at a short page; each item is
        yielded once, even when the matches shift between pages.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._pages(self.get_messages, build_body(Query, body, fields), page_size)

    def get_otp_by_id(
        self,
        messageid: str,
    ) -> OTPVerifyResponse:
        """Retrieve an OTP by its message ID

        ``GET /otp/{messageid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_OTP_BY_ID,
            _get_otp_by_id._get_kwargs(
                messageid=messageid,
            ),
        )

    def get_scheduled_messages(
        self,
    ) -> list[ScheduledMessagesResponse]:
        """Returns a list of messages scheduled from your account, comprising any messages scheduled in the
        last 3 months and any scheduled to send in the future

        ``GET /messages/schedule``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _GET_SCHEDULED_MESSAGES,
            _get_scheduled_messages._get_kwargs(),
        )

    @overload
    def schedule_batch(self, body: BatchToSchedule, /) -> ScheduledBatchResponse: ...

    @overload
    def schedule_batch(self, /, **fields: Unpack[_BatchToScheduleFields]) -> ScheduledBatchResponse: ...

    def schedule_batch(self, body: BatchToSchedule | None = None, /, **fields: Any) -> ScheduledBatchResponse:
        """Schedules a batch of SMS messages to be sent at the date time you specify

        ``POST /batch/schedule``; the body is a ``BatchToSchedule``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _SCHEDULE_BATCH,
            _schedule_batch._get_kwargs(body=build_body(BatchToSchedule, body, fields)),
        )

    @overload
    def schedule_message(self, body: MessageToSchedule, /) -> list[ScheduledMessageResponse]: ...

    @overload
    def schedule_message(self, /, **fields: Unpack[_MessageToScheduleFields]) -> list[ScheduledMessageResponse]: ...

    def schedule_message(
        self, body: MessageToSchedule | None = None, /, **fields: Any
    ) -> list[ScheduledMessageResponse]:
        """Schedules an SMS message to be sent at the date-time you specify

        ``POST /message/schedule``; the body is a ``MessageToSchedule``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _SCHEDULE_MESSAGE,
            _schedule_message._get_kwargs(body=build_body(MessageToSchedule, body, fields)),
        )

    def send_any_batch(self, body: list[Message]) -> BatchMessageResponse:
        """Sends a collection of unique SMS messages. Batches may contain up to 5000 messages at a time.

        ``POST /batch/any``; the body is a ``list[Message]``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _SEND_ANY_BATCH,
            _send_any_batch._get_kwargs(body=body),
        )

    @overload
    def send_batch(self, body: BatchMessage, /) -> BatchMessageResponse: ...

    @overload
    def send_batch(self, /, **fields: Unpack[_BatchMessageFields]) -> BatchMessageResponse: ...

    def send_batch(self, body: BatchMessage | None = None, /, **fields: Any) -> BatchMessageResponse:
        """Send a single SMS message to multiple recipients. Batches may contain up to 5000 messages at a time.

        ``POST /batch/send``; the body is a ``BatchMessage``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _SEND_BATCH,
            _send_batch._get_kwargs(body=build_body(BatchMessage, body, fields)),
        )

    @overload
    def send_binary_message(self, body: BinaryMessage, /) -> SendMessageResponse: ...

    @overload
    def send_binary_message(self, /, **fields: Unpack[_BinaryMessageFields]) -> SendMessageResponse: ...

    def send_binary_message(self, body: BinaryMessage | None = None, /, **fields: Any) -> SendMessageResponse:
        """Send a binary SMS Message. Message content should be hex encoded (e.g. '65 54 74 73 6d 20 73 65 61
        73 65 67 2e')

        ``POST /binary/send``; the body is a ``BinaryMessage``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _SEND_BINARY_MESSAGE,
            _send_binary_message._get_kwargs(body=build_body(BinaryMessage, body, fields)),
        )

    @overload
    def send_flash_message(self, body: Message, /) -> SendMessageResponse: ...

    @overload
    def send_flash_message(self, /, **fields: Unpack[_MessageFields]) -> SendMessageResponse: ...

    def send_flash_message(self, body: Message | None = None, /, **fields: Any) -> SendMessageResponse:
        """Sends an SMS flash message

        ``POST /message/flash``; the body is a ``Message``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _SEND_FLASH_MESSAGE,
            _send_flash_message._get_kwargs(body=build_body(Message, body, fields)),
        )

    @overload
    def send_message(self, body: Message, /) -> SendMessageResponse: ...

    @overload
    def send_message(self, /, **fields: Unpack[_MessageFields]) -> SendMessageResponse: ...

    def send_message(self, body: Message | None = None, /, **fields: Any) -> SendMessageResponse:
        """Send an SMS Message

        ``POST /message/send``; the body is a ``Message``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _SEND_MESSAGE,
            _send_message._get_kwargs(body=build_body(Message, body, fields)),
        )

    @overload
    def send_otp(self, body: OTP, /) -> OTPResponse: ...

    @overload
    def send_otp(self, /, **fields: Unpack[_OTPFields]) -> OTPResponse: ...

    def send_otp(self, body: OTP | None = None, /, **fields: Any) -> OTPResponse:
        """Generates and sends a One-Time Password

        ``POST /otp/send``; the body is a ``OTP``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _SEND_OTP,
            _send_otp._get_kwargs(body=build_body(OTP, body, fields)),
        )

    def test_credentials(
        self,
    ) -> TestResponse:
        """Returns the customer ID to the caller

        ``GET /utils/test``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _TEST_CREDENTIALS,
            _test_credentials._get_kwargs(),
        )

    @overload
    def verify_otp(self, body: OTPVerify, /) -> OTPVerifyResponse: ...

    @overload
    def verify_otp(self, /, **fields: Unpack[_OTPVerifyFields]) -> OTPVerifyResponse: ...

    def verify_otp(self, body: OTPVerify | None = None, /, **fields: Any) -> OTPVerifyResponse:
        """Verifies a One-Time Passcode. A passcode verifies once, within its validity; after that the OTP is
        VERIFIED or EXPIRED and never verifies again.

        ``POST /otp/verify``; the body is a ``OTPVerify``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._call(
            _VERIFY_OTP,
            _verify_otp._get_kwargs(body=build_body(OTPVerify, body, fields)),
        )


class AsyncSMSWorks(AsyncBase):
    """The SMS Works API for asyncio: the methods of :class:`SMSWorks`, awaited; the same constructor with an
    ``httpx2.AsyncClient``, and ``async with``."""

    async def cancel_scheduled_batch_job(
        self,
        batchid: str,
    ) -> CancelledMessageResponse:
        """Cancels a scheduled batch of SMS messages

        ``DELETE /batches/schedule/{batchid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _CANCEL_SCHEDULED_BATCH_JOB,
            _cancel_scheduled_batch_job._get_kwargs(
                batchid=batchid,
            ),
        )

    async def cancel_scheduled_job(
        self,
        messageid: str,
    ) -> CancelledMessageResponse:
        """Cancels a scheduled SMS message

        ``DELETE /messages/schedule/{messageid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _CANCEL_SCHEDULED_JOB,
            _cancel_scheduled_job._get_kwargs(
                messageid=messageid,
            ),
        )

    async def delete_message(
        self,
        messageid: str,
    ) -> DeletedMessageResponse:
        """Delete the message with the matching messageid

        ``DELETE /messages/{messageid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _DELETE_MESSAGE,
            _delete_message._get_kwargs(
                messageid=messageid,
            ),
        )

    async def get_batch_by_id(
        self,
        batchid: str,
    ) -> list[MessageResponse]:
        """Retrieve all messages in a batch with the given batch ID

        ``GET /batch/{batchid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_BATCH_BY_ID,
            _get_batch_by_id._get_kwargs(
                batchid=batchid,
            ),
        )

    async def get_credits_balance(
        self,
    ) -> CreditsResponse:
        """Returns the number of credits currently available on the account

        ``GET /credits/balance``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_CREDITS_BALANCE,
            _get_credits_balance._get_kwargs(),
        )

    async def get_credits_for_country(
        self,
        countrycode: str,
    ) -> CountryResponse:
        """Returns the number of credits one SMS part sent to the given country costs. A message of several
        parts costs that many times as much.

        ``GET /credits/{countrycode}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_CREDITS_FOR_COUNTRY,
            _get_credits_for_country._get_kwargs(
                countrycode=countrycode,
            ),
        )

    async def get_error(
        self,
        errorcode: str,
    ) -> ExtendedErrorModel:
        """Returns a sample error object for the given error code. Useful for designing code to react to errors
        when they occur for real.

        ``GET /utils/errors/{errorcode}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_ERROR,
            _get_error._get_kwargs(
                errorcode=errorcode,
            ),
        )

    @overload
    async def get_failed_messages(self, body: Query, /) -> list[MessageResponse]: ...

    @overload
    async def get_failed_messages(self, /, **fields: Unpack[_QueryFields]) -> list[MessageResponse]: ...

    async def get_failed_messages(self, body: Query | None = None, /, **fields: Any) -> list[MessageResponse]:
        """Get failed messages matching your search criteria

        ``POST /messages/failed``; the body is a ``Query``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_FAILED_MESSAGES,
            _get_failed_messages._get_kwargs(body=build_body(Query, body, fields)),
        )

    @overload
    def iter_failed_messages(self, body: Query, /, *, page_size: int = 1000) -> AsyncIterator[MessageResponse]: ...

    @overload
    def iter_failed_messages(
        self, /, *, page_size: int = 1000, **fields: Unpack[_QueryFields]
    ) -> AsyncIterator[MessageResponse]: ...

    def iter_failed_messages(
        self, body: Query | None = None, /, page_size: int = 1000, **fields: Any
    ) -> AsyncIterator[MessageResponse]:
        """Every match of ``get_failed_messages``, fetched a page of ``page_size`` at a time.

        Walks ``skip`` and ``limit`` lazily from the query's own ``skip`` and stops at a short page; each item is
        yielded once, even when the matches shift between pages.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._pages(self.get_failed_messages, build_body(Query, body, fields), page_size)

    @overload
    async def get_inbox_messages(self, body: Query, /) -> list[MessageResponse]: ...

    @overload
    async def get_inbox_messages(self, /, **fields: Unpack[_QueryFields]) -> list[MessageResponse]: ...

    async def get_inbox_messages(self, body: Query | None = None, /, **fields: Any) -> list[MessageResponse]:
        """Get unread incoming messages matching your search criteria

        ``POST /messages/inbox``; the body is a ``Query``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_INBOX_MESSAGES,
            _get_inbox_messages._get_kwargs(body=build_body(Query, body, fields)),
        )

    @overload
    def iter_inbox_messages(self, body: Query, /, *, page_size: int = 1000) -> AsyncIterator[MessageResponse]: ...

    @overload
    def iter_inbox_messages(
        self, /, *, page_size: int = 1000, **fields: Unpack[_QueryFields]
    ) -> AsyncIterator[MessageResponse]: ...

    def iter_inbox_messages(
        self, body: Query | None = None, /, page_size: int = 1000, **fields: Any
    ) -> AsyncIterator[MessageResponse]:
        """Every match of ``get_inbox_messages``, fetched a page of ``page_size`` at a time.

        Walks ``skip`` and ``limit`` lazily from the query's own ``skip`` and stops at a short page; each item is
        yielded once, even when the matches shift between pages.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._pages(self.get_inbox_messages, build_body(Query, body, fields), page_size)

    async def get_message_by_id(
        self,
        messageid: str,
    ) -> MessageResponse:
        """Retrieve a logged message by the message ID

        ``GET /messages/{messageid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_MESSAGE_BY_ID,
            _get_message_by_id._get_kwargs(
                messageid=messageid,
            ),
        )

    async def get_message_volume(
        self,
    ) -> MessageVolumeResponse:
        """Retrieve the number of messages sent since midnight last night

        ``GET /messages/volume``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_MESSAGE_VOLUME,
            _get_message_volume._get_kwargs(),
        )

    @overload
    async def get_messages(self, body: Query, /) -> list[MessageResponse]: ...

    @overload
    async def get_messages(self, /, **fields: Unpack[_QueryFields]) -> list[MessageResponse]: ...

    async def get_messages(self, body: Query | None = None, /, **fields: Any) -> list[MessageResponse]:
        """Retrieve up to 1000 messages matching your search criteria

        ``POST /messages``; the body is a ``Query``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_MESSAGES,
            _get_messages._get_kwargs(body=build_body(Query, body, fields)),
        )

    @overload
    def iter_messages(self, body: Query, /, *, page_size: int = 1000) -> AsyncIterator[MessageResponse]: ...

    @overload
    def iter_messages(
        self, /, *, page_size: int = 1000, **fields: Unpack[_QueryFields]
    ) -> AsyncIterator[MessageResponse]: ...

    def iter_messages(
        self, body: Query | None = None, /, page_size: int = 1000, **fields: Any
    ) -> AsyncIterator[MessageResponse]:
        """Every match of ``get_messages``, fetched a page of ``page_size`` at a time.

        Walks ``skip`` and ``limit`` lazily from the query's own ``skip`` and stops at a short page; each item is
        yielded once, even when the matches shift between pages.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return self._pages(self.get_messages, build_body(Query, body, fields), page_size)

    async def get_otp_by_id(
        self,
        messageid: str,
    ) -> OTPVerifyResponse:
        """Retrieve an OTP by its message ID

        ``GET /otp/{messageid}``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_OTP_BY_ID,
            _get_otp_by_id._get_kwargs(
                messageid=messageid,
            ),
        )

    async def get_scheduled_messages(
        self,
    ) -> list[ScheduledMessagesResponse]:
        """Returns a list of messages scheduled from your account, comprising any messages scheduled in the
        last 3 months and any scheduled to send in the future

        ``GET /messages/schedule``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _GET_SCHEDULED_MESSAGES,
            _get_scheduled_messages._get_kwargs(),
        )

    @overload
    async def schedule_batch(self, body: BatchToSchedule, /) -> ScheduledBatchResponse: ...

    @overload
    async def schedule_batch(self, /, **fields: Unpack[_BatchToScheduleFields]) -> ScheduledBatchResponse: ...

    async def schedule_batch(self, body: BatchToSchedule | None = None, /, **fields: Any) -> ScheduledBatchResponse:
        """Schedules a batch of SMS messages to be sent at the date time you specify

        ``POST /batch/schedule``; the body is a ``BatchToSchedule``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _SCHEDULE_BATCH,
            _schedule_batch._get_kwargs(body=build_body(BatchToSchedule, body, fields)),
        )

    @overload
    async def schedule_message(self, body: MessageToSchedule, /) -> list[ScheduledMessageResponse]: ...

    @overload
    async def schedule_message(
        self, /, **fields: Unpack[_MessageToScheduleFields]
    ) -> list[ScheduledMessageResponse]: ...

    async def schedule_message(
        self, body: MessageToSchedule | None = None, /, **fields: Any
    ) -> list[ScheduledMessageResponse]:
        """Schedules an SMS message to be sent at the date-time you specify

        ``POST /message/schedule``; the body is a ``MessageToSchedule``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _SCHEDULE_MESSAGE,
            _schedule_message._get_kwargs(body=build_body(MessageToSchedule, body, fields)),
        )

    async def send_any_batch(self, body: list[Message]) -> BatchMessageResponse:
        """Sends a collection of unique SMS messages. Batches may contain up to 5000 messages at a time.

        ``POST /batch/any``; the body is a ``list[Message]``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _SEND_ANY_BATCH,
            _send_any_batch._get_kwargs(body=body),
        )

    @overload
    async def send_batch(self, body: BatchMessage, /) -> BatchMessageResponse: ...

    @overload
    async def send_batch(self, /, **fields: Unpack[_BatchMessageFields]) -> BatchMessageResponse: ...

    async def send_batch(self, body: BatchMessage | None = None, /, **fields: Any) -> BatchMessageResponse:
        """Send a single SMS message to multiple recipients. Batches may contain up to 5000 messages at a time.

        ``POST /batch/send``; the body is a ``BatchMessage``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _SEND_BATCH,
            _send_batch._get_kwargs(body=build_body(BatchMessage, body, fields)),
        )

    @overload
    async def send_binary_message(self, body: BinaryMessage, /) -> SendMessageResponse: ...

    @overload
    async def send_binary_message(self, /, **fields: Unpack[_BinaryMessageFields]) -> SendMessageResponse: ...

    async def send_binary_message(self, body: BinaryMessage | None = None, /, **fields: Any) -> SendMessageResponse:
        """Send a binary SMS Message. Message content should be hex encoded (e.g. '65 54 74 73 6d 20 73 65 61
        73 65 67 2e')

        ``POST /binary/send``; the body is a ``BinaryMessage``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _SEND_BINARY_MESSAGE,
            _send_binary_message._get_kwargs(body=build_body(BinaryMessage, body, fields)),
        )

    @overload
    async def send_flash_message(self, body: Message, /) -> SendMessageResponse: ...

    @overload
    async def send_flash_message(self, /, **fields: Unpack[_MessageFields]) -> SendMessageResponse: ...

    async def send_flash_message(self, body: Message | None = None, /, **fields: Any) -> SendMessageResponse:
        """Sends an SMS flash message

        ``POST /message/flash``; the body is a ``Message``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _SEND_FLASH_MESSAGE,
            _send_flash_message._get_kwargs(body=build_body(Message, body, fields)),
        )

    @overload
    async def send_message(self, body: Message, /) -> SendMessageResponse: ...

    @overload
    async def send_message(self, /, **fields: Unpack[_MessageFields]) -> SendMessageResponse: ...

    async def send_message(self, body: Message | None = None, /, **fields: Any) -> SendMessageResponse:
        """Send an SMS Message

        ``POST /message/send``; the body is a ``Message``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _SEND_MESSAGE,
            _send_message._get_kwargs(body=build_body(Message, body, fields)),
        )

    @overload
    async def send_otp(self, body: OTP, /) -> OTPResponse: ...

    @overload
    async def send_otp(self, /, **fields: Unpack[_OTPFields]) -> OTPResponse: ...

    async def send_otp(self, body: OTP | None = None, /, **fields: Any) -> OTPResponse:
        """Generates and sends a One-Time Password

        ``POST /otp/send``; the body is a ``OTP``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _SEND_OTP,
            _send_otp._get_kwargs(body=build_body(OTP, body, fields)),
        )

    async def test_credentials(
        self,
    ) -> TestResponse:
        """Returns the customer ID to the caller

        ``GET /utils/test``.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _TEST_CREDENTIALS,
            _test_credentials._get_kwargs(),
        )

    @overload
    async def verify_otp(self, body: OTPVerify, /) -> OTPVerifyResponse: ...

    @overload
    async def verify_otp(self, /, **fields: Unpack[_OTPVerifyFields]) -> OTPVerifyResponse: ...

    async def verify_otp(self, body: OTPVerify | None = None, /, **fields: Any) -> OTPVerifyResponse:
        """Verifies a One-Time Passcode. A passcode verifies once, within its validity; after that the OTP is
        VERIFIED or EXPIRED and never verifies again.

        ``POST /otp/verify``; the body is a ``OTPVerify``, or its fields as keyword arguments.

        Raises ``smsworks.errors.APIError`` (a subclass per status) unless the service answers with success, and
        ``smsworks.errors.APIConnectionError`` when it does not answer.
        """

        return await self._call(
            _VERIFY_OTP,
            _verify_otp._get_kwargs(body=build_body(OTPVerify, body, fields)),
        )


__all__ = ["AsyncSMSWorks", "SMSWorks"]
