"""The run's state: one SQLite file owned by `db.py`, and the run lock (`lock.py`)."""
