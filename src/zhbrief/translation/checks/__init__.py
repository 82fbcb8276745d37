"""The checks behind quality flags: each compares one source sentence with its English."""
