"""What a contract run sent and reached, read from its traffic and from the rules its checks reached.

:mod:`.fields` reads every operation, declared status and request field from the patched spec and
classifies a request's values into kinds; :mod:`.recorder` holds the run's observations (every
request the suite sends reaches it from one place: the suite's httpx hooks and schemathesis'
checks); :mod:`.rules` lists every documented rule with the check that holds it; :mod:`.report`
writes ``coverage.md`` and ``coverage.json`` and says what fails the run. It imports nothing of
the emulator: the spec, not the service, decides what a request's fields are.
"""
