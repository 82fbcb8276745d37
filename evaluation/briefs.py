"""End-to-end check of `zhbrief run` on the shared real material: one row per article.

Usage: python evaluation/briefs.py [--data ../shared/data] [--work DIR] [--model PKG.argosmodel]
                                   [--lcsts 8] [--sogou 8]

Copies WMT23 articles, HTML pages, legacy-encoded files (as .txt) and a few LCSTS/Sogou articles
(written out as .txt) into a scratch input folder, runs `zhbrief run` once over it in a
subprocess (isolated Argos and cache folders; a synthetic package unless --model), and checks
each brief:

- result: a brief was written, or a clear per-file error (only the EUC-TW file may fail);
- body: every kept body paragraph of the source (read, cleaned and split by zhbrief itself)
  appears verbatim in the brief's Chinese blockquotes once Markdown backslash escapes are
  removed ("ws" counts paragraphs found only after collapsing whitespace);
- CJK: the share of the source's CJK characters (for HTML: of the extracted text and title)
  that the brief's Chinese keeps, in order; for HTML with an .expected.txt, the share of the
  expected text's CJK characters in the brief;
- front matter: the required keys, source and sha256, encoding family, script;
  HTML metadata against .expected.json (T title, D date, A author, S site; lower case = wrong,
  - = nothing to compare);
- boilerplate: furniture patterns (and the page's `without` snippets) in the brief's Chinese;
- title: the headline repeated as the first body paragraph (dup), or a near copy (near);
- index: index.md links every brief;
- paired: Chinese sentence blockquotes right under their numbered English (or a ### heading),
  of all blockquotes in ## Translation; the number of ### subheadings; U/P: the front matter
  has a url / a published date.

The English is whatever the model writes; only structure is judged. Exit status 0 when every
row passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from zhbrief.ingest.clean import clean_text
from zhbrief.ingest.find import read_source
from zhbrief.ingest.segment import split_paragraphs
from zhbrief.ingest.title import split_site_suffix

REPO = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
REQUIRED = (
    "title", "title_zh", "source", "source_sha256", "model", "summarizer", "sentences",
    "created", "encoding", "script",
)  # fmt: skip
BOILERPLATE = re.compile(
    r"当前位置|您的位置|首页\s*(?:>|»|›|＞)|责任编辑|责编\s*[:：]|版权所有|版权声明|Copyright|©"
    r"|All Rights Reserved|分享到|扫描二维码|扫一扫|关注.{0,4}公众号|原标题\s*[:：]|打印本页"
    r"|关闭窗口|返回顶部|字体\s*[:：]?\s*【|ICP[证备]",
    re.IGNORECASE,
)
AUTHOR_LABEL = re.compile(r"^(?:责任编辑|责编|编辑|作者|记者|来源)(?:\s*[:：︱|]|$)")
FAMILY = {"gb2312": "gb", "gbk": "gb", "gb18030": "gb", "big5": "big5", "cp950": "big5"}
FAMILY |= {"big5hkscs": "big5", "utf-8": "utf-8", "utf-8-sig": "utf-8"}


@dataclass
class Case:
    """One staged input file and what is known about it."""

    rel: str
    group: str
    encoding: str | None = None  # expected encoding, for the encodings set
    script: str = "simplified"
    expected_txt: Path | None = None
    expected_meta: dict[str, object] = field(default_factory=dict)
    may_fail: str | None = None  # the text a clear per-file error must contain


@dataclass
class Row:
    """The checks of one article, as table cells plus pass/fail."""

    cells: list[str]
    ok: bool
    notes: list[str]


def stage(data: Path, into: Path, n_lcsts: int, n_sogou: int) -> list[Case]:
    """Copy the material into `into` and describe each file."""
    cases: list[Case] = []
    for src in sorted((data / "wmt23-zh-en" / "zh").glob("*.txt")):
        cases.append(_copy(src, into, f"wmt23/{src.name}", "wmt23"))
    html = data / "html"
    for entry in _manifest(html / "MANIFEST.jsonl"):
        name = str(entry["name"])
        case = _copy(html / f"{name}.html", into, f"html/{name}.html", "html")
        exp_json = html / f"{name}.expected.json"
        case.expected_meta = json.loads(exp_json.read_text("utf-8")) if exp_json.exists() else {}
        txt = html / f"{name}.expected.txt"
        case.expected_txt = txt if txt.exists() else None
        case.script = "traditional" if "pixnet" in name else "simplified"
        cases.append(case)
    enc = data / "encodings"
    for entry in _manifest(enc / "MANIFEST.jsonl"):
        name, want = str(entry["file"]), str(entry["encoding"])
        rel = f"encodings/{Path(name).stem}.txt"
        case = _copy(enc / name, into, rel, "encodings")
        case.encoding, case.script = want, "traditional" if want == "big5" else "simplified"
        case.may_fail = "EUC-TW" if want == "euc-tw" else None
        cases.append(case)
    cases += _write_corpus(data / "summaries" / "lcsts-test.jsonl", into, "lcsts", n_lcsts)
    cases += _write_corpus(data / "summaries" / "sogou-headlines.jsonl", into, "sogou", n_sogou)
    return cases


def _manifest(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _copy(src: Path, into: Path, rel: str, group: str) -> Case:
    dest = into / rel
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(src.read_bytes())
    return Case(rel=rel, group=group)


def _write_corpus(path: Path, into: Path, group: str, count: int) -> list[Case]:
    """`count` evenly spaced articles of a JSON-lines corpus, headline (if any) on line one."""
    records = _manifest(path)
    step = max(1, len(records) // count) if count else 0
    cases = []
    for record in records[::step][:count] if step else []:
        rel = f"{group}/{record['id']}.txt"
        headline = str(record.get("headline") or "")
        text = f"{headline}\n\n{record['article']}\n" if headline else f"{record['article']}\n"
        dest = into / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, "utf-8")
        cases.append(Case(rel=rel, group=group))
    return cases


def prepare_model(work: Path, model: Path | None) -> dict[str, str]:
    """An isolated environment with a zh→en package installed; builds the synthetic one."""
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(work / "argos" / "packages")}
    env |= {"XDG_CACHE_HOME": str(work / "cache"), "XDG_DATA_HOME": str(work / "data-home")}
    env |= {"SOURCE_DATE_EPOCH": "1700000000"}
    if model is None:
        model = work / "tiny.argosmodel"
        builder = REPO / "tests" / "synthetic_package.py"
        subprocess.run([sys.executable, str(builder), str(model)], check=True, env=env,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run([sys.executable, "-m", "zhbrief", "model", "install", str(model)],
                   check=True, env=env, stdout=subprocess.DEVNULL)  # fmt: skip
    return env


def front_matter(brief: str) -> dict[str, str]:
    """Top-level front matter scalars as text (YAML, as the brief writes it; blocks skipped)."""
    import yaml

    fields = yaml.safe_load(brief.split("\n---\n", 1)[0].removeprefix("---\n")) or {}
    return {k: str(v) for k, v in fields.items() if not isinstance(v, dict)}


LABEL = re.compile(r"^\*\*(\d+)\.\d+\*\* \S")  # "**2.3** English": paragraph 2, sentence 3


def chinese_blocks(brief: str) -> tuple[str, list[str], tuple[int, int]]:
    """The title blockquote, the Translation section's paragraphs (their sentence blockquotes
    joined), unescaped, and (blockquotes right under their English, all blockquotes)."""
    body = brief.split("\n## Translation\n", 1)
    head = brief.split("\n## ", 1)[0]
    title = next((ln[2:] for ln in head.split("\n") if ln.startswith("> ")), "")
    lines = body[1].split("\n## Quality notes", 1)[0].split("\n") if len(body) > 1 else []
    paras: list[str] = []
    keys: list[object] = []
    paired = pending = 0
    key: object = None
    for i, line in enumerate(lines):
        label = LABEL.match(line)
        if label or line.startswith("### "):
            key, pending = (label.group(1) if label else ("heading", i)), i
        elif line.startswith("> "):
            paired += pending == i - 1 or lines[pending].startswith("### ")
            if key is not None and keys and keys[-1] == key:
                paras[-1] += line[2:]
            else:
                paras.append(line[2:])
                keys.append(key if key is not None else ("old", i))
            key = None
    quotes = sum(ln.startswith("> ") for ln in lines)
    return UNESCAPE.sub(r"\1", title), [UNESCAPE.sub(r"\1", p) for p in paras], (paired, quotes)


def cjk_kept(source: str, kept: str) -> float:
    """The share of `source`'s CJK characters that `kept` holds in the same order."""
    src, got = "".join(CJK.findall(source)), "".join(CJK.findall(kept))
    if not src:
        return 1.0
    matcher = SequenceMatcher(None, src, got, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(src)


def _squash(text: str) -> str:
    return " ".join(text.split())


def check_body(
    paragraphs: list[str], title: str, blocks: list[str], site: str
) -> tuple[int, int, list[str]]:
    """(found verbatim, found only with whitespace collapsed, missing paragraphs).

    A headline line "标题-中新网" counts as found when its title part is the brief's title
    (or in it) and the site went to the front matter.
    """
    whole = "\n".join([title, *blocks])
    squashed = _squash(whole)
    exact, ws, missing = 0, 0, []
    for para in paragraphs:
        stem, suffix = split_site_suffix(para)
        if para in whole or (suffix and site and stem in title):
            exact += 1
        elif _squash(para) in squashed:
            ws += 1
        else:
            missing.append(para)
    return exact, ws, missing


def title_repeat(title: str, blocks: list[str]) -> str:
    """Whether the first body paragraph repeats the headline: "dup", nearly: "near", or "".

    "dup" is the headline again (equal, or it extended by a few characters without ending
    like a sentence); a paragraph with its own punctuation or wording is only "near".
    """
    if not title or not blocks:
        return ""
    first = blocks[0]
    extended = first.startswith(title) and len(first) - len(title) <= 20
    if first == title or (extended and first[-1] not in "。；，、：,.;:"):
        return "dup"
    if len(first) <= 60 and SequenceMatcher(None, title, first).ratio() >= 0.6:
        return "near"
    return ""


def meta_marks(case: Case, fm: dict[str, str], doc_title: str) -> tuple[str, list[str]]:
    """T/D/A/S marks for an HTML page against its expected metadata; notes on mismatches."""
    exp, marks, notes = case.expected_meta, [], []
    want_title = str(exp.get("title") or "").strip()
    if want_title:
        ok = bool(fm.get("title_zh")) and fm["title_zh"] in want_title + doc_title
        marks.append("T" if ok else "t")
        if not ok:
            notes.append(f"title_zh {fm.get('title_zh')!r}, expected in {want_title!r}")
    want_date = str(exp.get("publish_time") or exp.get("date") or "")
    digits = [int(n) for n in re.findall(r"\d+", want_date)[:3]]
    if len(digits) == 3:
        ok = (fm.get("published") or fm.get("date")) == "{:04d}-{:02d}-{:02d}".format(*digits)
        marks.append("D" if ok else "d")
        if not ok:
            notes.append(f"date {fm.get('published') or fm.get('date')!r}, expected {want_date!r}")
    want_author = str(exp.get("author") or exp.get("byline") or "").strip()
    if want_author:
        got = fm.get("author", "")
        ok = bool(got) and (got in want_author or want_author in got)
        marks.append("A" if ok else "a")
        if not ok:
            notes.append(f"author {got!r}, expected {want_author!r}")
    site = fm.get("site", "")
    if site:
        ok = not BOILERPLATE.search(site)
        marks.append("S" if ok else "s")
        if not ok:
            notes.append(f"site {site!r}")
    return "".join(marks) or "-", notes


def check_case(case: Case, inp: Path, out: Path, report: dict[str, object], index: str) -> Row:
    """All the checks of one staged file."""
    failed = {f["source"]: f["reason"] for f in report["failed"]}  # type: ignore[attr-defined]
    skipped = {f["source"]: f["reason"] for f in report["skipped"]}  # type: ignore[attr-defined]
    name = Path(case.rel).name
    if case.rel in failed or case.rel in skipped:
        reason = str(failed.get(case.rel) or skipped.get(case.rel))
        ok = case.may_fail is not None and case.may_fail in reason
        verdict = "error (expected)" if ok else "**FAILED**"
        return Row([case.group, name, verdict, *[""] * 11], ok, [reason])
    brief_path = out / Path(case.rel).with_suffix(".md")
    if not brief_path.is_file():
        return Row([case.group, name, "**no brief**", *[""] * 11], False, [])
    brief = brief_path.read_text("utf-8")
    fm = front_matter(brief)
    title, blocks, (paired, quotes) = chinese_blocks(brief)
    doc = read_source(inp / case.rel, inp, max_bytes=10_000_000)
    cleaned = clean_text(doc.text, (doc.meta.title or None))
    paragraphs = list(split_paragraphs(cleaned.text))
    exact, ws, missing = check_body(paragraphs, title, blocks, fm.get("site", ""))
    notes = [f"missing paragraph: {p[:60]}" for p in missing]
    if ws:
        notes.append(f"{ws} paragraphs match only with whitespace collapsed (render.escape_md)")
    source_text = "\n".join([doc.meta.title, doc.text])
    kept_text = "\n".join([title, *blocks])
    kept = cjk_kept(source_text, kept_text)
    vs_expected = ""
    if case.expected_txt is not None:
        vs_expected = f"{cjk_kept(case.expected_txt.read_text('utf-8'), kept_text):.0%}"
    fm_problems = _front_matter_problems(case, fm, inp)
    notes += fm_problems
    marks, meta_notes = meta_marks(case, fm, doc.meta.title) if case.group == "html" else ("", [])
    notes += meta_notes
    leaks = sorted({m.group() for b in [title, *blocks] for m in BOILERPLATE.finditer(b)})
    leaks += [s for s in case.expected_meta.get("without", []) or [] if s in kept_text]  # type: ignore[union-attr]
    notes += [f"boilerplate: {leak}" for leak in leaks]
    repeat = title_repeat(fm.get("title_zh", ""), blocks)
    if repeat:
        notes.append(f"title {repeat}: {blocks[0][:60]}")
    listed = f"]({brief_path.relative_to(out).as_posix()})" in index
    # GNE's expected metadata is that tool's output, not a gold: a different author or date is
    # a note; a label in the author or a notice in the site is a defect
    junk_meta = "s" in marks or bool(AUTHOR_LABEL.search(fm.get("author", "")))
    body_ok = not missing and not ws
    ok = body_ok and not fm_problems and not leaks and repeat != "dup" and listed and not junk_meta
    cells = [
        case.group,
        name,
        "brief",
        f"{exact + ws}/{len(paragraphs)}" + (f" ({ws} ws)" if ws else ""),
        f"{kept:.0%}",
        vs_expected,
        "ok" if not fm_problems else "**" + str(len(fm_problems)) + "**",
        marks,
        ", ".join(leaks) or "none",
        repeat or "no",
        "yes" if listed else "**no**",
        f"{paired}/{quotes}",
        str(brief.split("\n## Translation\n", 1)[-1].count("\n### ")),
        ("U" if fm.get("url") else "-") + ("P" if fm.get("published") else "-"),
    ]
    return Row(cells, ok, notes)


def _front_matter_problems(case: Case, fm: dict[str, str], inp: Path) -> list[str]:
    problems = [f"front matter lacks {key}" for key in REQUIRED if key not in fm]
    if fm.get("source") != case.rel:
        problems.append(f"source {fm.get('source')!r}")
    digest = hashlib.sha256((inp / case.rel).read_bytes()).hexdigest()
    if fm.get("source_sha256") != digest:
        problems.append("source_sha256 differs from the file's")
    if case.encoding and FAMILY.get(fm.get("encoding", "")) != FAMILY.get(case.encoding):
        problems.append(f"encoding {fm.get('encoding')!r}, expected {case.encoding}")
    if fm.get("script") != case.script:
        problems.append(f"script {fm.get('script')!r}, expected {case.script}")
    return problems


HEADER = [
    "set", "source", "result", "paragraphs in brief", "CJK kept", "vs expected",
    "front matter", "meta", "boilerplate", "title repeated", "in index",
    "sentences paired", "### headings", "url/published",
]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Stage, run, check and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "data")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a new temp folder)")
    parser.add_argument("--model", type=Path, help=".argosmodel to use (default: synthetic)")
    parser.add_argument("--lcsts", type=int, default=8, help="LCSTS articles (default 8)")
    parser.add_argument("--sogou", type=int, default=8, help="Sogou articles (default 8)")
    args = parser.parse_args(argv)
    data = args.data.resolve()
    if not (data / "html" / "MANIFEST.jsonl").exists():
        print(f"Error: no html/MANIFEST.jsonl under {data}; pass --data PATH.", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="zhbrief-briefs-"))
    inp, out = work / "in", work / "out"
    cases = stage(data, inp, args.lcsts, args.sogou)
    env = prepare_model(work, args.model)
    cmd = [sys.executable, "-m", "zhbrief", "run", str(inp), "-o", str(out), "--no-download", "-q"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    report = json.loads((out / ".zhbrief" / "last-run.json").read_text("utf-8"))
    index = (out / "index.md").read_text("utf-8")
    rows = [check_case(case, inp, out, report, index) for case in cases]
    expected_rc = 1 if report["failed"] else 0
    print(f"## zhbrief run on {len(cases)} real articles ({work})\n")
    print(f"exit code {done.returncode} (expected {expected_rc}); {report['summary']}\n")
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "---|" * len(HEADER))
    for row in rows:
        print("| " + " | ".join(c.replace("|", "\\|") for c in row.cells) + " |")
    passed = sum(r.ok for r in rows)
    print(f"\n**{passed}/{len(rows)} articles pass every check.**\n")
    noted = [(case, row) for case, row in zip(cases, rows, strict=True) if row.notes]
    if noted:
        print("### Notes\n")
        for case, row in noted:
            for note in row.notes:
                print(f"- {case.rel}: {note}")
    return 0 if passed == len(rows) and done.returncode == expected_rc else 1


if __name__ == "__main__":
    sys.exit(main())
