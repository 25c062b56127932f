"""The incident record: what one incident file is.

model.py        pydantic models of the front matter; statuses
phases.py       the phase table: what each status requires (the single source)
sections.py     Markdown sections in Japanese and English, and whether they are filled
plain_markdown.py  the common Markdown (headings, paragraphs, flat lists) in one line pass
load.py         safe reading: encodings, front matter, YAML limits, the C loader
fast_load.py    most front matter's data in one pass over the C parser's events
positions.py    line and column of a field, for findings, from the C parser's marks
times.py        times as written: a full time with its zone, or a day; coarse order
templates.py    new incident files (IDs, skeletons, bodies in ja/en)
json_schema.py  the JSON Schema for editors, from the models and the config
atomic.py       atomic file writes
"""
