"""App Home: what Copydesk checks (an example per category), how fresh its knowledge is, the
editor's channel settings, how often each rule's flags were dismissed lately, and how to ask.

Published with views.publish when an editor opens the Home tab (`app_home_opened`), from the
worker like every other answer, so the listener only writes a job. Everything shown is read at
that moment: the rules and their examples, the knowledge base's as-of dates per office group,
the store's channel settings and the last 30 days of flags and dismissals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from slack_bolt import App

from bot.engine import Ruleset
from bot.engine.finding import Category
from bot.report.entries import category_name, window
from bot.report.escape import clip, clip_words, escape
from bot.slack import texts
from bot.slack.answering import silently
from bot.slack.desk import Desk
from bot.slack.inbox import Inbox
from bot.slack.jobs import NewJob, event_key
from bot.slack.surface import JobKind, Surface
from bot.store import ChannelSettings, Job, RuleStats, Store

HOME = "home"
STATS_DAYS = 30
MAX_HOME_BLOCKS = 100
_MODES = {
    "auto": "checks pasted articles automatically",
    "on-request": "checks only when asked",
}


def listen(app: App, inbox: Inbox, store: Store) -> None:
    def app_home_opened(body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        if event.get("tab", "home") == "home" and event.get("user"):
            inbox.put(job_for(body))

    app.event("app_home_opened")(app_home_opened)


def job_for(body: Mapping[str, Any]) -> NewJob:
    event: Mapping[str, Any] = body["event"]
    user = str(event.get("user", ""))
    key = event_key(body, f"home:{user}:{event.get('event_ts')}")
    return NewJob(key, HOME, str(event.get("channel", "")), "", {"user": user})


def answer(desk: Desk, job: Job) -> None:
    """Publish this editor's Home, as things stand now."""
    user = str(job.payload.get("user") or "")
    today = desk.checker.today()
    view = home_view(
        desk.ruleset,
        mine=desk.store.channel_settings(set_by=user),
        exceptions=[s for s in desk.store.channel_settings() if s.mode == "on-request"],
        stats=desk.store.rule_stats(since=today - timedelta(days=STATS_DAYS)),
        today=today,
    )
    desk.client.views_publish(user_id=user, view=view)


def home_view(
    ruleset: Ruleset,
    *,
    mine: Sequence[ChannelSettings],
    exceptions: Sequence[ChannelSettings],
    stats: Sequence[RuleStats],
    today: date,
) -> dict[str, Any]:
    """The Home tab's view."""
    blocks: list[dict[str, Any]] = [
        _header("Copydesk"),
        _section(
            "Copydesk checks news copy for factual and copy errors before it is published, "
            "and replies in the thread with what it flagged."
        ),
        _header("What Copydesk checks"),
        *[_section(text) for text in _examples(ruleset)],
        _header("How fresh its knowledge is"),
        _section(_freshness(ruleset)),
        _header("Your channels"),
        _section(_channels(mine, exceptions)),
        _header(f"Flags and dismissals, last {STATS_DAYS} days"),
        _section(_stats(ruleset, stats, today)),
        _header("How to ask for a check"),
        _section(texts.HELP),
    ]
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


def _examples(ruleset: Ruleset) -> list[str]:
    """One example per category, the flagged words in bold, from the rules' own examples."""
    out = []
    for category in Category:
        flag = next(
            (
                rule.spec.examples.flag[0]
                for rule in ruleset.rules
                if rule.spec.enabled and rule.spec.category is category and rule.spec.examples.flag
            ),
            None,
        )
        if flag is None:
            continue
        text = next((part for part in flag.text.split("\n---\n") if flag.flags in part), flag.text)
        before, quote, after = window(text, flag.flags, 48)
        dated = f" (a story dated {_day(flag.story_date)})" if flag.story_date else ""
        shown = f"“{escape(before)}*{escape(quote)}*{escape(after)}”"
        out.append(f"*{escape(category_name(category))}*: {shown}{dated}")
    return out


def _freshness(ruleset: Ruleset) -> str:
    """Per office group, the latest date the knowledge base is complete to."""
    from bot.kb.query import stats  # the same rows as `copydesk kb stats --by group`

    latest: dict[str, str] = {}
    for group, _jurisdiction, _offices, _terms, _start, end in stats(ruleset.knowledge):
        latest[group] = max(latest.get(group, end), end)
    lines = [
        f"• {escape(group.replace('-', ' ').capitalize())}: as of {_day(date.fromisoformat(end))}"
        for group, end in sorted(latest.items())
    ]
    lines.append(f"Knowledge base version {escape(ruleset.kb_version)}.")
    return clip("\n".join(lines), 3000)


def _channels(mine: Sequence[ChannelSettings], exceptions: Sequence[ChannelSettings]) -> str:
    lines = []
    if mine:
        lines.append("Channels you set:")
        lines += [f"• <#{s.channel}>: {_MODES[s.mode]}" for s in mine[:20]]
    else:
        lines.append("You have not changed any channel's setting.")
    lines.append(
        "By default Copydesk checks pasted articles automatically in every channel it is in; "
        "`/copydesk settings` in a channel changes that channel."
    )
    others = [s for s in exceptions if s.channel not in {m.channel for m in mine}]
    if others:
        listed = ", ".join(f"<#{s.channel}>" for s in others[:20])
        more = f" and {len(others) - 20} more" if len(others) > 20 else ""
        lines.append(f"Set to check only when asked: {listed}{more}.")
    return "\n".join(lines)


def _stats(ruleset: Ruleset, stats: Iterable[RuleStats], today: date) -> str:
    """Per rule (by what it checks, not its id): flags, dismissals and the rate."""
    names = {f"{r.pack}.{r.spec.id}": _rule_name(r.spec.id) for r in ruleset.rules}
    categories = {f"{r.pack}.{r.spec.id}": r.spec.category for r in ruleset.rules}
    lines = []
    for s in stats:
        name = names.get(s.rule, _rule_name(s.rule.rsplit(".", 1)[-1]))
        category = categories.get(s.rule)
        kind = f"{category_name(category)}: " if category else ""
        lines.append(
            f"• {escape(kind + name)}: {s.flags} flagged, {s.dismissals} marked not an error "
            f"({s.dismissal_rate:.0%})"
        )
    since = _day(today - timedelta(days=STATS_DAYS))
    if not lines:
        return f"Nothing flagged since {since}."
    return clip(f"Since {since}:\n" + "\n".join(lines[:40]), 3000)


def _rule_name(rule_id: str) -> str:
    """ "weekday-does-not-match-date" -> "Weekday does not match date"."""
    words = rule_id.replace("-", " ")
    return clip_words(words[:1].upper() + words[1:], 80)


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:150]}}


def _section(text: str) -> dict[str, Any]:
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": clip(text, 3000), "verbatim": True},
    }


SURFACE = Surface(
    name="home",
    listen=listen,
    events=("app_home_opened",),
    home_tab=True,
    jobs={HOME: JobKind(answer, silently)},
)
