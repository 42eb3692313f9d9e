"""Every way Slack reaches Copydesk, registered in one place (the Bolt starter's listeners
package): the Bolt app's listeners, the worker's job kinds and the app manifests in deploy/slack
are all built from `SURFACES`.

Adding a surface: write its module here (a `SURFACE` with its manifest entries, listeners and
jobs), its test in tests/slack/surfaces/, add it to `SURFACES`, run `make manifests`.
"""

from __future__ import annotations

from slack_bolt import App

from bot.slack.inbox import Inbox
from bot.slack.surface import JobKind, Surface
from bot.slack.surfaces import actions, command, home, mention, shortcut, views, watch
from bot.store import Store

SURFACES: tuple[Surface, ...] = (
    watch.SURFACE,
    mention.SURFACE,
    command.SURFACE,
    shortcut.SURFACE,
    actions.SURFACE,
    views.SURFACE,
    home.SURFACE,
)


def register(app: App, inbox: Inbox, store: Store) -> None:
    """Register every surface's listeners on `app`."""
    for surface in SURFACES:
        surface.listen(app, inbox, store)


def job_kinds() -> dict[str, JobKind]:
    """Every inbox job kind, with the surface's answer to it; a kind claimed twice is a bug."""
    kinds: dict[str, JobKind] = {}
    for surface in SURFACES:
        for name, kind in surface.jobs.items():
            if name in kinds:
                raise RuntimeError(f"two surfaces answer jobs of kind {name!r}")
            kinds[name] = kind
    return kinds
