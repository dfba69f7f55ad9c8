"""Shared mechanisms (db base, errors, access policy, audit, pagination); no feature logic."""
