from typing import Literal

QueryStatus = Literal["DELIVERED", "EXPIRED", "INCOMING", "REJECTED", "SENT", "UNDELIVERABLE"]

QUERY_STATUS_VALUES: set[QueryStatus] = {
    "DELIVERED",
    "EXPIRED",
    "INCOMING",
    "REJECTED",
    "SENT",
    "UNDELIVERABLE",
}


def check_query_status(value: str) -> QueryStatus:
    if value in QUERY_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {QUERY_STATUS_VALUES!r}")
