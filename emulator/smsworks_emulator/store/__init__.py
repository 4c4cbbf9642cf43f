"""Persistence in SQLite: the only layer that imports ``sqlite3`` or speaks SQL."""

from smsworks_emulator.store.database import MEMORY, StorageFault, Store, StoreError
from smsworks_emulator.store.repository import (
    ANY_CUSTOMER,
    AnyCustomer,
    MessageFilter,
    MessageRow,
    NewEvent,
    NewMessage,
    Owner,
    Repository,
    Row,
    Scope,
    StatusChange,
    StatusRecord,
)

__all__ = [
    "ANY_CUSTOMER",
    "MEMORY",
    "AnyCustomer",
    "MessageFilter",
    "MessageRow",
    "NewEvent",
    "NewMessage",
    "Owner",
    "Repository",
    "Row",
    "Scope",
    "StatusChange",
    "StatusRecord",
    "StorageFault",
    "Store",
    "StoreError",
]
