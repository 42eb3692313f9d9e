"""The Slack Web API client the bot uses, and how it tells a lasting error from a passing one.

Rate limits (HTTP 429 with Retry-After), dropped connections and Slack's 5xx are retried by
slack-sdk's own retry handlers. Errors that another try cannot fix (`not_in_channel`,
`channel_not_found`, `is_archived`...) are logged with their reason and the job ends; anything
else makes the worker retry the job a bounded number of times (a transient
Slack error must not lose a reply, a permanent one must not loop).
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.ops.metrics import Metrics
from bot.ops.slack_retries import counted_retry_handlers
from bot.slack.settings import Settings

# Errors that mean "this will not work however often you try": give up on the job, log why.
LASTING_ERRORS = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "channel_is_archived",
        "message_not_found",
        "thread_not_found",
        "cant_update_message",
        "cant_delete_message",
        "edit_window_closed",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel",
        "not_allowed_token_type",
        "missing_scope",
        "no_permission",
        "ekm_access_denied",
        "team_access_not_granted",
        "file_not_found",
        "file_deleted",
        "user_not_found",
        "invalid_blocks",
        "invalid_metadata_format",
        "msg_too_long",
        "msg_blocks_too_long",
        "too_many_attachments",
        "account_inactive",
        "invalid_auth",
        "token_revoked",
        "expired_trigger_id",
        "invalid_trigger_id",
    }
)
# Reaction errors that mean the reaction is already as wanted.
HARMLESS_REACTION_ERRORS = frozenset({"already_reacted", "no_reaction", "message_not_found"})


def web_client(settings: Settings, metrics: Metrics, *, timeout: int = 30) -> WebClient:
    """A WebClient for the configured API URL, retrying rate limits (after Retry-After),
    connection resets and 5xx with slack-sdk's handlers, each retry counted in `metrics`."""
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        timeout=timeout,
        retry_handlers=counted_retry_handlers(metrics),
    )


def api_method(exc: SlackApiError) -> str:
    """The Web API method a failed call was for ("chat.postMessage")."""
    url = str(getattr(exc.response, "api_url", "") or "")
    return url.rstrip("/").rsplit("/", 1)[-1] or "unknown"


def error_code(exc: SlackApiError) -> str:
    """Slack's error code (`not_in_channel`...), or the HTTP status when there is none."""
    response = exc.response
    code = response.get("error") if isinstance(response.data, dict) else None
    return str(code or f"http_{response.status_code}")


def is_lasting(exc: SlackApiError) -> bool:
    """True when retrying the same call cannot succeed."""
    return error_code(exc) in LASTING_ERRORS
