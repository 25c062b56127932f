"""The catalogue of rule codes, and which of them an ``overrides`` entry may waive.

Waivable are the rules about the flow (what a phase needs, who is involved, clocks, the gate's
transitions): an organisation may decide, on the record, to accept an exception. Not waivable
are the rules that keep the record readable and true (format, identity) and the personal-data
guard, whose reviewed exceptions are per value (``personal_data.allow``), never per rule.
"""

from __future__ import annotations

WAIVABLE: frozenset[str] = frozenset(
    {
        "IF030", "IF031", "IF042", "IF043", "IF044", "IF045", "IF046", "IF050", "IF051",
        "CL001", "CL002", "CL003", "CL004",
        "GT002", "GT010", "GT011", "GT012", "GT013", "GT020", "GT021", "GT022",
        "GT030", "GT031", "GT032", "GT033", "GT034",
    }
)  # fmt: skip

NOT_WAIVABLE: frozenset[str] = frozenset(
    {
        "IF000", "IF001", "IF002", "IF003", "IF004", "IF005", "IF006", "IF007", "IF008",
        "IF010", "IF011", "IF012", "IF013", "IF014", "IF015", "IF016",
        "IF020", "IF021", "IF022", "IF023", "IF024", "IF025",
        "IF040", "IF041", "IF060", "IF070", "IF071", "IF072",
        "CL005", "CL006", "CL007",
        "PD100", "PD101", "PD102", "PD103", "PD104",
        "GT001", "GT014", "GT023", "GT040", "GT041", "GT042", "GT043", "SC001", "SC002",
    }
)  # fmt: skip

KNOWN: frozenset[str] = WAIVABLE | NOT_WAIVABLE
