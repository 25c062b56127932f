"""`incident sync`: stakeholder checklist issues, prevention tracking issues, and their numbers
written back into the incident files.

    incidents.py  the incidents to work on (typed, not fully validated)
    plan.py       desired issues from incidents and config (pure)
    bodies.py     titles, generated headers, phase comments (pure; words: words/issues.py)
    markers.py    hidden markers: issue identity and what was generated last (pure)
    reconcile.py  desired against existing issues, through the forge interface
    lock.py       one sync at a time, held on the forge
    writeback.py  the minimal-diff edit of `tracking:` (pure)
    delivery.py   the edited files as one bot pull request, or a commit
    report.py     actions, summary and renderers (words: words/sync.py)
    run.py        one run, start to end
"""
