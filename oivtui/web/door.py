"""The web server of ``oivtui serve``: textual-serve's own handlers, behind a token.

textual-serve has no authentication (its pull request for a password, #41, is still open). This
module adds one as a middleware on the aiohttp application that serves textual-serve's page,
static files, downloads and websocket:

- a secret token is made at each start and goes in the URL printed on standard output;
- a request with neither that token nor the cookie it sets gets 401 (403 for a wrong one), and no
  page, no static file, no websocket; tokens are compared in constant time;
- the first request with the right token gets the cookie (HttpOnly, SameSite=Strict) and is sent
  to the same address without the token, so that a reload works and the token leaves the
  address bar and the history;
- a websocket opened from a page of another site (its Origin is not this server) is refused;
- the page fetches nothing from other sites and cannot be framed (``PAGE_HEADERS``).

Each websocket runs one ``python -m oivtui.web.tab`` through textual-serve's ``AppService``.
On the way out (Ctrl+C, SIGTERM) every tab is told to quit, which saves its session, and is
waited for before the server ends.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware
from textual_serve.app_service import AppService
from textual_serve.server import Server

COOKIE = "oivtui_token"
TAB_COMMAND = "exec " + shlex.join([sys.executable, "-m", "oivtui.web.tab"])
#: How long the server waits, on the way out, for the tabs to save and quit.
QUIT_WAIT = 10.0

#: The page loads nothing from elsewhere (textual-serve's template asks a web font of a font
#: service: not fetched, the browser's monospace is used) and cannot be framed by another site.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(given: str | None, token: str) -> bool:
    """Constant time: how much of a guessed token is right cannot be timed."""
    return given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def token_door(token: str) -> Middleware:
    """The aiohttp middleware that lets in only the requests that carry ``token`` (URL or cookie)."""

    @web.middleware
    async def door(request: web.Request, handler: Handler) -> web.StreamResponse:
        given = request.query.get("token")
        if given is not None:
            if not same_token(given, token):
                raise web.HTTPForbidden(text="oivtui serve: token sbagliato.\n")
            # Right token in the address: the cookie, and the same address without the token.
            query = request.url.query.copy()
            del query["token"]
            redirect = web.HTTPSeeOther(request.url.relative().with_query(query))
            redirect.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
            raise redirect
        if not same_token(request.cookies.get(COOKIE), token):
            raise web.HTTPUnauthorized(
                text="oivtui serve: serve l'indirizzo con il token che oivtui serve ha stampato all'avvio.\n"
            )
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            raise web.HTTPForbidden(text="oivtui serve: richiesta da un altro sito.\n")
        response = await handler(request)
        if not response.prepared:  # a websocket's headers are sent already
            response.headers.update(PAGE_HEADERS)
        return response

    return door


class Door(Server):
    """textual-serve's ``Server`` with the token, our own start and stop, and the tabs tracked."""

    def __init__(self, host: str, port: int, token: str) -> None:
        super().__init__(TAB_COMMAND, host=host, port=port, title="oivtui")
        self.token = token
        self.services: set[AppService] = set()
        self.bound_port = port

    def make_app(self) -> web.Application:
        """textual-serve's routes and templates, behind the token middleware."""
        import aiohttp_jinja2
        import jinja2

        app = web.Application(middlewares=[token_door(self.token)])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        # The page's websocket and static addresses on the host the browser used (127.0.0.1 or
        # localhost, or a tunnel's port): the cookie is sent only to that same host.
        self.public_url = str(request.url.origin())
        return await super().handle_index(request)  # type: ignore[no-any-return,misc]  # the template's Response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with the tab's ``AppService`` known to the server until it ends."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _number(request.query.get("width"), 80)
        height = _number(request.query.get("height"), 24)
        await websocket.prepare(request)

        async def close() -> None:
            await websocket.close()

        service = AppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
        )
        self.services.add(service)
        try:
            await service.start(width, height)
            await self._process_messages(websocket, service)  # textual-serve's own loop (pinned ~=1.1)
        except asyncio.CancelledError:
            pass
        finally:
            # The tab closed (or the server is stopping): the process saves and quits, and is waited for.
            await asyncio.shield(self._stop(service))
            if not websocket.closed:
                await websocket.close()
        return websocket

    async def _stop(self, service: AppService) -> None:
        try:
            await service.stop()
        finally:
            self.services.discard(service)

    async def on_shutdown(self, app: web.Application) -> None:
        """Every tab told to quit (each saves its session), and waited for."""
        if self.services:
            stops = [self._stop(service) for service in list(self.services)]
            await asyncio.wait_for(asyncio.gather(*stops, return_exceptions=True), QUIT_WAIT)

    async def run(self, started: Callable[[Door], None]) -> None:
        """Listen (an ``OSError`` if the port is taken), call ``started``, serve until SIGINT or SIGTERM."""
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, stop.set)
        # No access log: the first request's address holds the token.
        runner = web.AppRunner(self.make_app(), handle_signals=False, access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            self.bound_port = runner.addresses[0][1]
            started(self)
            await stop.wait()
        finally:
            await runner.cleanup()


def quiet_logging() -> None:
    """textual-serve logs a tab's failure to start: that, and nothing chattier, on standard error."""
    logging.basicConfig(level=logging.WARNING, format="oivtui serve: %(message)s")


def _number(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
