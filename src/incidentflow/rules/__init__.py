"""Every rule over incident files, one module per family, and running them.

findings.py       Finding and Level: what every rule returns; messages come from words/
codes.py          the catalogue of rule codes, and which may be waived
schema.py         pydantic errors as findings (IF02x), did-you-mean
phases.py         fields and sections each status requires (IF030, IF031)
config_keys.py    severities and teams that must come from the config (IF043, IF044)
stakeholders.py   teams an incident involves, and the config's rules (IF045)
timestamps.py     phase order, nothing in the future, escalation delay (IF05x, IF046)
clocks.py         regulatory clocks from the notification log: states, lateness (CL0xx)
imported.py       imported records: required facts nobody knows (IF070-IF072)
waivers.py        `overrides` entries (IF060) and applying them
privacy.py        the personal-data guard over a file (PD1xx)
files.py          everything under the incidents folder (IF007, IF008)
identity.py       IDs are file names and unique (IF040-IF042)
result.py         ValidatedIncident: one file after validation
incident_file.py  one file through every family, then its waivers
run.py            one file, a list of files, or the repository
parallel.py       many files on every core
"""
