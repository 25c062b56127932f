"""The pull-request gate: what may change between two versions of an incident file.

check.py          what changed since the base, judged with the base's config
config_change.py  what a change to the config relaxes, and its approvals (GT040, GT041)
transitions.py    identity, status moves and recorded history (GT01x, GT02x)
closure.py        the stakeholder checklist issues a closure needs (GT03x)
"""
