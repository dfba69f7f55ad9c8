"""Families and languages: guardians take part through a link without an account (issue 14)."""
