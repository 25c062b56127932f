"""Figures for management and reminders for owners (computed, never printed here).

    monthly.py  the monthly report's figures, and what is overdue or due soon
"""
