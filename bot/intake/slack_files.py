"""Download a file shared in Slack, for checking.

files.info gives the file's name, type, size and private download URL; the download needs the
bot token (https://api.slack.com/types/file#auth). The token is only ever sent to the Web API's
own host or to Slack's file hosts, and the body is read up to a size cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import FetchError, InputError
from bot.intake.fetch import human_size

_SLACK_FILE_HOSTS = ("slack.com", "slack-edge.com", "slack-files.com")


@dataclass(frozen=True, slots=True)
class SlackFile:
    """A downloaded Slack file."""

    id: str
    name: str
    mimetype: str | None
    content: bytes


class FileDownloader:
    """Reads shared files through files.info and the private download URL."""

    def __init__(
        self,
        client: WebClient,
        *,
        token: str,
        api_host: str,
        max_bytes: int = 20_000_000,
        timeout: float = 30.0,
    ) -> None:
        self._client = client
        self._token = token
        self._api_host = api_host
        self.max_bytes = max_bytes
        self._http = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False)

    def close(self) -> None:
        self._http.close()

    def download(self, file_id: str) -> SlackFile:
        """The file's bytes; `InputError` for a file too large, `FetchError` when unreadable."""
        try:
            info: dict[str, Any] = self._client.files_info(file=file_id)["file"]
        except SlackApiError as exc:
            reason = exc.response.get("error", "unknown error")
            raise FetchError(f"Slack would not describe the file ({reason})") from exc
        name = str(info.get("name") or info.get("title") or file_id)
        size = int(info.get("size") or 0)
        if size > self.max_bytes:
            raise InputError(self._too_large(name, size))
        url = str(info.get("url_private_download") or info.get("url_private") or "")
        if not url:
            raise FetchError(f"Slack gives no download link for {name!r} (is it an external file?)")
        if not self._trusted(url):
            raise FetchError(f"refused to download {name!r} from an unexpected host")
        content = self._get(url, name)
        mimetype = info.get("mimetype")
        return SlackFile(file_id, name, str(mimetype) if mimetype else None, content)

    def _get(self, url: str, name: str) -> bytes:
        headers = {"Authorization": f"Bearer {self._token}"}
        try:
            with self._http.stream("GET", url, headers=headers) as response:
                if response.status_code != 200:
                    raise FetchError(
                        f"could not download {name!r}: Slack answered {response.status_code}"
                    )
                media_type = response.headers.get("content-type", "").split(";")[0].strip()
                if media_type == "text/html" and not name.lower().endswith((".html", ".htm")):
                    # Slack answers a login page when the token lacks files:read.
                    raise FetchError(
                        f"could not download {name!r}: Slack answered a login page; the app "
                        "needs the files:read scope"
                    )
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise InputError(self._too_large(name, len(body)))
                return bytes(body)
        except httpx.HTTPError as exc:
            raise FetchError(f"could not download {name!r}: {exc}") from exc

    def _trusted(self, url: str) -> bool:
        parsed = httpx.URL(url)
        if parsed.host == self._api_host:
            return True
        slack_host = any(
            parsed.host == h or parsed.host.endswith("." + h) for h in _SLACK_FILE_HOSTS
        )
        return slack_host and parsed.scheme == "https"

    def _too_large(self, name: str, size: int) -> str:
        return (
            f"{name!r} is {human_size(size)}; Copydesk reads files up to "
            f"{human_size(self.max_bytes)}: share the article alone, or paste its text"
        )
