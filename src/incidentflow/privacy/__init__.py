"""Personal-data detection for incident files: card numbers, My Numbers, e-mail
addresses and phone numbers, in plain writing or in disguise, with positions in the
text as written and redacted values."""

from incidentflow.privacy.detectors import (
    CODES,
    AllowedValue,
    PersonalDataHit,
    Scan,
    Unlisted,
    scan,
    scan_text,
)

__all__ = ["CODES", "AllowedValue", "PersonalDataHit", "Scan", "Unlisted", "scan", "scan_text"]
