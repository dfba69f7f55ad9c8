"""Privacy: the pupil's data export, disclosures and retention, driven by one registry."""
