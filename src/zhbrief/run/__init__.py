"""A run: the plan (`run` and `status` ask the same one), the work on articles, writing, Dask."""
