"""The HTTP edge: the starlette app, routing from the spec, auth, errors, the wire format and
the control endpoints under ``/_emulator``."""
