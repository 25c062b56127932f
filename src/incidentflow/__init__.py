"""incidentflow: incident-as-code for GitHub."""

__version__ = "0.1.0"
