"""The incident record: its model, phases, sections, loading and positions."""
