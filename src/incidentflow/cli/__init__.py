"""The command line: click, output formats, and the one error handler."""
