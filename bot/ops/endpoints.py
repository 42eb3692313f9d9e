"""The HTTP paths Copydesk serves: Slack's requests, health, readiness and metrics.

In HTTP mode the Events API, interactivity and slash commands share one URL, so the app manifest
points every request at `EVENTS_PATH`; the probes in deploy/ use the other three.
"""

from __future__ import annotations

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
