"""Subcommands of the `geo` command line, one module each."""
