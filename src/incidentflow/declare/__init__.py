"""`incident declare`: an issue filed with the declaration form, or an alert, becomes an
incident pull request.

    form.py         the declaration issue form: fields in ja/en, rendered as GitHub YAML
    issue_body.py   reading the form's answers back from an issue body (markdown-it-py)
    alert.py        the config's alert mapping applied to a repository_dispatch payload
    declaration.py  one checked, cleaned declaration from either source; the privacy guard
    text.py         outside text made safe: cut, cleaned, escaped or fenced (pure)
    draft.py        the incident file, by the same code as `incident new`
    timeline.py     one more Timeline line for a repeated alert (pure)
    markers.py      the hidden markers of its pull request and comments (pure)
    comments.py     the pull request and issue comments (pure; words: words/declare.py)
    publish.py      branch, file, pull request, labels and comments, once per key
"""
