"""The LibreTranslate engine: batches of sentences (`q` as a list) to a LibreTranslate server.

The server's languages are checked once, on first use: it must translate Chinese (`zh`, or
`zh-Hans` on servers that name it so) into English (`en`).
"""

from __future__ import annotations

from collections.abc import Sequence

from zhbrief.errors import EngineError, EngineUnreachable
from zhbrief.translation.remote import Remote
from zhbrief.translation.servers import Server

BATCH = 16  # sentences per request
CHINESE = ("zh", "zh-Hans", "zh-CN")  # the first the server lists is the source code sent
ENGLISH = "en"


class LibreTranslateEngine:
    """A LibreTranslate server; its languages are checked on first use."""

    def __init__(self, server: Server, remote: Remote | None = None) -> None:
        self.server = server
        self.name = server.label
        self.remote = remote or Remote(server)
        self.base = server.url.rstrip("/")
        self._source: str | None = None

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate `sentences`, keeping order and count."""
        if not sentences:
            return []
        if self._source is None:
            self._source = self._chinese_code()
        batches = [list(sentences[i : i + BATCH]) for i in range(0, len(sentences), BATCH)]
        return [en for answer in self.remote.in_parallel(self._ask, batches) for en in answer]

    def close(self) -> None:
        """Nothing is held between batches."""

    def _chinese_code(self) -> str:
        """The server's code for Chinese, checked to translate into English (once)."""
        url = f"{self.base}/languages"
        try:
            listed = self.remote.get_json(url)
        except EngineError as exc:  # not worth asking for each article: the run stops
            raise EngineUnreachable(
                f"LibreTranslate at {self.server.url} cannot be used: {exc}"
            ) from None
        if not isinstance(listed, list):
            raise EngineUnreachable(f"{url} is not LibreTranslate's list of languages.")
        targets = {
            str(lang.get("code")): lang.get("targets") for lang in listed if isinstance(lang, dict)
        }
        for code in CHINESE:
            reach = targets.get(code)  # a list of codes; older servers give none
            if code in targets and ENGLISH in targets and (reach is None or ENGLISH in reach):
                return code
        codes = ", ".join(sorted(targets)) or "none"
        raise EngineUnreachable(
            f"LibreTranslate at {self.server.url} does not translate Chinese into English "
            f"(its languages: {codes}); load its zh and en models."
        )

    def _ask(self, batch: list[str]) -> list[str]:
        """One request: the server's English for each sentence of `batch`, in order."""
        payload: dict[str, object] = {
            "q": batch,
            "source": self._source,
            "target": ENGLISH,
            "format": "text",
        }
        if self.server.api_key:
            payload["api_key"] = self.server.api_key
        answer = self.remote.post_json(f"{self.base}/translate", payload)
        texts = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(texts, list) or len(texts) != len(batch):
            got = len(texts) if isinstance(texts, list) else "no"
            raise EngineError(
                f"{self.name} answered {got} translations for {len(batch)} sentences "
                "(does this server take q as a list?)"
            )
        return [str(t).strip() for t in texts]
