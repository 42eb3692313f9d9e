"""Operations: JSON logging, Prometheus metrics, graceful shutdown and the Slack surface list.

Import the submodule you need (`bot.ops.logging`, `bot.ops.metrics`, `bot.ops.shutdown`,
`bot.ops.slack_surface`); nothing heavy is imported here.
"""
