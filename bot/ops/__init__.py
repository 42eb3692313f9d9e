"""Operations: JSON logging, Prometheus metrics, graceful shutdown and the HTTP endpoints.

Import the submodule you need (`bot.ops.logging`, `bot.ops.metrics`, `bot.ops.shutdown`,
`bot.ops.endpoints`); nothing heavy is imported here.
"""
