"""Reference data the app reads at run time (not loaded into tables): see README.md here."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
