"""Talking to the forge (GitHub): one small interface, one real adapter, test servers behind it.

interface.py         the IssueTracker protocol, records, settings and ForgeError
connect.py           the one client built from the environment
pygithub_adapter.py  the adapter over PyGithub
request_policy.py    pacing, retries and rate limits
checklists.py        reading a checklist issue's ticks
mentions.py          incident text made quiet: no mentions, no issue references
"""
