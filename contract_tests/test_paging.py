"""Paging with ``skip``/``limit`` over ``get_messages`` returns every message exactly once."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from contract_tests.properties import property_settings
from contract_tests.targets import Target
from contract_tests.unwrap import expect, expect_list
from smsworks.api.batch_messages import send_batch
from smsworks.api.messages import get_messages
from smsworks.models import BatchMessage, BatchMessageResponse, MessageResponse, Query


def test_paging_returns_every_message_exactly_once(control: Target) -> None:
    # A fresh customer per example, so the pages hold exactly what this example sent.
    @property_settings(control)
    @given(
        count=st.integers(min_value=0, max_value=60), limit=st.integers(min_value=1, max_value=25)
    )
    @example(count=25, limit=5)  # an exact multiple: the last page is empty
    @example(count=26, limit=5)
    def check(count: int, limit: int) -> None:
        client = control.client(control.new_customer())
        if count:
            destinations = [f"4477{n:08d}" for n in range(20_000_000, 20_000_000 + count)]
            body = BatchMessage(sender="Contract", destinations=destinations, content="Paging")
            expect(send_batch.sync(client=client, body=body), BatchMessageResponse)
        seen: list[str] = []
        # Enough pages for every message plus the short last one; a service that ignores `skip`
        # (or never sends a short page) fails here instead of looping for ever.
        max_pages = count // limit + 1
        for page_number in range(max_pages + 1):
            skip = page_number * limit
            page = expect_list(
                get_messages.sync(client=client, body=Query(limit=limit, skip=skip)),
                MessageResponse,
            )
            assert len(page) <= limit, f"limit={limit} answered {len(page)} messages"
            ids = [message.messageid for message in page]
            repeated = set(ids) & set(seen)
            assert not repeated, f"skip={skip} repeated {len(repeated)} messages of earlier pages"
            seen += ids
            if len(page) < limit:
                break
        else:
            pytest.fail(
                f"{count} messages, limit={limit}: no short page after {max_pages + 1} pages"
            )
        assert len(seen) == count
        assert len(set(seen)) == count

    check()
