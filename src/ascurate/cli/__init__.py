"""The `ascurate` command: its entry point (launch), the commands (main), the scheduled
deployments it serves (serve) and how it writes to a terminal or a log (terminal)."""
