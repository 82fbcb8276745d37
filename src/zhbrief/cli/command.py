"""zhbrief's Click classes: options grouped under help panels, usage errors in one line.

Typer's rich help shows the panels but prints a type column that shows switches as "<bool>"
and squeezes the help into boxes at 80 columns; these classes print Click's plain sections,
one per panel (the `rich_help_panel` of each option), readable in any terminal and in a pipe.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer._click import Command as ClickCommand
from typer._click import Context, HelpFormatter, Parameter
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup

from zhbrief.cli import usage

OTHER = "Options"  # the section of options without a panel, shown last
TERM_MAX = 30  # a longer option name goes on a line of its own, as Click does


class OneLineUsageError(click_errors.UsageError):
    """A usage error shown as one `Error: …` line, without Click's usage block."""

    def show(self, file: Any = None) -> None:
        """Print the one line on stderr."""
        typer.echo(f"Error: {self.message}", err=True)


class OneLineErrors(ClickCommand):
    """Usage errors met while parsing a command's arguments, said in one line."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        """Parse `args`; a usage error becomes one line that says what to write instead."""
        given = list(args)  # Click's parser consumes the list it is given
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click_errors.NoArgsIsHelpError:
            raise  # `zhbrief` alone prints the help
        except click_errors.UsageError as error:
            explain_and_raise(error, self, info_name, parent, given)


class Command(OneLineErrors, TyperCommand):
    """A zhbrief command."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """Parse as Click does, then name extra arguments and `-v 2` in our own words."""
        typo = usage.counted_with_number(self, args)
        if typo is not None and not ctx.resilient_parsing:
            raise OneLineUsageError(usage.verbosity_typo(typo[0], given=typo[1]), ctx)
        allowed, ctx.allow_extra_args = ctx.allow_extra_args, True
        try:
            rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise OneLineUsageError(usage.extra_arguments(self, ctx.command_path, rest), ctx)
        return rest

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        """[OPTIONS] and the arguments as Click writes them: NAME, [INPUT], [URL]..."""
        arguments = [p for p in self.get_params(ctx) if p.param_type_name == "argument"]
        options = [self.options_metavar] if self.options_metavar else []
        return [*options, *(usage.usage_of(p) for p in arguments)]

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        """Arguments, then the options: no "<path>" after an argument's name."""
        write_sections(formatter, sections_of(self.get_params(ctx), ctx, panels=False))


class PanelledCommand(Command):
    """A command with many options: one help section per panel (`rich_help_panel`)."""

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        """Arguments, then one section per help panel in order of appearance, then the rest."""
        write_sections(formatter, sections_of(self.get_params(ctx), ctx, panels=True))


class Group(OneLineErrors, TyperGroup):
    """A zhbrief command group (the app, `model`)."""

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        """The command `args` name; an unknown one is named with the nearest and the list."""
        name = args[0]
        unknown = self.get_command(ctx, name) is None and not name.startswith("-")
        if unknown and not ctx.resilient_parsing:
            listed = [n for n, c in self.commands.items() if not c.hidden]
            raise OneLineUsageError(usage.unknown_command(name, listed, ctx.command_path), ctx)
        return super().resolve_command(ctx, args)


def explain_and_raise(
    error: click_errors.UsageError,
    command: Any,
    info_name: str | None,
    parent: Context | None,
    args: Sequence[str],
) -> NoReturn:
    """Raise `error` again as one line; one already in our words goes as it is."""
    if isinstance(error, OneLineUsageError):
        raise error
    path = " ".join(filter(None, [parent.command_path if parent else "", info_name or ""]))
    raise OneLineUsageError(usage.explain(error, command, path, args), error.ctx) from None


def sections_of(
    params: Sequence[Parameter], ctx: Context, panels: bool
) -> dict[str, list[tuple[str, str]]]:
    """Help rows by section: "Arguments", each panel as first met (if `panels`), then the rest."""
    sections: dict[str, list[tuple[str, str]]] = {"Arguments": []}
    other: list[tuple[str, str]] = []
    for param in params:
        record = param.get_help_record(ctx)
        if record is None:
            continue
        if param.param_type_name == "argument":  # its name alone, no "<path>" after it
            name = usage.name_of(param) + ("..." if param.nargs != 1 else "")
            sections["Arguments"].append((name, getattr(param, "help", None) or ""))
            continue
        panel = getattr(param, "rich_help_panel", None) if panels else None
        (sections.setdefault(panel, []) if panel else other).append(record)
    sections[OTHER] = sections.get(OTHER, []) + other
    return {title: rows for title, rows in sections.items() if rows}


def write_sections(formatter: HelpFormatter, sections: dict[str, list[tuple[str, str]]]) -> None:
    """Each section as Click writes its options, their help aligned across all sections."""
    names = [name for rows in sections.values() for name, _ in rows]
    width = min(max((len(n) for n in names), default=0), TERM_MAX)
    for title, rows in sections.items():
        with formatter.section(title):
            formatter.write_dl([(n.ljust(width), h) for n, h in rows], col_max=TERM_MAX)
