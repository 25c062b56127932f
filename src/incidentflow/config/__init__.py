"""The organisation's choices, and where a run happens.

settings.py       incidentflow.yaml: its model, loading and cross-checks
checklists.py     the checklist templates it names: read, and checked to exist (CF043)
conditions.py     declarative `when:` conditions (data, never code)
business_days.py  deadlines in hours, days and business days of a country's calendar
workspace.py      the repository: its root, its config, its incident files
now.py            the one "now" of a run, and "today" in the configured zone
"""
