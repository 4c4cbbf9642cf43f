"""Persistence in SQLite: the only layer that imports ``sqlite3`` or speaks SQL."""

from smsworks_emulator.store.database import MEMORY, StorageFault, Store, StoreError
from smsworks_emulator.store.repository import (
    MessageFilter,
    MessageRow,
    NewEvent,
    NewMessage,
    Repository,
    Row,
    Scope,
    StatusChange,
    StatusRecord,
)

__all__ = [
    "MEMORY",
    "MessageFilter",
    "MessageRow",
    "NewEvent",
    "NewMessage",
    "Repository",
    "Row",
    "Scope",
    "StatusChange",
    "StatusRecord",
    "StorageFault",
    "Store",
    "StoreError",
]
