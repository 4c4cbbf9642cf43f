"""An independent reference model of the service, written from the documentation and the spec.

It shares no code with ``smsworks_emulator`` (``contract_tests/test_model_independence.py``
checks every import) and does no I/O: :mod:`.service` says what each call should answer,
:mod:`.readings` lists where the documentation leaves two readings open, :mod:`.limits` reads
the request limits from the patched spec.
"""
