"""One module per subcommand; each returns an exit code and leaves printing to the CLI."""
