"""A real HTTP server on 127.0.0.1 for tests: routes, canned replies, a request log, fake
translation servers (LibreTranslate, an OpenAI-compatible chat server)."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One canned response; `length=False` sends no Content-Length (body ends at close)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    length: bool = True
    drip: float = 0.0  # seconds between two 100-byte pieces of the body: a slow server


Route = Reply | Callable[[], Reply]


@dataclass
class Asked:
    """A request as an API route sees it."""

    method: str
    headers: Message
    body: bytes

    def json(self) -> Any:
        """The request's JSON body."""
        return json.loads(self.body)


Api = Callable[[Asked], Reply]


class _Server6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


class Site:
    """A local web site; `requests` lists every path asked, in order, `received` their headers."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.agents: list[str] = []
        self.received: list[Message] = []
        self.posted: list[tuple[str, str, bytes]] = []  # (path, Content-Type, body) of POSTs
        self.apis: dict[str, Api] = {}  # paths answered from the request (translation servers)
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                site.posted.append((self.path, self.headers.get("Content-Type", ""), body))
                self.body = body
                self.do_GET()

            def do_GET(self) -> None:
                site.requests.append(self.path)
                site.agents.append(self.headers.get("User-Agent", ""))
                site.received.append(self.headers)
                route = site.routes.get(self.path, Reply(b"not found", 404))
                if self.path in site.apis:  # an API answers from what it was sent
                    asked = Asked(self.command, self.headers, getattr(self, "body", b""))
                    reply = site.apis[self.path](asked)
                else:
                    reply = route() if callable(route) else route
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.length:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    # the client may stop reading at its limit
                    step = 100 if reply.drip else max(1, len(reply.body))
                    for start in range(0, len(reply.body), step):
                        self.wfile.write(reply.body[start : start + step])
                        self.wfile.flush()
                        time.sleep(reply.drip)

            def log_message(self, *args: object) -> None:  # keep the test output clean
                pass

        server = _Server6 if ":" in host else ThreadingHTTPServer
        self.server = server((host, 0), Handler)
        self.host = f"[{host}]" if ":" in host else host
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def root(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://{self.host}:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        """The absolute URL of a path on this site."""
        return self.root + path

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextlib.contextmanager
def raw_server(answer: Callable[[socket.socket, bytes], None]) -> Iterator[str]:
    """A TCP server on 127.0.0.1 that reads a request and lets `answer(conn, request)` write
    anything back (a malformed or dripping answer no HTTP server library would send); its root."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn, contextlib.suppress(OSError):
                answer(conn, conn.recv(65536))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def closed_url(path: str = "/") -> str:
    """A URL on 127.0.0.1 where nothing listens: the connection is refused at once."""
    closed = Site()
    port = closed.server.server_address[1]
    closed.server.server_close()
    return f"http://127.0.0.1:{port}{path}"


def argos_index(site: Site, package: bytes, name: str = "translate-zh_en-1_9.argosmodel") -> str:
    """Serve an Argos package index (in /index/) listing one zh→en package; its folder URL."""
    link = site.url(f"/{name}")
    index = [
        {"from_code": "en", "to_code": "zh", "package_version": "1.9", "links": [site.url("/x")]},
        {"from_code": "zh", "to_code": "en", "package_version": "1.7", "links": [site.url("/x")]},
        {"from_code": "zh", "to_code": "en", "package_version": "1.9", "links": [link]},
    ]
    site.routes["/index/index.json"] = Reply(
        json.dumps(index).encode(), headers={"Content-Type": "application/json"}
    )
    site.routes[f"/{name}"] = Reply(package, headers={"Content-Type": "application/zip"})
    return site.url("/index/")


def page(title: str, *paragraphs: str, head: str = "") -> bytes:
    """A Chinese article page, UTF-8."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
        f"{head}</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def rss(*items: tuple[str, str]) -> Reply:
    """An RSS 2.0 feed of (link, pubDate) items."""
    entries = "".join(
        f"<item><title>t</title><link>{u}</link><pubDate>{d}</pubDate></item>" for u, d in items
    )
    xml = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>新闻</title><link>/</link>{entries}</channel></rss>'
    return Reply(xml.encode(), headers={"Content-Type": "application/rss+xml"})


def atom(*items: tuple[str, str]) -> Reply:
    """An Atom feed of (link, updated) entries."""
    entries = "".join(
        f'<entry><title>t</title><link rel="alternate" href="{u}"/><updated>{d}</updated></entry>'
        for u, d in items
    )
    xml = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>新闻</title><link rel="self" href="/atom.xml"/>{entries}</feed>'
    return Reply(xml.encode(), headers={"Content-Type": "application/atom+xml"})


def sitemap(*urls: str) -> Reply:
    """A sitemap.xml listing these URLs."""
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    return Reply(xml.encode(), headers={"Content-Type": "application/xml"})


def gzip_bomb(size: int) -> Reply:
    """A small gzip body that expands to `size` bytes, sent as Content-Encoding: gzip."""
    return Reply(
        gzip.compress(b"<html>" + b" " * size, compresslevel=9),
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )


def flaky(fails: int, then: Reply) -> Callable[[], Reply]:
    """A route that answers 500 `fails` times, then `then`."""
    count = [0]

    def route() -> Reply:
        count[0] += 1
        return Reply(b"busy", 500) if count[0] <= fails else then

    return route


ARTICLES = {
    "/news/2026/library.html": (
        "城市图书馆推出夜间开放服务",
        "本市中心图书馆宣布，自下月起每周五和周六开放至晚上十点。",
        "馆长李明表示，延长开放时间是读者呼声最高的建议。",
    ),
    "/news/flaky.html": (
        "地铁三号线今日开通运营",
        "地铁三号线全长二十八公里，共设二十二座车站。",
        "市民乘坐新线路从城东到城西只需四十分钟。",
    ),
    "/news/tech.html": (
        "本地企业发布新型电动汽车",
        "这款电动汽车一次充电可行驶六百公里，售价约二十万元。",
        "公司负责人表示，新车将于今年夏天开始交付。",
    ),
    "/news/sport.html": (
        "市足球队赢得联赛冠军",
        "市足球队在决赛中以二比一战胜对手，首次获得联赛冠军。",
        "数万名球迷在体育场外庆祝球队的胜利。",
    ),
    "/news/culture.html": (
        "博物馆举办古代陶瓷展览",
        "展览展出两百多件古代陶瓷，其中不少是首次公开展出。",
        "展览将持续到年底，市民可以免费参观。",
    ),
}


def news_site(site: Site, *, page_limit: int) -> dict[str, str]:
    """Routes for every case a fetch meets; returns the allowed article paths → their titles."""
    url = site.url
    for path, (title, *paragraphs) in ARTICLES.items():
        site.routes[path] = Reply(page(title, *paragraphs))
    culture = ARTICLES["/news/culture.html"]
    dated = '<meta property="article:published_time" content="2026-03-01T08:00:00+08:00">'
    site.routes["/news/culture.html"] = Reply(page(*culture[:1], *culture[1:], head=dated))
    site.routes["/news/flaky.html"] = flaky(1, Reply(page(*ARTICLES["/news/flaky.html"])))
    site.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /private/\n", headers={})
    site.routes["/private/secret.html"] = Reply(
        page("内部消息", "这一页不允许抓取，机器人规则禁止访问。")
    )
    site.routes["/loop/a"] = Reply(status=302, headers={"Location": "/loop/b"})
    site.routes["/loop/b"] = Reply(status=302, headers={"Location": "/loop/a"})
    other_host = url("/news/x.html").replace("127.0.0.1", "localhost")
    site.routes["/away"] = Reply(status=301, headers={"Location": other_host})
    site.routes["/big.html"] = Reply(b"<html>" + b"x" * (page_limit + 10), length=False)
    site.routes["/bomb.html"] = gzip_bomb(page_limit * 50)
    site.routes["/files/report"] = Reply(
        b"%PDF-1.4 ...", headers={"Content-Type": "application/pdf"}
    )
    site.routes["/rss.xml"] = rss(
        (url("/news/2026/library.html"), "Thu, 12 Mar 2026 08:00:00 +0800"),
        (
            "/news/2026/library.html?utm_source=rss&utm_medium=feed",
            "Thu, 12 Mar 2026 08:00:00 +0800",
        ),
        (url("/news/flaky.html"), "Wed, 11 Mar 2026 09:00:00 GMT"),
        (url("/news/missing.html"), "Wed, 11 Mar 2026 09:00:00 GMT"),
        (url("/private/secret.html"), "Wed, 11 Mar 2026 09:00:00 GMT"),
        (url("/loop/a"), ""),
        (url("/away"), ""),
        (url("/big.html"), ""),
        (url("/bomb.html"), ""),
        (url("/files/report"), ""),
        (other_host, ""),
    )
    home = f'<link rel="alternate" type="application/atom+xml" href="{url("/atom.xml")}">'
    site.routes["/"] = Reply(
        page("新闻网首页", "欢迎访问新闻网，这里有最新的本地新闻报道。", head=home)
    )
    site.routes["/atom.xml"] = atom(
        (url("/news/tech.html"), "2026-03-10T10:00:00Z"),
        (url("/news/2026/library.html"), "2026-03-12T00:00:00Z"),
    )
    site.routes["/sitemap.xml"] = sitemap(url("/news/sport.html"), url("/news/tech.html"))
    allowed = ("/news/2026/library.html", "/news/flaky.html", "/news/tech.html", "/news/sport.html")
    return {path: ARTICLES[path][0] for path in (*allowed, "/news/culture.html")}


def english_code(zh: str) -> str:
    """The fake translation servers' English for a Chinese text: a code derived from it alone,
    so a test can check that every English line stands under its own Chinese."""
    return "EN" + hashlib.sha256(zh.encode("utf-8")).hexdigest()[:12]


def _json_reply(data: object, status: int = 200) -> Reply:
    return Reply(json.dumps(data).encode(), status, {"Content-Type": "application/json"})


LIBRE_LANGUAGES = [
    {"code": "en", "name": "English", "targets": ["zh", "fr"]},
    {"code": "zh", "name": "Chinese", "targets": ["en"]},
    {"code": "fr", "name": "French", "targets": ["en"]},
]


@dataclass
class FakeTranslator:
    """What a fake translation server was asked, and how it behaves."""

    busy: int = 0  # answer 429 to this many translation requests first
    pause: float = 0.0  # seconds each translation request takes (to see requests in flight)
    batches: list[list[str]] = field(default_factory=list)  # the Chinese of each request
    payloads: list[dict[str, Any]] = field(default_factory=list)
    refused: int = 0  # 429s sent
    most_in_flight: int = 0
    _in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def serve(
        self, texts: list[str], payload: dict[str, Any], answer: Callable[[], Reply]
    ) -> Reply:
        """Count the request, answer 429 while busy, else `answer()` after the pause."""
        with self._lock:
            if self.refused < self.busy:
                self.refused += 1
                return Reply(b'{"error": "Slowdown"}', 429, {"Content-Type": "application/json"})
            self.batches.append(texts)
            self.payloads.append(payload)
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
        time.sleep(self.pause)
        with self._lock:
            self._in_flight -= 1
        return answer()


def libretranslate(site: Site, languages: list[dict[str, Any]] | None = None) -> FakeTranslator:
    """Serve a fake LibreTranslate (/languages, /translate with `q` as a list) on `site`; each
    text is answered with english_code(text)."""
    fake = FakeTranslator()
    site.routes["/languages"] = _json_reply(LIBRE_LANGUAGES if languages is None else languages)

    def translate(asked: Asked) -> Reply:
        payload = asked.json()
        texts = list(payload["q"])
        return fake.serve(
            texts,
            payload,
            lambda: _json_reply({"translatedText": [english_code(t) for t in texts]}),
        )

    site.apis["/translate"] = translate
    return fake


NUMBERED = re.compile(r"(\d+)\. (.*)")


def chat_server(
    site: Site, mangle: Callable[[list[str]], list[str]] | None = None, path: str = "/v1"
) -> FakeTranslator:
    """Serve a fake OpenAI-compatible chat server (`path`/chat/completions) on `site`: each
    numbered Chinese line is answered `N. english_code(text)`; `mangle` changes the answer
    lines of a request of several sentences (drops, merges or reorders them)."""
    fake = FakeTranslator()

    def complete(asked: Asked) -> Reply:
        payload = asked.json()
        lines = [NUMBERED.fullmatch(x) for x in payload["messages"][-1]["content"].splitlines()]
        texts = [m[2] for m in lines if m]
        answers = [f"{m[1]}. {english_code(m[2])}" for m in lines if m]
        if mangle is not None and len(answers) > 1:
            answers = mangle(answers)
        reply = {
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": "\n".join(answers)}}
            ]
        }
        return fake.serve(texts, payload, lambda: _json_reply(reply))

    site.apis[f"{path}/chat/completions"] = complete
    return fake
