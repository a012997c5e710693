"""Progress: a transient bar while a command works through its slow steps, on a terminal only.

On a terminal the bar is rich's, with a spinner and the time so far, so that one long
step (laying out a big diagram, writing a PDF) shows it is alive; the lines a command
reports print above it.
Anywhere else (a pipe, a log, CI) the lines go plainly to standard error and rich is
never imported: on top of what rendering imports anyway, it costs 50-100 ms, more than
drawing a 100-node diagram takes.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class Steps:
    """`with Steps(total) as steps:` then `steps.start(what)`, `steps.say(line)`, `steps.done()`.

    A Steps never entered shows nothing: a library function can take one and report
    its steps without knowing whether anyone watches.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Steps:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                # what goes to stdout prints above the bar only when it is the same terminal;
                # a redirected stdout (`-o - > file`) must not be sent to the bar's stderr
                redirect_stdout=sys.stdout.isatty(),
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("", total=self.total)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

    def start(self, what: str) -> None:
        """Name the step under way (shown on the bar at once)."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=what, refresh=True)

    def say(self, line: str) -> None:
        """Report a line on standard error, above the bar if there is one."""
        if self._bar is not None:
            self._bar.console.print(line, highlight=False, markup=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def more(self, steps: int) -> None:
        """`steps` more steps to come than the total given at the start."""
        self.total += steps
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, total=self.total)

    def done(self) -> None:
        """One step finished."""
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)
