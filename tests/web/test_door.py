"""``oivtui serve`` without a browser: the token door, the address it listens on, a port in use."""

from __future__ import annotations

import http.client
import signal
import socket
from urllib.parse import urlsplit

import pytest

from oivtui.web.door import same_token
from tests.web.served import URL, served, start


def get(base: str, path: str, cookie: str | None = None, **headers: str) -> http.client.HTTPResponse:
    where = urlsplit(base)
    connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=10)
    if cookie is not None:
        headers["Cookie"] = cookie
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    return response


WEBSOCKET = {
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
}


def test_without_the_token_no_page_no_static_file_no_websocket() -> None:
    with served() as door:
        assert get(door.base, "/").status == 401
        assert get(door.base, "/static/js/textual.js").status == 401
        assert get(door.base, "/ws", **WEBSOCKET).status == 401
        assert get(door.base, "/?token=" + "x" * len(door.token)).status == 403
        assert get(door.base, "/", cookie="oivtui_token=wrong").status == 401
        assert get(door.base, "/ws", cookie="oivtui_token=wrong", **WEBSOCKET).status == 401


def test_the_token_sets_a_cookie_and_leaves_the_address() -> None:
    with served() as door:
        first = get(door.base, f"/?token={door.token}&fontsize=18")
        assert first.status == 303
        assert first.getheader("Location") == "/?fontsize=18"  # the token is gone from the address bar
        cookie = first.getheader("Set-Cookie") or ""
        assert cookie.startswith(f"oivtui_token={door.token};")
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        page = get(door.base, "/", cookie=f"oivtui_token={door.token}")
        assert page.status == 200  # a reload: the cookie alone lets it in
        assert get(door.base, "/static/js/textual.js", cookie=f"oivtui_token={door.token}").status == 200


def test_a_websocket_from_another_site_is_refused_even_with_the_cookie() -> None:
    with served() as door:
        cookie = f"oivtui_token={door.token}"
        refused = get(door.base, "/ws", cookie=cookie, Origin="http://evil.example", **WEBSOCKET)
        assert refused.status == 403
        accepted = get(door.base, "/ws", cookie=cookie, Origin=door.base, **WEBSOCKET)
        assert accepted.status == 101


def test_each_start_makes_a_new_token_printed_on_stdout() -> None:
    with served() as first, served() as second:
        assert first.token != second.token
        assert len(first.token) >= 40
        assert first.base.startswith("http://127.0.0.1:")


def test_tokens_are_compared_whole() -> None:
    assert same_token("abc", "abc")
    assert not same_token("ab", "abc")
    assert not same_token(None, "abc")
    assert not same_token("abcd", "abc")


def test_ctrl_c_stops_the_server_with_exit_0() -> None:
    with served() as door:
        door.process.send_signal(signal.SIGINT)
        assert door.process.wait(10) == 0


def test_a_port_in_use_is_said_in_italian_with_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start("--port", str(port))
        out, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert f"la porta {port} è già in uso" in err
    assert "--port" in err
    assert "Traceback" not in err + out
    assert "token" not in out  # no address to open was printed


def test_another_host_needs_the_explicit_flag() -> None:
    process = start("--host", "0.0.0.0", "--port", "0")
    out, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert "ssh -L 8000:127.0.0.1:8000 server" in err
    assert "--esponi-in-rete" in err
    assert out == ""


def test_another_host_with_the_flag_warns_and_serves() -> None:
    process = start("--host", "0.0.0.0", "--port", "0", "--esponi-in-rete")
    try:
        assert process.stdout is not None and process.stderr is not None
        found = URL.search(process.stdout.readline())
        assert found is not None and found.group(1).startswith("http://0.0.0.0:")
        port = int(found.group(1).rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass  # listening on every address
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert "attenzione" in err and "NON è cifrata" in err and "ssh -L" in err


def test_loopback_by_default() -> None:
    with served() as door:
        assert door.base.startswith("http://127.0.0.1:")
        port = urlsplit(door.base).port
        assert port is not None
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.connect(("192.0.2.1", 9))  # no packet is sent: only the address of the way out is chosen
            own = udp.getsockname()[0]
        if own.startswith("127."):
            pytest.skip("this machine has no address besides loopback")
        with socket.socket() as probe:
            probe.settimeout(2)
            assert probe.connect_ex((own, port)) != 0, f"reachable on {own}"


def test_the_page_fetches_nothing_from_other_sites_and_cannot_be_framed() -> None:
    with served() as door:
        page = get(door.base, "/", cookie=f"oivtui_token={door.token}")
        policy = page.getheader("Content-Security-Policy") or ""
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "https:" not in policy  # the template's web font is not fetched
        assert page.getheader("X-Frame-Options") == "DENY"
        assert page.getheader("Referrer-Policy") == "no-referrer"
