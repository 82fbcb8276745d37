"""Keep docs/ true: regenerate its reference blocks, and check the commands it shows.

    python -m zhbrief.cli.docs            # rewrite the generated blocks of docs/*.md
    python -m zhbrief.cli.docs --check    # exit 1 if a block is stale or an example is wrong

A generated block sits between `<!-- generated: NAME -->` and `<!-- end generated: NAME -->`;
everything outside the markers is written by hand and left alone.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import typer.main
from typer._click import Command

from zhbrief import config
from zhbrief.cli import app, reference

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REGENERATE = "python -m zhbrief.cli.docs"
BLOCKS: dict[str, Callable[[], str]] = {
    "commands": reference.commands,
    "settings": reference.settings,
    "flag-only": reference.flag_only,
    "fetch-settings": reference.fetch_settings,
    "translation-settings": reference.translation_settings,
    "exit-codes": reference.exit_codes,
    "errors": reference.error_classes,
    "usage-errors": reference.usage_errors,
}
BLOCK = re.compile(
    r"(?P<begin><!-- generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(?P<end><!-- end generated: (?P=name) -->)",
    re.S,
)
# `zhbrief …` in code, up to where the shell takes over (a pipe, &&, a redirection, a comment)
COMMAND_LINE = re.compile(r"(?:^|(?<=[\s/`]))zhbrief[ \t]+([^`|&;#>\n)]*)")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def regenerate(text: str) -> str:
    """`text` with every generated block rendered afresh from the code."""
    rendered = {name: make() for name, make in BLOCKS.items() if f"generated: {name} " in text}

    def fill(match: re.Match[str]) -> str:
        if match["name"] not in BLOCKS:
            raise ValueError(
                f"unknown generated block {match['name']!r}; known: {', '.join(BLOCKS)}"
            )
        return match["begin"] + "\n" + rendered[match["name"]] + "\n" + match["end"]

    return BLOCK.sub(fill, text)


def stale(docs: Path) -> list[Path]:
    """The docs files whose generated blocks differ from what the code gives now."""
    return [p for p in sorted(docs.glob("*.md")) if regenerate(_read(p)) != _read(p)]


def missing_blocks(docs: Path) -> list[str]:
    """The generated blocks that no docs file holds."""
    text = "".join(_read(p) for p in docs.glob("*.md"))
    return [name for name in BLOCKS if f"<!-- generated: {name} -->" not in text]


def bad_examples(text: str) -> list[str]:
    """Each command line or zhbrief.toml example in `text` that names an option or key not there."""
    return [*_bad_command_lines(text), *_bad_toml(text)]


def _bad_command_lines(text: str) -> Iterator[str]:
    root = typer.main.get_command(app)
    for line in _code(text):
        for match in COMMAND_LINE.finditer(line):
            problem = _check_words(root, shlex.split(match[1], comments=True))
            if problem:
                yield f"`zhbrief {match[1].strip()}`: {problem}"


def _check_words(command: Command, words: Sequence[str]) -> str | None:
    """What in `words` (after `zhbrief`) is no command or option of zhbrief; None if all is."""
    path, rest = ["zhbrief"], list(words)
    while rest:
        word = rest.pop(0)
        subcommands = getattr(command, "commands", {})
        if word.startswith("-") and word != "-":
            takes_value = _option_takes_value(command, word)
            if takes_value is None:
                return f"{' '.join(path)} has no option {word.split('=')[0]}"
            if takes_value and "=" not in word:
                rest = rest[1:]
        elif subcommands:
            if word.isupper():  # zhbrief COMMAND --help: a placeholder for any command
                return None
            if word not in subcommands:
                return f"{' '.join(path)} has no command {word!r}"
            command, path = subcommands[word], [*path, word]
    return None


def _option_takes_value(command: Command, word: str) -> bool | None:
    """Whether option `word` takes a value; None if `command` has no such option."""
    opts = {
        opt: not (getattr(p, "is_flag", False) or getattr(p, "count", False))
        for p in command.params
        for opt in [*p.opts, *p.secondary_opts]
    }
    opts.update({"--help": False})
    name = word.split("=")[0]
    if name in opts:
        return opts[name]
    if name.startswith("--") or len(name) <= 2:
        return None
    if opts.get("-" + name[1]):  # -n3: the value is glued on
        return False
    flags = ["-" + c for c in name[1:]]  # -vv, -qv
    return False if all(f in opts and not opts[f] for f in flags) else None


def _bad_toml(text: str) -> Iterator[str]:
    keys = set(reference.config_keys()) | config.TABLES
    for language, body in FENCE.findall(text):
        if language != "toml":
            continue
        data = tomllib.loads(body)
        for key in data:
            if key not in keys:
                yield f"zhbrief.toml example: unknown setting {key!r}"
        for key in data.get("fetch", {}):
            if key not in reference.FETCH_KEYS:
                yield f"zhbrief.toml example: unknown [fetch] setting {key!r}"
        for key in data.get("translation", {}):
            if key not in reference.TRANSLATION_KEYS:
                yield f"zhbrief.toml example: unknown [translation] setting {key!r}"


def _code(text: str) -> Iterator[str]:
    """Lines of shell and inline code: fences (not the `text` help pages), indented, `spans`."""
    for language, body in FENCE.findall(text):
        if language not in ("text", "toml", "markdown"):
            yield from body.splitlines()
    outside = FENCE.sub("", text)
    yield from (line for line in outside.splitlines() if line.startswith("    "))
    yield from re.findall(r"`([^`\n]+)`", outside)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite docs/ (or check it, --check); 1 when something is out of date or wrong."""
    parser = argparse.ArgumentParser(prog=REGENERATE, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; report")
    parser.add_argument("docs", nargs="?", type=Path, default=Path("docs"))
    args = parser.parse_args(argv)
    problems = [f"no docs file holds the generated block {n!r}" for n in missing_blocks(args.docs)]
    for path in [args.docs.parent / "README.md", *sorted(args.docs.glob("*.md"))]:
        problems += [f"{path}: {p}" for p in bad_examples(_read(path))]
    for path in stale(args.docs):
        if args.check:
            problems.append(f"{path} is out of date: run `{REGENERATE}`")
        else:
            path.write_text(regenerate(_read(path)), encoding="utf-8")
            print(f"rewrote {path}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
