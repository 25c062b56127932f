"""The words in an incident's Gantt chart (``reports/charts.py``): its sections, the phases
between two recorded times, and the points in time themselves. The chart is drawn in issue
headers and status pages, in the incident's language.
"""

from __future__ import annotations

from incidentflow.words import Words

SECTIONS: dict[str, Words] = {
    "phases": Words(en="Phases", ja="フェーズ"),
    "deadlines": Words(en="Deadlines", ja="期限"),
}
# The span from a recorded point to the next, by the point it starts at.
SPANS: dict[str, Words] = {
    "started": Words(en="impact before detection", ja="検知前の影響"),
    "detected": Words(en="investigation", ja="初期調査"),
    "decided": Words(en="response", ja="障害対応"),
    "mitigated": Words(en="mitigated until recovery", ja="影響停止から復旧まで"),
    "resolved": Words(en="closing", ja="クロージング"),
}
POINTS: dict[str, Words] = {
    "started": Words(en="impact began", ja="影響開始"),
    "detected": Words(en="detected", ja="検知"),
    "decided": Words(en="decided", ja="初期対応決定"),
    "mitigated": Words(en="mitigated", ja="影響停止"),
    "resolved": Words(en="resolved", ja="復旧"),
    "closed": Words(en="closed", ja="クローズ"),
}
