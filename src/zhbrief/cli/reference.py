"""The reference parts of docs/, rendered from the code: commands, settings, exit codes, errors.

Each function returns Markdown; `cli/docs.py` puts it between the markers of a docs file.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterator

import typer.main
from typer._click import Command, Context, Parameter
from typer.testing import CliRunner

from zhbrief import config, errors
from zhbrief.cli import app  # the package: importing it registers every command
from zhbrief.cli.exits import EXIT_CODES, codes_text
from zhbrief.cli.usage import name_of
from zhbrief.config_fetch import FETCH_RANGES
from zhbrief.config_rules import COMPUTE_TYPES, FORMATS, RANGES
from zhbrief.summarizers import NAMES
from zhbrief.translation.device import DEVICES
from zhbrief.translation.engine import ENGINES

HELP_WIDTH = 78  # what Click prints in a terminal of 80 columns or more, and in a pipe

# What a setting may be, where no constant of config_rules holds it (validate() checks them).
ALLOWED = {
    "summarizer": ", ".join(f"`{n}`" for n in NAMES),
    "compute_type": ", ".join(f"`{t}`" for t in COMPUTE_TYPES),
    "device": ", ".join(f"`{d}`" for d in DEVICES),
    "formats": " or ".join(f'`"{f}"`' for f in ("md", ",".join(sorted(FORMATS, key=len)))),
    "ratio": "above 0, at most 1",
    "base_url": "an `http://` or `https://` address",
    "scheduler": "a Dask address, `tcp://HOST:PORT` (or `tls://`, `ws://`, `wss://`)",
}
# Settings no command-line option sets: their meaning is written here.
NO_FLAG = {
    "key_terms": "Key terms listed in each brief; 0 turns the list off.",
    "base_url": "Where the output folder is served: the feeds' links become absolute "
    '(`<base_url>site/...`) and each feed names itself (`rel="self"`); empty: relative to '
    "each feed's file.",
    "story_days": "A new article is compared, to find its story, with briefs made within "
    "this many days of it ([docs/stories.md](stories.md)); 0: the same day only. Older "
    "fingerprints are dropped from the state database (their briefs keep their story).",
}
FETCH_KEYS = {
    "sources": ("list of URLs", "Feeds (RSS, Atom, JSON Feed), sites and sitemaps."),
    "urls_file": ("path", "One article URL a line, `#` comments; relative to the config file."),
    "opml": (
        "path",
        "A feed reader's subscriptions (OPML export): its feeds are fetched as sources too; "
        "relative to the config file.",
    ),
    "max_per_source": ("whole number", "New pages per source and fetch."),
    "delay": (
        "number",
        "Seconds between two requests to one host (a longer robots.txt Crawl-delay is "
        "honoured up to the same maximum).",
    ),
    "timeout": ("number", "Seconds to connect, and between two reads."),
}
TRANSLATION_KEYS = {
    "engine": (
        ", ".join(f"`{e}`" for e in ENGINES),
        "What translates (`--engine`; [engines.md](engines.md)).",
    ),
    "model": (
        "path or text",
        "argos, ctranslate2: a package file or model folder, relative to the config file "
        "(`--model` wins); openai: the server's model name (`--engine-model`).",
    ),
    "url": ("an `http://` or `https://` address", "A server engine's address (`--engine-url`)."),
    "api_key_env": (
        "the name of an environment variable",
        "The variable holding the server's API key; never the key itself.",
    ),
    "concurrency": ("whole number, 1 to 64", "Requests in flight to a server."),
    "timeout": ("number, 1 to 3600", "Seconds to connect to a server, and to wait for it."),
}
# Mistakes a user makes, shown with what zhbrief answers (each fails before any work is done).
USAGE_ERRORS = (
    ("run", "-n", "abc"),
    ("run", "-v", "2"),
    ("run", "--ratio", "2"),
    ("run", "--frobnicate"),
    ("rn",),
)
KINDS = {"Path": "path", "bool": "true or false", "float": "number", "int": "whole number"}


def commands() -> str:
    """`--help` of every command, as a terminal of 80 columns shows it."""
    return "\n".join(f"### `{path}`\n\n```text\n{text}```\n" for path, text in help_pages())


def help_pages() -> Iterator[tuple[str, str]]:
    """(command path, help text) for the app and every command under it, in --help's order."""
    root = typer.main.get_command(app)
    ctx = root.make_context("zhbrief", [], resilient_parsing=True, terminal_width=HELP_WIDTH)
    yield from _pages(root, ctx)


def _pages(command: Command, ctx: Context) -> Iterator[tuple[str, str]]:
    yield ctx.command_path, command.get_help(ctx) + "\n"
    for name, sub in getattr(command, "commands", {}).items():
        if not sub.hidden:
            yield from _pages(sub, sub.make_context(name, [], parent=ctx, resilient_parsing=True))


def settings() -> str:
    """The table of settings: value, default, environment variable, option and meaning."""
    flags = _flags()
    rows = [
        "| key | value | default | environment | option | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for name in config_keys():
        option, meaning = flags.get(name, ("", NO_FLAG.get(name, "")))
        if not meaning:
            raise ValueError(f"setting {name!r} has no option and no meaning in NO_FLAG")
        env = f"`{config.ENV_PREFIX}{name.upper()}`"
        rows.append(
            f"| `{name}` | {_value(name)} | {_default(name)} | {env} | {option} | {meaning} |"
        )
    return "\n".join(rows) + "\n"


def fetch_settings() -> str:
    """The table of the `[fetch]` keys."""
    defaults = config.Settings().fetch
    rows = ["| key | value | default | meaning |", "|---|---|---|---|"]
    for field in dataclasses.fields(defaults):
        value, meaning = FETCH_KEYS[field.name]
        if field.name in FETCH_RANGES:
            low, high = FETCH_RANGES[field.name]
            value += f", {low:,g} to {high:,g}"
        default = _toml(getattr(defaults, field.name))
        rows.append(f"| `{field.name}` | {value} | {default} | {meaning} |")
    return "\n".join(rows) + "\n"


def translation_settings() -> str:
    """The table of the `[translation]` keys."""
    defaults = config.Settings().translation
    rows = ["| key | value | default | meaning |", "|---|---|---|---|"]
    for field in dataclasses.fields(defaults):
        value, meaning = TRANSLATION_KEYS[field.name]
        default = (
            _toml(getattr(defaults, field.name)) if getattr(defaults, field.name) != "" else "unset"
        )
        rows.append(f"| `{field.name}` | {value} | {default} | {meaning} |")
    return "\n".join(rows) + "\n"


def flag_only() -> str:
    """The sentence naming the switches no file or environment may set."""
    names = ", ".join(f"`--{n.replace('_', '-')}`" for n in config.FIELDS if n in config.FLAG_ONLY)
    return f"Only on the command line, never from a file or the environment: {names}.\n"


def exit_codes() -> str:
    """The table of exit codes."""
    rows = ["| code | meaning |", "|---|---|"]
    rows += [f"| {codes_text(code)} | {code.meaning} |" for code in EXIT_CODES]
    return "\n".join(rows) + "\n"


def error_classes() -> str:
    """The table of zhbrief's error classes (errors.py), with their codes and docstrings."""
    rows = ["| error | exit code | what |", "|---|---|---|"]
    for name, cls in inspect.getmembers(errors, inspect.isclass):
        if cls.__module__ != errors.__name__:
            continue
        code = "130 / 143" if cls is errors.Interrupted else str(getattr(cls, "exit_code", ""))
        rows.append(f"| `{name}` | {code} | {inspect.getdoc(cls)} |")
    return "\n".join(rows) + "\n"


def usage_errors() -> str:
    """What zhbrief says to a few wrong command lines, as a terminal shows it."""
    runner = CliRunner()
    lines = []
    for args in USAGE_ERRORS:
        result = runner.invoke(app, list(args), prog_name="zhbrief")
        lines += [f"$ zhbrief {' '.join(args)}", *result.stderr.splitlines()]
    return "```text\n" + "\n".join(lines) + "\n```\n"


def config_keys() -> list[str]:
    """The settings a config file and ZHBRIEF_* variables may set, in Settings order."""
    return [n for n in config.FIELDS if n not in config.FLAG_ONLY | config.TABLES]


def _flags() -> dict[str, tuple[str, str]]:
    """Setting name → (its option as --help writes it, the option's help), from the commands."""
    found: dict[str, tuple[str, str]] = {}
    for _, command in _commands():
        for param in command.params:
            name = "download" if param.name == "no_download" else param.name
            if name in config.FIELDS and name not in found:
                sets = " (sets `false`)" if name != param.name else ""
                found[name] = (f"`{_spelling(param)}`{sets}", getattr(param, "help", "") or "")
    return found


def _commands() -> Iterator[tuple[str, Command]]:
    root = typer.main.get_command(app)
    yield from getattr(root, "commands", {}).items()


def _spelling(param: Parameter) -> str:
    """An option as --help names it (`-o, --output`), an argument by its metavar."""
    if param.param_type_name != "option":
        return name_of(param)
    return ", ".join(sorted(param.opts, key=len))  # -o, --output


def _value(name: str) -> str:
    kind = str(config.FIELDS[name].type).replace(" | None", "")
    value = KINDS.get(kind, "text")
    if name in RANGES:
        low, high = RANGES[name]
        value += f", {low:,} to {high:,}"
    return f"{value}: {ALLOWED[name]}" if name in ALLOWED else value


def _default(name: str) -> str:
    return _toml(getattr(config.Settings(), name))


def _toml(value: object) -> str:
    """A default as it would be written in zhbrief.toml; unset: none."""
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"`{value}`"
    if isinstance(value, tuple):
        return f"`{list(value)}`"
    return f'`"{value}"`'
