"""The pull-request gate: what may change between two versions of an incident file.

- ``transitions``: identity, status moves and recorded history (GT01x, GT02x)
- ``closure``: the stakeholder checklist issues a closure needs (GT03x)
"""
