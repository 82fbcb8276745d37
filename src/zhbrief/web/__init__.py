"""The one place zhbrief speaks HTTP: the client (`client.py`), bounded bodies, URL spelling."""
