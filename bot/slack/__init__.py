"""The Slack bot: adapts Slack to the engine, nothing more.

`surfaces` lists every way Slack reaches Copydesk, one module each (watching channels, the
mention, the slash command, the shortcut, report buttons, modals, App Home); `app` registers
their listeners, which only write a job into the store's inbox (`inbox`, `jobs`). The `worker`
pool answers jobs through `dispatch`, which hands each kind to its surface; surfaces share
`desk` (store, Web API, `checking`, `replies`, `respond`) and `answering` (check a message and
reply in its thread). `bot.pipeline` reads and checks, `bot.report` renders. `manifest` writes
the app manifests from the surfaces. `http` (Events API) and `socket` (Socket Mode) serve a
`runtime.Bot`.
"""
