"""Where listeners put the work they accept: the store's inbox, then a nudge to the worker.

`put` returns once the job is in the database, before Bolt sends Slack its acknowledgement
(the app runs with `process_before_response`), so an acknowledged event is never lost even if the
process dies right after (issue 5). A re-delivered event (same `event_key`) is not accepted twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.slack.jobs import NewJob
from bot.store import Store

log = logging.getLogger(__name__)


class Inbox:
    """Accepts jobs into the store and wakes the worker."""

    def __init__(self, store: Store, wake: Callable[[], None]) -> None:
        self.store = store
        self._wake = wake

    def put(self, job: NewJob) -> bool:
        """Accept `job`; False if Slack delivered it before (a retry, another replica)."""
        accepted = self.store.accept(
            job.event_key, job.kind.value, job.channel, job.message_ts, job.payload
        )
        if accepted:
            self._wake()
        else:
            log.info("duplicate delivery ignored", extra={"event_key": job.event_key})
        return accepted
