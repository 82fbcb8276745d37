"""`python -m zhbrief`."""

from zhbrief.cli import main

# guarded: Dask's worker processes start by spawn and import this module again
if __name__ == "__main__":
    main()
