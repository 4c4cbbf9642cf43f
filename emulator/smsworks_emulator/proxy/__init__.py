"""The drift proxy: real traffic forwarded unchanged to the API and checked against the patched spec.

- :mod:`.forwarding`: the ASGI app that forwards (:class:`~.forwarding.DriftProxy`, :class:`~.forwarding.Upstream`);
- :mod:`.watch`: each exchange checked by :mod:`smsworks_emulator.drift`, a redacted journal (:class:`~.watch.DriftWatch`);
- :mod:`.redaction`: what is kept of tokens, phone numbers and content;
- :mod:`.endpoints`: ``GET /_emulator/drift`` and the web page with its Drift tab;
- :mod:`.reports`: ``drift.md``, ``drift.json``, ``drift-junit.xml``;
- :mod:`.recordings`: schemathesis cassettes and HAR files, for ``drift check FILE``;
- :mod:`.upstream`: the HTTP/1.1 client to the upstream;
- :mod:`.server`, :mod:`.commands` and :mod:`.exits`: ``smsworks-emulator proxy`` and ``drift check``.

This package imports the drift checker, helpers of the HTTP layer and the rules, never the service or the store.
Importing it imports nothing else (the command line imports :mod:`.commands` on every run).
"""
