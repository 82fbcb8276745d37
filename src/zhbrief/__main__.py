"""`python -m zhbrief`."""

from zhbrief.cli import main

main()
