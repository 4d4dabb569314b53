"""A stand-in Telegram Bot API server on 127.0.0.1 for end-to-end tests and benchmarks.

It answers the methods the bot uses and refuses what Telegram refuses: HTML it cannot parse,
text over 4096 characters (after entity parsing), callback data over 64 bytes, more than
`global_rate` messages a second overall or `chat_rate` a second per chat (429 with
retry_after); blocked users (403), unknown chats (400 "chat not found"), refused calls and
dropped connections can be injected. setWebhook is checked as Telegram checks it (https, its
ports, the secret's characters); getWebhookInfo reports it and getUpdates answers 409 while a
webhook is set. Files users send are kept under a file_id (`add_file`): getFile answers with a
file_path (400 "file is too big" over 20 MB, as the cloud Bot API) and GET
/file/bot<token>/<file_path> serves the bytes; `downloads` lists what was fetched.
Stdlib only; one thread per request.
"""

from __future__ import annotations

import itertools
import json
import re
import socket
import struct
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import ThreadingHTTPServer
from typing import Any

from tests.fake_request import BOT_USER, visible_text
from tests.http_stub import QuietHandler

TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"
MAX_DOWNLOAD = 20 * 1024 * 1024  # the cloud Bot API serves bots files up to 20 MB
SENDING = {"sendMessage", "sendDocument", "editMessageText"}


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)


class _Bucket:
    """Token bucket: `rate` per second, at most `burst` at once."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.burst = rate, burst
        self.tokens, self.at = burst, time.monotonic()

    def take(self) -> float:
        """0 when allowed, else seconds until a token is there."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


def _user(user_id: int, language_code: str) -> dict[str, Any]:
    """The Telegram User object of a member writing to the bot."""
    return {"id": user_id, "is_bot": False, "first_name": "Erika", "language_code": language_code}


class _Server(ThreadingHTTPServer):
    # The socket's listen backlog: the default of 5 resets connections when a burst of
    # members (or a broadcast) opens many at once, which Telegram's servers never do.
    request_queue_size = 256


class FakeBotAPI:
    """The stand-in server; use as a context manager or start()/stop()."""

    def __init__(
        self,
        token: str = TOKEN,
        *,
        global_rate: float = 30.0,
        chat_rate: float = 1.0,
        chat_burst: int = 3,
        group_per_minute: int = 20,
    ) -> None:
        self.token = token
        self.global_rate, self.chat_rate, self.chat_burst = global_rate, chat_rate, chat_burst
        self.group_per_minute = group_per_minute
        self.lock = threading.Lock()
        self.updates: list[dict[str, Any]] = []
        self.calls: list[Call] = []
        self.messages: dict[int, list[dict[str, Any]]] = {}
        self.blocked: set[int] = set()
        self.forgotten: set[int] = set()
        self.faults: dict[str, list[tuple[int, int]]] = {}
        self.resets: dict[str, int] = {}
        self.global_bucket = _Bucket(global_rate, global_rate)
        self.chat_buckets: dict[int, _Bucket] = {}
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1)
        self.query_ids = itertools.count(1)
        self.open_queries: set[str] = set()
        self.commands: dict[str, Any] = {}
        self.profile: dict[tuple[str, str], str] = {}  # (field, language_code) -> text
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, content)
        self.downloads: list[str] = []  # file paths fetched from /file/bot<token>/...
        self.file_ids = itertools.count(1)
        self.new_updates = threading.Condition(self.lock)
        # setWebhook's state as getWebhookInfo reports it; while a URL is set, getUpdates is
        # refused with 409 as Telegram does.
        self.webhook: dict[str, Any] = {}
        self.webhook_error: str | None = None  # a last_error_message to report
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """Base URL for PTB (the token is appended)."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def start(self) -> None:
        """Serve in a background thread."""
        self.thread.start()

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> FakeBotAPI:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- feeding the bot ------------------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its id."""
        with self.new_updates:
            update_id = update.get("update_id") or next(self.update_ids)
            self.updates.append({**update, "update_id": update_id})
            self.new_updates.notify_all()
            return update_id

    def user_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        language_code: str = "de",
        chat_type: str = "private",
    ) -> int:
        """A text message from a user."""
        return self.push_update(
            self.message_update(
                chat_id, text, user_id=user_id, language_code=language_code, chat_type=chat_type
            )
        )

    def message_update(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        language_code: str = "de",
        chat_type: str = "private",
    ) -> dict[str, Any]:
        """The update of a text message from a user (not queued: for in-process tests)."""
        user = _user(user_id or chat_id, language_code)
        message: dict[str, Any] = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type},
            "from": user,
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return {"update_id": next(self.update_ids), "message": message}

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        language_code: str = "de",
        chat_type: str = "private",
    ) -> int:
        """A callback query from a button under a message the bot sent."""
        return self.push_update(
            self.button_update(
                chat_id,
                message_id,
                data,
                user_id=user_id,
                language_code=language_code,
                chat_type=chat_type,
            )
        )

    def button_update(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        language_code: str = "de",
        chat_type: str = "private",
    ) -> dict[str, Any]:
        """The update of a pressed button (not queued: for in-process tests); the query can be
        answered once, as with Telegram."""
        query_id = str(next(self.query_ids))
        with self.lock:
            self.open_queries.add(query_id)
        user = _user(user_id or chat_id, language_code)
        return {
            "update_id": next(self.update_ids),
            "callback_query": {
                "id": query_id,
                "from": user,
                "chat_instance": "ci",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": chat_type},
                    "from": BOT_USER,
                    "text": "…",
                },
            },
        }

    def add_file(
        self, content: bytes, file_name: str | None, mime_type: str | None = None
    ) -> dict[str, Any]:
        """Keep a file a user sends; returns its Telegram Document object."""
        n = next(self.file_ids)
        file_id = f"file-{n}"
        suffix = file_name.rsplit(".", 1)[-1] if file_name and "." in file_name else "bin"
        with self.lock:
            self.files[file_id] = (f"documents/file_{n}.{suffix}", content)
        document: dict[str, Any] = {
            "file_id": file_id,
            "file_unique_id": f"u{n}",
            "file_size": len(content),
        }
        if file_name is not None:
            document["file_name"] = file_name
        if mime_type is not None:
            document["mime_type"] = mime_type
        return document

    def document_update(
        self,
        chat_id: int,
        document: dict[str, Any],
        *,
        caption: str | None = None,
        user_id: int | None = None,
        language_code: str = "de",
        chat_type: str = "private",
    ) -> dict[str, Any]:
        """The update of a message with a file (not queued: for in-process tests)."""
        message: dict[str, Any] = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type},
            "from": _user(user_id or chat_id, language_code),
            "document": document,
        }
        if caption is not None:
            message["caption"] = caption
        return {"update_id": next(self.update_ids), "message": message}

    # -- what the bot did -----------------------------------------------------------------

    def snapshot(self) -> list[Call]:
        """Every request so far (a copy)."""
        with self.lock:
            return list(self.calls)

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Messages and documents accepted, per chat or all, in order."""
        with self.lock:
            if chat_id is not None:
                return list(self.messages.get(chat_id, []))
            return [m for msgs in self.messages.values() for m in msgs]

    def wait_for(self, predicate: Callable[[FakeBotAPI], bool], timeout: float = 10.0) -> bool:
        """Poll until the predicate holds (True) or the timeout passes (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return True
            time.sleep(0.01)
        return predicate(self)

    # -- faults ---------------------------------------------------------------------------

    def block(self, chat_id: int) -> None:
        """The user blocked the bot: 403."""
        with self.lock:
            self.blocked.add(chat_id)

    def forget_chat(self, chat_id: int) -> None:
        """The chat is unknown: 400 chat not found."""
        with self.lock:
            self.forgotten.add(chat_id)

    def fail_next(
        self, method: str, status: int = 429, *, retry_after: int = 1, count: int = 1
    ) -> None:
        """The next `count` calls of `method` fail with `status`."""
        with self.lock:
            self.faults.setdefault(method, []).extend([(status, retry_after)] * count)

    def reset_next(self, method: str, *, count: int = 1) -> None:
        """The next `count` calls of `method` get no answer: the connection is reset, as a
        dropped connection does (the bot sees httpx.ReadError). Nothing is delivered."""
        with self.lock:
            self.resets[method] = self.resets.get(method, 0) + count

    def _take_reset(self, method: str) -> bool:
        with self.lock:
            if self.resets.get(method, 0) <= 0:
                return False
            self.resets[method] -= 1
            self.calls.append(Call(method, {}, time.monotonic(), 0, {}))
            return True

    # -- HTTP -----------------------------------------------------------------------------

    def _handler(self) -> type[QuietHandler]:
        api = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                self._serve()

            def do_GET(self) -> None:
                self._serve()

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = urllib.parse.urlparse(self.path).path
                if path.startswith("/file/bot"):  # PTB quotes the path (the token's ":")
                    self._serve_file(urllib.parse.unquote(path[len("/file/bot") :]))
                    return
                prefix = "/bot"
                status, payload = 404, {"ok": False, "error_code": 404, "description": "Not Found"}
                if path.startswith(prefix):
                    token, _, method = path[len(prefix) :].partition("/")
                    params = api._params(self.headers.get("Content-Type", ""), body)
                    if token == api.token and api._take_reset(method):
                        # RST instead of an answer: the client's read fails at once.
                        self.connection.setsockopt(
                            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                        )
                        self.connection.close()
                        self.close_connection = True
                        return
                    if token != api.token:
                        status, payload = (
                            401,
                            {"ok": False, "error_code": 401, "description": "Unauthorized"},
                        )
                    else:
                        status, payload = api._call(method, params)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the bot was killed mid-request: normal here

            def _serve_file(self, rest: str) -> None:
                token, _, file_path = rest.partition("/")
                content = api._file_content(token, file_path)
                status = 200 if content is not None else 404
                data = content if content is not None else b"Not Found"
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        return Handler

    def _file_content(self, token: str, file_path: str) -> bytes | None:
        """A kept file by its path (as getFile gave it), for the right token only."""
        with self.lock:
            if token != self.token:
                return None
            for path, content in self.files.values():
                if path == file_path and len(content) <= MAX_DOWNLOAD:
                    self.downloads.append(file_path)
                    return content
            return None

    @staticmethod
    def _params(content_type: str, body: bytes) -> dict[str, Any]:
        if content_type.startswith("multipart/form-data"):
            msg = BytesParser(policy=HTTP).parsebytes(
                b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
            )
            out: dict[str, Any] = {}
            for part in msg.iter_parts():
                name = part.get_param("name", header="content-disposition")
                filename = part.get_filename()
                content = part.get_payload(decode=True) or b""
                if filename:
                    out[str(name)] = {
                        "filename": filename,
                        "size": len(content),
                        "content": content,
                    }
                else:
                    out[str(name)] = content.decode("utf-8", errors="replace")
            return out
        if content_type.startswith("application/json"):
            loaded = json.loads(body or b"{}")
            return loaded if isinstance(loaded, dict) else {}
        return {
            k: v[0] for k, v in urllib.parse.parse_qs(body.decode(), keep_blank_values=True).items()
        }

    def _error(
        self, status: int, description: str, retry_after: int | None = None
    ) -> tuple[int, dict[str, Any]]:
        payload: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            payload["parameters"] = {"retry_after": retry_after}
        return status, payload

    def _call(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates":
            with self.lock:
                webhook = bool(self.webhook)
                if webhook:
                    self.calls.append(Call("getUpdates", params, time.monotonic(), 409, {}))
            if webhook:
                return self._error(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            return 200, {"ok": True, "result": self._get_updates(params)}
        with self.lock:
            status, payload = self._respond(method, params)
            self.calls.append(Call(method, params, time.monotonic(), status, payload))
        return status, payload

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        with self.new_updates:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            if not self.updates and timeout:
                self.new_updates.wait(timeout)
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            result = self.updates[: int(params.get("limit") or 100)]
            self.calls.append(Call("getUpdates", params, time.monotonic(), 200, {}))
            return result

    def _respond(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        faults = self.faults.get(method)
        if faults:
            status, retry = faults.pop(0)
            if status == 429:
                return self._error(429, f"Too Many Requests: retry after {retry}", retry)
            return self._error(status, "Bad Request: injected" if status == 400 else "Injected")
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method == "getFile":
            found = self.files.get(str(params.get("file_id")))
            if found is None:
                return self._error(400, "Bad Request: invalid file_id")
            file_path, content = found
            if len(content) > MAX_DOWNLOAD:
                return self._error(400, "Bad Request: file is too big")
            file_id = str(params.get("file_id"))
            return 200, {
                "ok": True,
                "result": {
                    "file_id": file_id,
                    "file_unique_id": "u" + file_id,
                    "file_size": len(content),
                    "file_path": file_path,
                },
            }
        if method == "setWebhook":
            return self._set_webhook(params)
        if method == "deleteWebhook":
            self.webhook = {}
            return 200, {"ok": True, "result": True}
        if method in (
            "sendChatAction",
            "deleteMessage",
            "close",
            "logOut",
        ):
            return 200, {"ok": True, "result": True}
        if method == "getWebhookInfo":
            info: dict[str, Any] = {
                "url": self.webhook.get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": len(self.updates),
            }
            if self.webhook.get("allowed_updates") is not None:
                info["allowed_updates"] = self.webhook["allowed_updates"]
            if self.webhook and self.webhook_error:
                info["last_error_date"] = int(time.time())
                info["last_error_message"] = self.webhook_error
            return 200, {"ok": True, "result": info}
        if method in ("setMyCommands", "deleteMyCommands"):
            key = str(params.get("language_code") or "")
            commands = params.get("commands", "[]")
            loaded = json.loads(commands) if isinstance(commands, str) else commands
            for c in loaded or []:
                if not (
                    1 <= len(c.get("command", "")) <= 32
                    and c["command"].replace("_", "").isalnum()
                    and c["command"].islower()
                ):
                    return self._error(400, "Bad Request: BOT_COMMAND_INVALID")
            self.commands[key] = loaded
            return 200, {"ok": True, "result": True}
        if method in ("setMyDescription", "setMyShortDescription"):
            # Telegram: description 0..512 characters, short description 0..120, per language
            field = "description" if method == "setMyDescription" else "short_description"
            limit = 512 if method == "setMyDescription" else 120
            text = str(params.get(field) or "")
            if len(text) > limit:
                return self._error(400, f"Bad Request: {field} is too long")
            self.profile[(field, str(params.get("language_code") or ""))] = text
            return 200, {"ok": True, "result": True}
        if method == "answerCallbackQuery":
            query_id = str(params.get("callback_query_id"))
            if query_id not in self.open_queries:
                return self._error(
                    400,
                    "Bad Request: query is too old and response timeout "
                    "expired or query ID is invalid",
                )
            self.open_queries.discard(query_id)
            if len(str(params.get("text") or "")) > 200:
                return self._error(400, "Bad Request: MESSAGE_TOO_LONG")
            return 200, {"ok": True, "result": True}
        if method in SENDING:
            return self._send(method, params)
        return self._error(404, "Not Found: method not found")

    def _set_webhook(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """As strict as Telegram: an https URL on port 443, 80, 88 or 8443, a secret_token of
        1..256 characters A-Z a-z 0-9 _ -. The stand-in never calls the URL (it stands for the
        public address of a reverse proxy); tests POST updates to the bot's local port. An
        empty URL removes the webhook, as with Telegram."""
        url = str(params.get("url") or "")
        if not url:
            self.webhook = {}
            return 200, {"ok": True, "result": True, "description": "Webhook was deleted"}
        parts = urllib.parse.urlsplit(url)
        try:
            port = parts.port or 443
        except ValueError:
            port = 0
        if parts.scheme != "https" or not parts.hostname:
            return self._error(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        if port not in (443, 80, 88, 8443):
            return self._error(
                400,
                "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443",
            )
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            return self._error(400, "Bad Request: secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        if isinstance(allowed, str):
            allowed = json.loads(allowed)
        self.webhook = {"url": url, "secret_token": secret, "allowed_updates": allowed}
        return 200, {"ok": True, "result": True, "description": "Webhook was set"}

    def _send(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        try:
            chat_id = int(params["chat_id"])
        except (KeyError, ValueError):
            return self._error(400, "Bad Request: chat_id is empty")
        if chat_id in self.blocked:
            return self._error(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.forgotten:
            return self._error(400, "Bad Request: chat not found")
        wait = self.global_bucket.take()
        if not wait:
            bucket = self.chat_buckets.setdefault(
                chat_id,
                _Bucket(self.group_per_minute / 60, 3)
                if chat_id < 0
                else _Bucket(self.chat_rate, self.chat_burst),
            )
            wait = bucket.take()
            if wait:
                self.global_bucket.tokens += 1  # the refused message did not count overall
        if wait:
            retry = max(1, int(wait + 0.999))
            return self._error(429, f"Too Many Requests: retry after {retry}", retry)
        key = "caption" if method == "sendDocument" else "text"
        raw = str(params.get(key) or "")
        try:
            visible = visible_text(raw) if params.get("parse_mode") == "HTML" else raw
        except ValueError as exc:
            return self._error(400, f"Bad Request: can't parse entities: {exc}")
        limit = 1024 if method == "sendDocument" else 4096
        if method != "sendDocument" and not visible.strip():
            return self._error(400, "Bad Request: message text is empty")
        if len(visible) > limit:
            return self._error(400, "Bad Request: message is too long")
        markup = params.get("reply_markup")
        if markup:
            data = json.loads(markup) if isinstance(markup, str) else markup
            for row in data.get("inline_keyboard", []):
                for button in row:
                    cb = button.get("callback_data")
                    if cb is not None and not 1 <= len(cb.encode()) <= 64:
                        return self._error(400, "Bad Request: BUTTON_DATA_INVALID")
                    url = button.get("url")
                    if (cb is None) == (url is None):  # exactly one kind of button
                        return self._error(400, "Bad Request: BUTTON_TYPE_INVALID")
                    if url is not None and not re.match(r"(https?|tg)://\S+$", str(url)):
                        return self._error(400, "Bad Request: BUTTON_URL_INVALID")
        else:
            data = None
        message: dict[str, Any] = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
        }
        if method == "sendDocument":
            document = params.get("document")
            message["document"] = {
                "file_id": "f",
                "file_unique_id": "u",
                "file_name": document.get("filename") if isinstance(document, dict) else None,
            }
            message["caption"] = visible
        else:
            message["text"] = visible
        if data:
            message["reply_markup"] = data
        self.messages.setdefault(chat_id, []).append(message)
        return 200, {"ok": True, "result": message}
