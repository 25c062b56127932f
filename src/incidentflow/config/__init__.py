"""The organisation's choices: the config file, conditions, business days, now."""
