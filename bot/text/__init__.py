"""The lowest layer: facts of written English every other layer reads the same way.

Word lists (months, weekdays, number words), the date grammar, case and accent folding, and the
YAML reader that keeps line numbers. Nothing here knows about articles, rules or Slack, and it
imports nothing from Copydesk but `bot.errors`.
"""
