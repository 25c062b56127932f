"""One module per subcommand: typed functions that return results, never print or exit.

    new.py       a new incident file from the template
    declare.py   an issue form or an alert as an incident pull request
    init.py      everything a repository needs to adopt incidentflow
    validate.py  files, and everything under the incidents folder
    status.py    phase, gaps and clocks of one incident or all
    sync.py      the sync wired to GitHub
    schema.py    writing or checking the JSON Schema
    report.py    the monthly report's Markdown
    remind.py    what is overdue, and comments on its issues
    status_markdown.py  `incident status --format markdown`: pages with charts
    checklist_progress.py  boxes ticked per team's checklist issue, read from GitHub
    index.py     writing or checking the incident index (incidents/README.md)

`incident check` lives in gate/check.py: the gate is the command.
"""
