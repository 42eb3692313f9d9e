"""Where listeners put the work they accept: the store's inbox, then a nudge to the worker.

`put` returns once the job is in the database, before Bolt sends Slack its acknowledgement
(the app runs with `process_before_response`), so an acknowledged event is never lost even if the
process dies right after. A re-delivered event (same `event_key`) is not accepted twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from bot.ops.metrics import Metrics
from bot.slack.jobs import NewJob
from bot.store import Store

log = logging.getLogger(__name__)


class Inbox:
    """Accepts jobs into the store and wakes the worker."""

    def __init__(self, store: Store, wake: Callable[[], None], metrics: Metrics) -> None:
        self.store = store
        self._wake = wake
        self._metrics = metrics

    def put(self, job: NewJob) -> bool:
        """Accept `job`; False if Slack delivered it before (a retry, another replica)."""
        payload = {**job.payload, "received_at": time.time()}
        accepted = self.store.accept(job.event_key, job.kind, job.channel, job.message_ts, payload)
        outcome = "accepted" if accepted else "duplicate"
        self._metrics.events.labels(job.kind, outcome).inc()
        if accepted:
            self._wake()
        else:
            log.info("duplicate delivery ignored", extra={"event_key": job.event_key})
        return accepted
