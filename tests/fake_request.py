"""An in-process stand-in for PTB's HTTP layer: records every Bot API call, answers like
Telegram, and refuses what Telegram refuses (bad HTML, over-long text, long callback data)."""

from __future__ import annotations

import itertools
import json
import re
import time
from html.parser import HTMLParser
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "Gremienbot", "username": "gremien_test_bot"}
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "blockquote", "tg-spoiler", "span", "tg-emoji",
}  # fmt: skip


class _TelegramHTML(HTMLParser):
    """Telegram's HTML subset: known tags only, properly nested; returns the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise ValueError(f'Unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise ValueError(f'Unexpected end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.visible.append(data)


def visible_text(text: str) -> str:
    """The text Telegram shows for an HTML message, or ValueError like "can't parse entities"."""
    if re.search(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", text):
        raise ValueError("Can't find end of the entity")
    if re.search(r"<(?![a-zA-Z/])", text):
        raise ValueError("Unsupported start tag")
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise ValueError(f'Can\'t find end tag corresponding to start tag "{parser.stack[-1]}"')
    return "".join(parser.visible)


class RecordingRequest(BaseRequest):
    """BaseRequest that answers in process; `calls` holds (method, params) of every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._ids = itertools.count(1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    @property
    def read_timeout(self) -> float | None:
        """No real network: no timeout."""
        return None

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """Parameters of every call of `method`, in order."""
        return [params for m, params in self.calls if m == method]

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one Bot API call like Telegram would."""
        api_method = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        if request_data and request_data.contains_files:
            params["_files"] = {
                name: (f[0], len(f[1])) if isinstance(f, tuple) else f
                for name, f in request_data.multipart_data.items()
            }
        self.calls.append((api_method, params))
        try:
            result = self._result(api_method, params)
        except ValueError as exc:
            body = {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}
            return 400, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
            **extra,
        }
        if "reply_markup" in params:
            markup = params["reply_markup"]
            message["reply_markup"] = json.loads(markup) if isinstance(markup, str) else markup
        return message

    def _check_markup(self, params: dict[str, Any]) -> None:
        markup = params.get("reply_markup")
        if markup is None:
            return
        data = json.loads(markup) if isinstance(markup, str) else markup
        for row in data.get("inline_keyboard", []):
            for button in row:
                cb = button.get("callback_data")
                if cb is not None and not 1 <= len(cb.encode()) <= 64:
                    raise ValueError("BUTTON_DATA_INVALID")

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "editMessageText"):
            text = str(params.get("text", ""))
            visible = visible_text(text) if params.get("parse_mode") == "HTML" else text
            if not visible.strip():
                raise ValueError("message text is empty")
            if len(visible) > 4096:
                raise ValueError("message is too long")
            self._check_markup(params)
            return self._message(params, text=visible)
        if method == "sendDocument":
            caption = str(params.get("caption", ""))
            if len(visible_text(caption) if params.get("parse_mode") == "HTML" else caption) > 1024:
                raise ValueError("message caption is too long")
            return self._message(params, document={"file_id": "f1", "file_unique_id": "u1"})
        if method == "answerCallbackQuery":
            if len(str(params.get("text", ""))) > 200:
                raise ValueError("MESSAGE_TOO_LONG")
            return True
        if method in ("setMyCommands", "deleteWebhook", "sendChatAction", "deleteMessage"):
            return True
        if method == "getUpdates":
            return []
        raise ValueError(f"method {method} not supported by the fake")
