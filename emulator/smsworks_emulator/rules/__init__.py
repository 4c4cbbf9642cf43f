"""The service's rules as pure functions and values: no I/O, no state, no other layer."""
