"""The command line: parse, dispatch, print, pick the exit code. Nothing else.

main.py          click commands and `main(argv) -> int`
errors.py        the one handler: every ending becomes a message and an exit code
output.py        output formats as a registry of reporters (text, JSON, GitHub)
check_output.py  the gate's job summary and log
entry.py         the console script's entry point
"""
