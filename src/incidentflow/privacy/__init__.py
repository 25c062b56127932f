"""Personal-data detection for incident files: card numbers, My Numbers, e-mail
addresses and phone numbers, with positions and redacted values."""

from incidentflow.privacy.detectors import CODES, PersonalDataHit, scan_text

__all__ = ["CODES", "PersonalDataHit", "scan_text"]
