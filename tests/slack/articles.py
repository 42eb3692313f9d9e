"""Articles written for these tests (not taken from any real story or from the seeds)."""

from __future__ import annotations

# A wrong weekday (July 29, 2025 was a Tuesday), a date that does not exist and a line of
# scraped page furniture; the rest is clean copy.
LIBRARY_BUDGET = """SPRINGFIELD — The city council voted on Monday, July 29, 2025, to approve a \
new budget for the public library system after a long debate.

Council members said the spending plan would take effect on April 31, when the new fiscal \
quarter begins. The library director thanked residents who spoke at the hearing.

Share this article

The vote was 7 to 2. Two members said the plan did not do enough for branch libraries in the \
east of the city."""

LIBRARY_BUDGET_FLAGS = ["Monday, July 29, 2025", "April 31", "Share this article"]

# The same story with the errors fixed.
LIBRARY_BUDGET_FIXED = """SPRINGFIELD — The city council voted on Tuesday, July 29, 2025, to \
approve a new budget for the public library system after a long debate.

Council members said the spending plan would take effect on April 30, when the new fiscal \
quarter begins. The library director thanked residents who spoke at the hearing.

The vote was 7 to 2. Two members said the plan did not do enough for branch libraries in the \
east of the city."""

# Clean copy: nothing to flag.
HARBOR_FERRY = """PORTLAND — A new ferry began carrying passengers across the harbor this week, \
the first new vessel on the route in more than twenty years.

The boat holds about 400 passengers and was built at a shipyard on the coast. Officials said it \
uses less fuel than the ferry it replaces and should cut crossing times by a few minutes.

Riders on the first morning trip said the cabin was quieter and the seats more comfortable. \
The old ferry will be kept as a spare for the busy summer months."""

# An article that quotes Slack markup: it must never ping anyone when quoted back. The flagged
# sentence (wrong weekday) holds the markup and a right-to-left override.
BROADCAST_BAIT = """SPRINGFIELD — Organisers said the festival would return next year with a \
larger stage and more food stalls for visitors.

A flyer handed out on Monday, July 29, 2025, read <!channel> and <@U0BOSS1> in large letters \
\u202eand tickets online\u202c, which organisers said was a printing mistake by a volunteer.

The festival drew about 9,000 people over three days, organisers said. Tickets go on sale in \
the spring."""

# Right in 2023, wrong in July 2025 copy (the test knowledge base knows the term dates).
BRIDGE_VISIT = """WASHINGTON — President Joe Biden toured the rebuilt river bridge on Thursday \
and spoke with workers who finished the project ahead of schedule.

The bridge carries about 40,000 vehicles a day and was closed for most of the past year. \
Local officials said the reopening would shorten commutes for thousands of residents.

The visit lasted about an hour, and the motorcade left for the airport shortly after noon."""
