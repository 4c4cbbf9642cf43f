"""The operations of the service, on the store: messages, batches, schedules, OTPs, queries,
inbound messages, accounts, delivery reports, and the scheduler that applies due work."""
