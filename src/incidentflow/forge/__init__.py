"""Talking to the forge (GitHub): one small interface, one real adapter, test servers behind it."""
