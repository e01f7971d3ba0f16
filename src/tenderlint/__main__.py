"""``python -m tenderlint`` runs the command-line interface."""

from tenderlint.cli import main

main()
