"""Figures for management and reminders for owners."""
