"""Verantwortungskette: identification, consent, handover, cases, disclosures, retention."""
