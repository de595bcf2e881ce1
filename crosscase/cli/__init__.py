"""The command line (crosscase ...) and the runner that workflow scripts go through."""
