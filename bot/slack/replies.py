"""Posting the one threaded reply to a checked message, and keeping it in step with the message.

"Never reply twice" has three guards, all outside process memory:
- the store's replies table: a job reserves the right to reply before posting (`reserve_reply`),
  so two jobs for one message (an event and a shortcut, two replicas) cannot both post;
- after a crash between posting and saving the reply's ts, the retried job looks in the thread
  for a reply carrying its message in the reply's `metadata` (chat.postMessage metadata) before
  posting again;
- later checks of the same message (an edit, a re-check at another date) update it in place.
Reports longer than one message continue in follow-ups, found again through the same metadata.
A long report's full text goes in the thread as a file named after the checked message, so that a
later check of the same message replaces it rather than adding another.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.report.slack import ReportFile, SlackMessage
from bot.slack.client import HARMLESS_REACTION_ERRORS, error_code, is_lasting
from bot.store import Store

log = logging.getLogger(__name__)

METADATA_TYPE = "copydesk_report"
IN_PROGRESS = "hourglass_flowing_sand"
CLEAN = "white_check_mark"


class ReplyBusyError(Exception):
    """Another job holds the reply to this message and has not posted it yet: try later."""


class Replies:
    """Posts, updates and removes the bot's reply to a message."""

    def __init__(self, store: Store, client: WebClient) -> None:
        self._store = store
        self._client = client

    def existing(self, channel: str, subject: str) -> str | None:
        """The ts of the reply already posted to `subject`, if any."""
        return self._store.reply_for(channel, subject)

    def publish(
        self,
        *,
        channel: str,
        thread_ts: str,
        subject: str,
        messages: Sequence[SlackMessage],
        owner: str,
        attempts: int = 1,
    ) -> str:
        """Post the reply to `subject` in `thread_ts`, or update the one already there; returns
        the reply's ts. Raises ReplyBusyError if another job is posting it right now."""
        reply_ts: str | None = None
        if self._store.reserve_reply(channel, subject, owner):
            if attempts > 1:  # an earlier attempt may have posted, then died before saving
                reply_ts = self._find_part(channel, thread_ts, subject, 0)
                if reply_ts is not None:
                    log.info("found the reply of an earlier attempt", extra={"channel": channel})
                    self._store.save_reply(channel, subject, reply_ts)
        else:
            reply_ts = self._store.reply_for(channel, subject)
            if reply_ts is None:
                raise ReplyBusyError(f"another job is replying to {channel}/{subject}")
        if reply_ts is None:
            try:
                reply_ts = self._post(channel, thread_ts, subject, messages[0], owner, 0)
            except SlackApiError as exc:
                if is_lasting(exc):  # nobody will post for this job: free the message for others
                    self._store.forget_reply(channel, subject)
                raise
            self._store.save_reply(channel, subject, reply_ts)
            for part, message in enumerate(messages[1:], 1):
                self._post(channel, thread_ts, subject, message, owner, part)
            return reply_ts
        if not self._update(channel, reply_ts, subject, messages[0], owner, 0):
            reply_ts = self._post(channel, thread_ts, subject, messages[0], owner, 0)
            self._store.save_reply(channel, subject, reply_ts)
        self._sync_follow_ups(channel, thread_ts, subject, messages, owner)
        return reply_ts

    def sync_file(
        self, channel: str, thread_ts: str, subject: str, file: ReportFile | None
    ) -> None:
        """Make the thread hold `file` as the report file of `subject`, or none: an earlier one
        (a previous check, or an attempt that died after uploading) is deleted first."""
        for file_id in self._report_files(channel, thread_ts, subject):
            try:
                self._client.files_delete(file=file_id)
            except SlackApiError as exc:
                if error_code(exc) not in ("file_not_found", "file_deleted"):
                    raise
        if file is not None:
            self._client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts,
                content=file.content,
                filename=report_filename(subject),
                title=file.title,
            )

    def remove(self, channel: str, subject: str, thread_ts: str | None = None) -> bool:
        """Delete the reply to `subject` and its follow-ups; False if there was none."""
        reply_ts = self._store.reply_for(channel, subject)
        if reply_ts is None:
            return False
        parts = self._parts(channel, thread_ts or subject, subject)
        for ts in [reply_ts, *[ts for part, ts in sorted(parts.items()) if part > 0]]:
            self._delete(channel, ts)
        self._store.forget_reply(channel, subject)
        return True

    def react(self, channel: str, ts: str, name: str, *, on: bool) -> None:
        """Add or remove a reaction; a reaction already as wanted is not an error."""
        try:
            if on:
                self._client.reactions_add(channel=channel, timestamp=ts, name=name)
            else:
                self._client.reactions_remove(channel=channel, timestamp=ts, name=name)
        except SlackApiError as exc:
            if error_code(exc) not in HARMLESS_REACTION_ERRORS:
                raise

    # -- Web API calls -------------------------------------------------------------------------

    def _post(
        self,
        channel: str,
        thread_ts: str,
        subject: str,
        message: SlackMessage,
        owner: str,
        part: int,
    ) -> str:
        response = self._client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            text=message.text,
            blocks=message.blocks,
            metadata=_metadata(subject, owner, part),
            unfurl_links=False,
            unfurl_media=False,
            link_names=False,
            parse="none",
        )
        return str(response["ts"])

    def _update(
        self, channel: str, ts: str, subject: str, message: SlackMessage, owner: str, part: int
    ) -> bool:
        """Update one reply message; False if it is gone (someone deleted it)."""
        try:
            self._client.chat_update(
                channel=channel,
                ts=ts,
                text=message.text,
                blocks=message.blocks,
                metadata=_metadata(subject, owner, part),
                link_names=False,
                parse="none",
            )
        except SlackApiError as exc:
            if error_code(exc) in ("message_not_found", "cant_update_message"):
                return False
            raise
        return True

    def _delete(self, channel: str, ts: str) -> None:
        try:
            self._client.chat_delete(channel=channel, ts=ts)
        except SlackApiError as exc:
            if error_code(exc) not in ("message_not_found", "cant_delete_message"):
                raise

    def _sync_follow_ups(
        self,
        channel: str,
        thread_ts: str,
        subject: str,
        messages: Sequence[SlackMessage],
        owner: str,
    ) -> None:
        """Make the follow-ups match `messages[1:]`: update, post the missing, delete extras
        (a report can shrink after an edit). Costs one conversations.replies per update."""
        parts = self._parts(channel, thread_ts, subject)
        for part, message in enumerate(messages[1:], 1):
            ts = parts.pop(part, None)
            if ts is None or not self._update(channel, ts, subject, message, owner, part):
                self._post(channel, thread_ts, subject, message, owner, part)
        for part, ts in parts.items():
            if part > 0:
                self._delete(channel, ts)

    def _report_files(self, channel: str, thread_ts: str, subject: str) -> list[str]:
        """Ids of the report files the bot attached to `subject` in the thread."""
        name = report_filename(subject)
        found: list[str] = []
        for message in self._thread(channel, thread_ts, with_metadata=False):
            if not message.get("bot_id"):
                continue
            found += [str(f["id"]) for f in message.get("files") or [] if f.get("name") == name]
        return found

    def _find_part(self, channel: str, thread_ts: str, subject: str, part: int) -> str | None:
        return self._parts(channel, thread_ts, subject).get(part)

    def _parts(self, channel: str, thread_ts: str, subject: str) -> dict[int, str]:
        """The bot's report messages for `subject` in the thread, by part number."""
        found: dict[int, str] = {}
        for message in self._thread(channel, thread_ts, with_metadata=True):
            payload = _report_payload(message)
            if payload is not None and payload.get("message_ts") == subject:
                found.setdefault(int(payload.get("part", 0)), str(message["ts"]))
        return found

    def _thread(self, channel: str, thread_ts: str, *, with_metadata: bool) -> list[dict[str, Any]]:
        """Every message of a thread (none if the thread is gone), page by page."""
        messages: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            try:
                response = self._client.conversations_replies(
                    channel=channel,
                    ts=thread_ts,
                    include_all_metadata=with_metadata,
                    limit=200,
                    cursor=cursor,
                )
            except SlackApiError as exc:
                if error_code(exc) in ("thread_not_found", "message_not_found"):
                    return messages
                raise
            messages += [dict(m) for m in response.get("messages") or []]
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return messages


def report_filename(subject: str) -> str:
    """The name of the report file attached to the reply to `subject`."""
    return f"copydesk-report-{subject}.txt"


def _metadata(subject: str, owner: str, part: int) -> dict[str, Any]:
    return {
        "event_type": METADATA_TYPE,
        "event_payload": {"message_ts": subject, "event_key": owner, "part": part},
    }


def _report_payload(message: dict[str, Any]) -> dict[str, Any] | None:
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") != METADATA_TYPE:
        return None
    payload = metadata.get("event_payload")
    return payload if isinstance(payload, dict) else None
