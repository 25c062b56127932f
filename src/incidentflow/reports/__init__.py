"""Figures for management and reminders for owners (computed, never printed here).

monthly.py         the monthly report's figures, and what is overdue or due soon
notifications.py   the notification log and the clocks in words, ja and en
trend.py           the twelve months up to the report's, month by month
charts.py          Mermaid charts GitHub renders: an incident's Gantt, xychart, pie
monthly_charts.py  the monthly report's charts, in Markdown
incident_page.py   one incident in Markdown: facts, Gantt, clocks, checklists
index.py           the incident index: every incident, newest first, no personal data
"""
