"""The command line: click commands and the one module that prints."""
