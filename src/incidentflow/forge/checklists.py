"""Reading a checklist issue: is the team's work done?"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from incidentflow.forge.interface import IssueRecord


@dataclass(frozen=True, slots=True)
class ChecklistProgress:
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done == self.total


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(tasklists_plugin)


def progress(body: str) -> ChecklistProgress:
    """Ticked and total task-list items, as GitHub renders them (code blocks excluded)."""
    done = total = 0
    for block in _parser().parse(body):
        for token in block.children or ():
            if token.type == "html_inline" and "task-list-item-checkbox" in token.content:
                total += 1
                done += 1 if 'checked="checked"' in token.content else 0
    return ChecklistProgress(done, total)


def is_done(issue: IssueRecord) -> bool:
    """A team's checklist is done when its issue is closed or every box is ticked."""
    return issue.state == "closed" or progress(issue.body).complete
