"""What Copydesk says in Slack besides its reports: help and short notices (Slack mrkdwn)."""

from __future__ import annotations

from bot.intake.formats import SUPPORTED_WORDS

HELP = f"""*Copydesk checks news copy for factual and copy errors before it is published.*
• *Paste an article* in a channel Copydesk is in: it replies in the thread with what it flagged, \
or adds :white_check_mark: when it finds nothing. Share a file ({SUPPORTED_WORDS}) or a \
link to an article the same way.
• *Ask in a thread:* `@Copydesk check` checks the thread's first message; \
`@Copydesk check date 2025-07-29` checks it as of that story date.
• *Any message:* use the message shortcut *Check with Copydesk* (the ⋮ menu).
• *Privately:* `/copydesk <text or link>` (add `date YYYY-MM-DD` first to set the story date).
• *Not an error?* Press the button on the finding: it is not flagged again in this channel.
• `/copydesk settings`: check pasted articles automatically (`auto`) or only when asked \
(`on-request`) in this channel."""

NOTHING_TO_CHECK = (
    "There is nothing for Copydesk to check in that message: paste the article's text, share "
    "the file, or post a link to the page."
)
NOT_IN_CHANNEL = (
    "Copydesk is not a member of this channel, so it cannot reply there. Invite it with "
    "`/invite @Copydesk`, or check the text privately with `/copydesk <text>`."
)
GAVE_UP = (
    "Copydesk could not check this message after several tries. Please re-post it, or ask "
    "again with `@Copydesk check` in this thread."
)
GAVE_UP_PRIVATELY = (
    "Copydesk could not do that after several tries (Slack or its database is having trouble). "
    "The report is unchanged: please try again in a few minutes."
)
MESSAGE_GONE = "Copydesk could not read that message any more: was it deleted?"


def could_not_check(reason: str) -> str:
    """A failure the editor can act on; `reason` must already be escaped for Slack."""
    return f":warning: Copydesk could not check this: {reason}"


def mode_set(mode: str) -> str:
    if mode == "auto":
        return "Copydesk will check articles pasted in this channel automatically."
    return (
        "Copydesk will check articles in this channel only when asked "
        "(`@Copydesk check`, the *Check with Copydesk* shortcut or `/copydesk`)."
    )
