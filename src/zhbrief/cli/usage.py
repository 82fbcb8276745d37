"""Usage errors as one line: what is wrong with the command line, and what to write instead."""

from __future__ import annotations

import inspect
import itertools
import os
import re
import typing
from collections.abc import Sequence
from difflib import get_close_matches
from pathlib import Path

# Typer carries its own copy of Click (from 0.26 on); its usage errors are what parsing raises.
from typer._click import Command, Parameter
from typer._click import exceptions as click_errors

from zhbrief.config_rules import RANGES

KINDS = {int: "a whole number", float: "a number", Path: "a path", str: "a value"}
_VERBOSITY_TYPO = re.compile(r"-v+\d+")  # -v2: Click reads it as -v and an option -2


def explain(
    error: click_errors.UsageError, command: Command, path: str, args: Sequence[str]
) -> str:
    """The one line that says what is wrong with `args` of `command` (run as `path`)."""
    see = f"See '{path} --help'."
    if isinstance(error, click_errors.NoSuchOption):
        return unknown_option(error.option_name, command, path, args)
    if isinstance(error, click_errors.MissingParameter) and error.param is not None:
        return f"{path} needs {name_of(error.param)}. {see}"
    if isinstance(error, click_errors.BadParameter) and error.param is not None:
        return bad_value(error.param, command, args)
    if isinstance(error, click_errors.BadOptionUsage):
        return misused_option(error.option_name, command, path)
    return f"{error.format_message()} {see}"


def unknown_option(option: str, command: Command, path: str, args: Sequence[str]) -> str:
    """An option `command` does not have: a -v with a number, a misplaced one, or a misspelling."""
    typo = next((a for a in args if _VERBOSITY_TYPO.fullmatch(a)), None)
    if typo is not None and option.lstrip("-").isdigit():
        return verbosity_typo("-v")
    elsewhere = [p for p in _subcommands(command) if any(option in q.opts for q in p.params)]
    if elsewhere:
        example = f"{path} {elsewhere[0].name} {option}"
        return f"{option} is an option of a command: put it after the command, as in {example}."
    known = [opt for p in command.params for opt in p.opts + p.secondary_opts if opt[:1] == "-"]
    close = get_close_matches(option, known, n=3, cutoff=0.7)
    guess = f" Did you mean {_or(close)}?" if close else ""
    return f"{path} has no option {option}.{guess} See '{path} --help'."


def bad_value(param: Parameter, command: Command, args: Sequence[str]) -> str:
    """A value of the wrong type: which option, what it takes, and what it was given."""
    given = given_value(param, args)
    got = f", not {given!r}" if given is not None else ""
    return f"{_named(param, args)} takes {kind_of(param, command)}{got}."


def misused_option(option: str, command: Command, path: str) -> str:
    """A value given to a switch, or none given to an option that takes one."""
    param = next((p for p in command.params if option in p.opts + p.secondary_opts), None)
    if param is None:
        return f"{option} is misused. See '{path} --help'."
    if getattr(param, "count", False):
        return verbosity_typo(option, value=True)
    if getattr(param, "is_flag", False):
        return f"{option} takes no value: write {option} alone."
    return f"{option} needs a value, as in {option} {param.metavar or 'VALUE'}."


def verbosity_typo(option: str, value: bool = False, given: str | None = None) -> str:
    """-v 2 and friends: verbosity is counted, never numbered."""
    what = "value" if value else "number"
    read_as = f"; '{given}' is no file or folder here" if given is not None else ""
    return f"{option} takes no {what}: write -v for more detail, -vv for debug{read_as}."


def counted_with_number(command: Command, args: Sequence[str]) -> tuple[str, str] | None:
    """(`-v`, `2`) when `args` give a count option a number that names no file: `-v 2`."""
    counted = {o for p in command.params if getattr(p, "count", False) for o in p.opts}
    for option, following in itertools.pairwise(args):
        counting = option in counted or re.fullmatch(r"-v+", option) is not None
        if counting and following.isdigit() and not os.path.lexists(following):
            return option, following
    return None


def extra_arguments(command: Command, path: str, extra: Sequence[str]) -> str:
    """Arguments beyond what `command` takes."""
    taken = [name_of(p) for p in command.params if p.param_type_name == "argument"]
    takes = f"takes one {taken[0]}" if len(taken) == 1 else "takes no arguments"
    quote = " (quote a name with spaces)" if taken else ""
    return f"Unexpected argument {extra[0]!r}: {path} {takes}{quote}. See '{path} --help'."


def unknown_command(name: str, commands: Sequence[str], path: str) -> str:
    """A command that does not exist, with the nearest ones and the whole list."""
    close = get_close_matches(name, commands, n=2)
    guess = f" Did you mean {_or([repr(c) for c in close])}?" if close else ""
    return f"{path} has no command {name!r}.{guess} Commands: {', '.join(commands)}."


def given_value(param: Parameter, args: Sequence[str]) -> str | None:
    """The last value `args` give to option `param` (`-n 3`, `--sentences=3`, `-n3`)."""
    value = None
    for i, arg in enumerate(args):
        for opt in param.opts:
            if arg == opt and i + 1 < len(args):
                value = args[i + 1]
            elif opt.startswith("--") and arg.startswith(opt + "="):
                value = arg[len(opt) + 1 :]
            elif len(opt) == 2 and arg.startswith(opt) and not arg.startswith("--"):
                value = arg[2:] or value
    return value


def kind_of(param: Parameter, command: Command) -> str:
    """What `param` takes, from the command's own annotation: "a whole number from 1 to 100"."""
    found = _annotated_type(param, command)
    kind = KINDS.get(found, "a value") if found is not None else "a value"
    if param.name in RANGES:
        low, high = RANGES[param.name]
        kind += f" from {low:,} to {high:,}"
    return kind


def name_of(param: Parameter) -> str:
    """How --help names `param`: its metavar for an argument, its longest option otherwise."""
    if param.param_type_name == "argument":
        return param.metavar or (param.name or "").upper()
    return max(param.opts, key=len)


def usage_of(param: Parameter) -> str:
    """An argument in the usage line: NAME when required, [INPUT] when not, [URL]... for many."""
    name = name_of(param)
    return (name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else "")


def _named(param: Parameter, args: Sequence[str]) -> str:
    """The option as the user wrote it, then its other spellings: `-n (--sentences)`."""
    if param.param_type_name == "argument":
        return name_of(param)
    typed = next((o for o in param.opts if any(a.startswith(o) for a in args)), param.opts[0])
    others = [o for o in param.opts if o != typed]
    return f"{typed} ({', '.join(others)})" if others else typed


def _annotated_type(param: Parameter, command: Command) -> type | None:
    """The type a command's function declares for `param`, through Annotated and Optional."""
    if command.callback is None or param.name is None:
        return None
    hints = typing.get_type_hints(inspect.unwrap(command.callback))
    kinds = [a for a in typing.get_args(hints.get(param.name)) if a is not type(None)]
    found = kinds[0] if kinds else hints.get(param.name)
    return found if isinstance(found, type) else None


def _subcommands(command: Command) -> list[Command]:
    return list(getattr(command, "commands", {}).values())


def _or(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
