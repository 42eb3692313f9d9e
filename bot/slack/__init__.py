"""The Slack bot: adapts Slack to the engine, nothing more (issue 4).

`app` builds the Bolt app and `listeners` registers every handler in one place; handlers only
write a job into the store's inbox (`inbox`, `jobs`). The `worker` pool answers jobs with
`answer`: `detect` decides what to check, `fetch` and `files` bring in links and files,
`bot.document` and `bot.engine` do the checking, `bot.report.slack` renders it, `replies` posts
the one threaded reply. `http` (Events API) and `socket` (Socket Mode) serve a `runtime.Bot`.
"""
