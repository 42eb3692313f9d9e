"""The Slack bot: adapts Slack to the engine, nothing more.

`app` builds the Bolt app and `listeners` registers every handler in one place; handlers only
write a job into the store's inbox (`inbox`, `jobs`). The `worker` pool answers jobs with
`answer`: `bot.intake` turns the message, its file or its link into a document, `bot.engine`
checks it, `bot.report.slack` renders it, `replies` posts the one threaded reply. `http` (Events
API) and `socket` (Socket Mode) serve a `runtime.Bot`.
"""
