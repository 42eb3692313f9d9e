"""A fake Slack Web API on 127.0.0.1: a real HTTP server in a thread that records every call.

The bot talks to it through the real slack-sdk WebClient (SLACK_API_URL points here), so tests
see exactly the requests Slack would get. It keeps channels, threads, reactions and files like
Slack does, enforces the bot token, refuses blocks over Slack's limits (50 blocks, 3,000
characters per text) like Slack does, and can be told to fail a method (429 with Retry-After,
or an error such as not_in_channel). It also serves response_url posts and file downloads, and
speaks just enough WebSocket (RFC 6455) for Socket Mode: apps.connections.open hands out a ws://
URL to itself, where it says hello, answers pings (unless told not to), pushes envelopes and
records the bot's acknowledgements.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
BOT_USER = "UCOPYDESK"
BOT_ID = "BCOPYDESK"
TEAM = "T0NEWSROOM"
EDITOR = "UEDITOR1"
BASE_TS = 1753790400  # 2025-07-29 12:00 UTC


@dataclass
class Call:
    """One Web API call as the fake received it."""

    method: str
    args: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


@dataclass
class Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None


class FakeSlack:
    """The fake server; use as a context manager or call `start()` / `stop()`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.reactions: dict[tuple[str, str], set[str]] = {}
        self.files: dict[str, tuple[dict[str, Any], bytes]] = {}
        self.responses: list[dict[str, Any]] = []  # posts to response_url
        self.home_views: dict[str, dict[str, Any]] = {}  # user id -> the App Home view published
        self.uploads: dict[str, dict[str, Any]] = {}  # file id -> an upload's name and bytes
        self.downloads: list[str] = []
        self.not_in: set[str] = set()  # channels the bot is not a member of
        self.answer_pings = True  # Socket Mode: answer the client's pings with pongs
        self.socket_acks: list[dict[str, Any]] = []
        self.sockets: list[SocketSession] = []
        self._failures: dict[str, list[Failure]] = {}
        self._ts = itertools.count(1)
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def api_url(self) -> str:
        return self.url + "api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}response/{name}"

    # -- test setup ----------------------------------------------------------------------------

    def next_ts(self) -> str:
        n = next(self._ts)
        return f"{BASE_TS + n}.{n:06d}"

    def add_message(
        self,
        channel: str,
        text: str,
        *,
        user: str = EDITOR,
        thread_ts: str | None = None,
        files: list[dict[str, Any]] | None = None,
        ts: str | None = None,
    ) -> dict[str, Any]:
        """A message an editor posted (what an event will describe)."""
        message: dict[str, Any] = {
            "type": "message",
            "user": user,
            "text": text,
            "ts": ts or self.next_ts(),
            "channel": channel,
        }
        if thread_ts:
            message["thread_ts"] = thread_ts
        if files:
            message["files"] = files
            message["subtype"] = "file_share"
        with self._lock:
            self.messages.setdefault(channel, []).append(message)
        return message

    def add_file(self, name: str, content: bytes, mimetype: str, filetype: str) -> dict[str, Any]:
        file_id = f"F{len(self.files) + 1:06d}"
        info = {
            "id": file_id,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "filetype": filetype,
            "size": len(content),
            "url_private_download": f"{self.url}files/{file_id}/{name}",
        }
        self.files[file_id] = (info, content)
        return dict(info)

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls to `method` fail this way."""
        with self._lock:
            queue = self._failures.setdefault(method, [])
            queue.extend(Failure(status, error, retry_after) for _ in range(times))

    # -- inspection ----------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def bot_messages(self, channel: str, thread_ts: str | None = None) -> list[dict[str, Any]]:
        """Messages the bot has in `channel` (in `thread_ts`'s thread if given), oldest first."""
        with self._lock:
            return [
                dict(m)
                for m in self.messages.get(channel, [])
                if m.get("bot_id") == BOT_ID
                and (thread_ts is None or m.get("thread_ts") == thread_ts)
            ]

    def reactions_on(self, channel: str, ts: str) -> set[str]:
        with self._lock:
            return set(self.reactions.get((channel, ts), set()))

    def wait_for(
        self, predicate: Callable[[], Any], timeout: float = 15.0, message: str = "condition"
    ) -> Any:
        """Wait until `predicate()` is truthy (re-tested on every call the fake receives)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = predicate()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out waiting for {message}")
                self._changed.wait(min(left, 0.1))

    # -- the API -------------------------------------------------------------------------------

    def handle(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._changed:
            self.calls.append(Call(method, args))
            self._changed.notify_all()
            queue = self._failures.get(method)
            if queue:
                failure = queue.pop(0)
                headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
                error = failure.error or ("ratelimited" if failure.status == 429 else "fatal_error")
                return failure.status, {"ok": False, "error": error}, headers
            if token != (APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN):
                return 200, {"ok": False, "error": "invalid_auth"}, {}
            api = getattr(self, "_api_" + method.replace(".", "_").lower(), None)
            if api is None:
                return 200, {"ok": False, "error": "unknown_method"}, {}
            result: dict[str, Any] = api(args)
            self._changed.notify_all()
            return 200, result, {}

    def _api_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://newsroom.example/",
            "team": "Newsroom",
            "user": "copydesk",
            "team_id": TEAM,
            "user_id": BOT_USER,
            "bot_id": BOT_ID,
        }

    def _api_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        ws = self.url.replace("http://", "ws://")
        return {"ok": True, "url": f"{ws}socket?session={len(self.sockets) + 1}"}

    def _api_chat_postmessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        problem = self._refuse(channel) or _check_blocks(args.get("blocks"))
        if problem:
            return {"ok": False, "error": problem}
        message = {
            "type": "message",
            "subtype": "bot_message",
            "bot_id": BOT_ID,
            "user": BOT_USER,
            "text": args.get("text", ""),
            "blocks": args.get("blocks") or [],
            "ts": self.next_ts(),
            "channel": channel,
        }
        if args.get("thread_ts"):
            message["thread_ts"] = str(args["thread_ts"])
        if args.get("metadata"):
            message["metadata"] = args["metadata"]
        self.messages.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _api_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        problem = self._refuse(channel) or _check_blocks(args.get("blocks"))
        if problem:
            return {"ok": False, "error": problem}
        message = self._find(channel, str(args.get("ts", "")))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        if message.get("bot_id") != BOT_ID:
            return {"ok": False, "error": "cant_update_message"}
        for key in ("text", "blocks", "metadata"):
            if key in args:
                message[key] = args[key]
        message["edited"] = {"user": BOT_USER, "ts": self.next_ts()}
        return {"ok": True, "channel": channel, "ts": message["ts"], "text": message["text"]}

    def _api_chat_delete(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        message = self._find(channel, str(args.get("ts", "")))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        self.messages[channel].remove(message)
        return {"ok": True, "channel": channel, "ts": message["ts"]}

    def _api_reactions_add(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if problem := self._refuse(channel):
            return {"ok": False, "error": problem}
        key = (channel, str(args.get("timestamp", "")))
        names = self.reactions.setdefault(key, set())
        if args.get("name") in names:
            return {"ok": False, "error": "already_reacted"}
        names.add(str(args.get("name")))
        return {"ok": True}

    def _api_reactions_remove(self, args: dict[str, Any]) -> dict[str, Any]:
        key = (str(args.get("channel", "")), str(args.get("timestamp", "")))
        names = self.reactions.get(key, set())
        if args.get("name") not in names:
            return {"ok": False, "error": "no_reaction"}
        names.discard(str(args.get("name")))
        return {"ok": True}

    def _api_files_info(self, args: dict[str, Any]) -> dict[str, Any]:
        entry = self.files.get(str(args.get("file", "")))
        if entry is None:
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "file": dict(entry[0])}

    def _api_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        view = args.get("view") or {}
        if problem := _check_view(view, "modal"):
            return {"ok": False, "error": problem}
        return {"ok": True, "view": {"id": "V0001", **view}}

    def _api_views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        view = args.get("view") or {}
        if not args.get("user_id"):
            return {"ok": False, "error": "invalid_arguments"}
        if problem := _check_view(view, "home"):
            return {"ok": False, "error": problem}
        self.home_views[str(args["user_id"])] = view
        return {"ok": True, "view": {"id": "VHOME", **view}}

    def _api_files_getuploadurlexternal(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("filename") or not str(args.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"FUP{len(self.uploads) + 1:05d}"
        self.uploads[file_id] = {"name": str(args["filename"]), "content": None}
        return {"ok": True, "upload_url": f"{self.url}upload/{file_id}", "file_id": file_id}

    def _api_files_completeuploadexternal(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel_id", ""))
        if problem := self._refuse(channel):
            return {"ok": False, "error": problem}
        files = json.loads(args["files"]) if isinstance(args.get("files"), str) else args["files"]
        shared = []
        for item in files:
            upload = self.uploads.get(item["id"])
            if upload is None or upload["content"] is None:
                return {"ok": False, "error": "file_not_found"}
            shared.append({"id": item["id"], "name": upload["name"], "title": item.get("title")})
        message = {
            "type": "message",
            "subtype": "bot_message",
            "bot_id": BOT_ID,
            "user": BOT_USER,
            "text": args.get("initial_comment") or "",
            "files": shared,
            "ts": self.next_ts(),
            "channel": channel,
        }
        if args.get("thread_ts"):
            message["thread_ts"] = str(args["thread_ts"])
        self.messages.setdefault(channel, []).append(message)
        return {"ok": True, "files": shared}

    def _api_files_delete(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = str(args.get("file", ""))
        if self.uploads.pop(file_id, None) is None:
            return {"ok": False, "error": "file_not_found"}
        for messages in self.messages.values():
            for message in list(messages):
                kept = [f for f in message.get("files") or [] if f["id"] != file_id]
                if len(kept) != len(message.get("files") or []):
                    if kept:
                        message["files"] = kept
                    else:
                        messages.remove(message)
        return {"ok": True}

    def uploaded(self, file_id: str) -> bytes | None:
        return self.uploads.get(file_id, {}).get("content")

    def receive_upload(self, file_id: str, content: bytes) -> int:
        with self._changed:
            upload = self.uploads.get(file_id)
            if upload is None:
                return 404
            upload["content"] = content
            self._changed.notify_all()
            return 200

    def _api_conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if problem := self._refuse(channel):
            return {"ok": False, "error": problem}
        ts = str(args.get("ts", ""))
        anchor = self._find(channel, ts)
        if anchor is None:
            return {"ok": False, "error": "thread_not_found"}
        root = str(anchor.get("thread_ts") or anchor["ts"])
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        thread = [
            m
            for m in self.messages.get(channel, [])
            if m["ts"] == root or m.get("thread_ts") == root
        ]
        out = []
        for message in sorted(thread, key=lambda m: float(m["ts"])):
            shown = dict(message)
            if not with_metadata:
                shown.pop("metadata", None)
            out.append(shown)
        return {"ok": True, "messages": out, "has_more": False}

    def _refuse(self, channel: str) -> str | None:
        if not channel:
            return "channel_not_found"
        if channel in self.not_in:
            return "not_in_channel"
        return None

    def _find(self, channel: str, ts: str) -> dict[str, Any] | None:
        return next((m for m in self.messages.get(channel, []) if m["ts"] == ts), None)

    # -- non-API endpoints ---------------------------------------------------------------------

    def download(self, path: str, token: str | None) -> tuple[int, bytes]:
        parts = path.strip("/").split("/")
        with self._changed:
            self.downloads.append(path)
            self._changed.notify_all()
            if token != BOT_TOKEN:
                return 403, b"<html>sign in</html>"
            entry = self.files.get(parts[1]) if len(parts) > 1 else None
            return (200, entry[1]) if entry else (404, b"not found")

    # -- Socket Mode ---------------------------------------------------------------------------

    def push(self, envelope: dict[str, Any]) -> None:
        """Send an envelope to the bot over its live Socket Mode connection."""
        session = next(s for s in reversed(self.sockets) if not s.closed)
        session.send(1, json.dumps(envelope).encode())

    def connected(self) -> bool:
        return any(not s.closed for s in self.sockets)

    def serve_socket(self, conn: socket.socket) -> None:
        session = SocketSession(self, conn)
        with self._changed:
            self.sockets.append(session)
            self._changed.notify_all()
        hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0C"}}
        session.send(1, json.dumps(hello).encode())
        session.run()
        with self._changed:
            self._changed.notify_all()

    def acked(self, message: dict[str, Any]) -> None:
        with self._changed:
            self.socket_acks.append(message)
            self._changed.notify_all()

    def respond(self, name: str, body: dict[str, Any]) -> None:
        with self._changed:
            self.responses.append({"url": name, **body})
            self._changed.notify_all()


class SocketSession:
    """One WebSocket connection: unmasked frames out, masked frames in (RFC 6455 5.2)."""

    def __init__(self, fake: FakeSlack, conn: socket.socket) -> None:
        self.fake = fake
        self.conn = conn
        self.closed = False
        self._send_lock = threading.Lock()

    def send(self, opcode: int, payload: bytes) -> None:
        size = len(payload)
        if size < 126:
            header = struct.pack("!BB", 0x80 | opcode, size)
        elif size < 65536:
            header = struct.pack("!BBH", 0x80 | opcode, 126, size)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 127, size)
        with self._send_lock:
            if not self.closed:
                self.conn.sendall(header + payload)

    def close(self) -> None:
        """Drop the connection the way a dead network does: no close frame."""
        self.closed = True
        with contextlib.suppress(OSError):
            self.conn.shutdown(socket.SHUT_RDWR)

    def run(self) -> None:
        buffer = b""
        self.conn.settimeout(0.1)
        while not self.closed:
            try:
                data = self.conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not data:
                break
            buffer += data
            while (frame := _frame(buffer)) is not None:
                opcode, payload, buffer = frame
                if opcode == 9 and self.fake.answer_pings:
                    self.send(10, payload)
                elif opcode == 1:
                    self.fake.acked(json.loads(payload))
                elif opcode == 8:
                    self.closed = True
        self.closed = True


def _frame(buffer: bytes) -> tuple[int, bytes, bytes] | None:
    """(opcode, payload, rest) of the first complete client frame in `buffer`, or None."""
    if len(buffer) < 2:
        return None
    opcode, length, at = buffer[0] & 0x0F, buffer[1] & 0x7F, 2
    if length == 126:
        if len(buffer) < 4:
            return None
        (length,), at = struct.unpack("!H", buffer[2:4]), 4
    elif length == 127:
        if len(buffer) < 10:
            return None
        (length,), at = struct.unpack("!Q", buffer[2:10]), 10
    masked = buffer[1] & 0x80
    mask = buffer[at : at + 4] if masked else b"\0\0\0\0"
    at += 4 if masked else 0
    if len(buffer) < at + length:
        return None
    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(buffer[at : at + length]))
    return opcode, payload, buffer[at + length :]


def _check_blocks(blocks: Any, max_blocks: int = 50) -> str | None:
    """Slack's limits on blocks: what it answers when a message or view breaks them
    (https://api.slack.com/reference/block-kit/blocks)."""
    if blocks is None:
        return None
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if len(blocks) > max_blocks:
        return "invalid_blocks"
    total = 0
    for block in blocks:
        if len(str(block.get("block_id", ""))) > 255:
            return "invalid_blocks"
        if block.get("type") == "context" and len(block.get("elements", [])) > 10:
            return "invalid_blocks"
        if block.get("type") == "actions" and len(block.get("elements", [])) > 25:
            return "invalid_blocks"
        for text in _texts(block):
            if len(text) > 3000:
                return "invalid_blocks"
            total += len(text)
        for element in _elements(block):
            label = (element.get("text") or {}).get("text", "")
            if element.get("type") == "button" and len(label) > 75:
                return "invalid_blocks"
            if len(str(element.get("value", ""))) > 2000:
                return "invalid_blocks"
            if len(str(element.get("action_id", ""))) > 255:
                return "invalid_blocks"
    if max_blocks == 50 and total > 12_000:
        return "msg_blocks_too_long"
    return None


def _check_view(view: Any, kind: str) -> str | None:
    """A modal or App Home view as Slack checks it: its type, a title of at most 24
    characters (a modal's), at most 100 blocks."""
    if isinstance(view, str):
        view = json.loads(view)
    if view.get("type") != kind:
        return "invalid_arguments"
    if kind == "modal" and len((view.get("title") or {}).get("text", "")) > 24:
        return "invalid_arguments"
    return _check_blocks(view.get("blocks") or [], max_blocks=100)


def _elements(node: Any) -> Iterator[dict[str, Any]]:
    """Interactive elements: buttons, pickers (an accessory or in an actions block)."""
    if isinstance(node, dict):
        if "action_id" in node:
            yield node
        for value in node.values():
            yield from _elements(value)
    elif isinstance(node, list):
        for value in node:
            yield from _elements(value)


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
            yield node["text"]
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def _handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _token(self) -> str | None:
            auth = self.headers.get("Authorization", "")
            return auth[len("Bearer ") :] if auth.startswith("Bearer ") else None

        def _args(self) -> dict[str, Any]:
            query = dict(parse_qsl(urlsplit(self.path).query))
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if not raw:
                return query
            if self.headers.get("Content-Type", "").startswith("application/json"):
                return {**query, **json.loads(raw)}
            args: dict[str, Any] = {**query, **dict(parse_qsl(raw.decode()))}
            for key in ("blocks", "metadata", "view", "files"):
                if isinstance(args.get(key), str):
                    args[key] = json.loads(args[key])
            return args

        def _send(
            self, status: int, body: bytes, content_type: str, headers: dict[str, str]
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _upgrade(self) -> None:
            key = self.headers.get("Sec-WebSocket-Key", "")
            accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
            self.send_response(101, "Switching Protocols")
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.send_header("Sec-WebSocket-Accept", accept)
            self.end_headers()
            self.wfile.flush()
            fake.serve_socket(self.connection)
            self.close_connection = True

        def _dispatch(self) -> None:
            path = urlsplit(self.path).path
            if path == "/socket" and self.headers.get("Upgrade", "").lower() == "websocket":
                self._upgrade()
            elif path.startswith("/api/"):
                status, result, headers = fake.handle(path[5:], self._args(), self._token())
                self._send(status, json.dumps(result).encode(), "application/json", headers)
            elif path.startswith("/files/"):
                status, content = fake.download(path, self._token())
                self._send(status, content, "application/octet-stream", {})
            elif path.startswith("/upload/"):
                length = int(self.headers.get("Content-Length") or 0)
                status = fake.receive_upload(path[len("/upload/") :], self.rfile.read(length))
                self._send(status, b"OK" if status == 200 else b"no such upload", "text/plain", {})
            elif path.startswith("/response/"):
                fake.respond(path[len("/response/") :], self._args())
                self._send(200, b"ok", "text/plain", {})
            else:
                self._send(404, b"not found", "text/plain", {})

        do_GET = _dispatch  # noqa: N815 - http.server's naming
        do_POST = _dispatch  # noqa: N815

    return Handler
