"""Errors a user can act on; only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class ZhbriefError(Exception):
    """Base class of every error zhbrief reports to a user."""

    exit_code = 1
    environment = False  # caused by the machine (model, engine, disk, permissions), not a source


class UsageError(ZhbriefError):
    """A command line, config file or input folder that cannot be used."""

    exit_code = 2


class NoModelError(ZhbriefError):
    """No usable zh→en translation package."""

    exit_code = 3


class EngineUnreachable(NoModelError):
    """A translation server that cannot be reached, or refuses zhbrief (its URL or API key)."""


class LockedError(ZhbriefError):
    """Another run holds the output folder's lock."""

    exit_code = 75


class SourceError(ZhbriefError):
    """One input file cannot be turned into an article; the run goes on without it."""


class PackageError(ZhbriefError):
    """A translation package that cannot be installed, listed or removed."""


class EngineError(ZhbriefError):
    """The translation engine failed on a batch of sentences."""

    environment = True


class NotChineseError(SourceError):
    """A readable file without Chinese text; the run skips it rather than failing it."""


class FetchError(ZhbriefError):
    """One feed, sitemap or page could not be fetched; the others go on."""

    def __init__(self, reason: str, *, permanent: bool = False, status: int | None = None) -> None:
        super().__init__(reason)
        self.permanent = permanent  # a 4xx, a bad type or size: retrying next time will not help
        self.status = status  # the HTTP status, when a response came at all


class OfflineError(ZhbriefError):
    """No source could be reached at all: the network or DNS is down."""


class StoreDamagedError(ZhbriefError):
    """The state database is damaged; --rebuild-state moves it aside."""

    exit_code = 4


class PermissionProblem(ZhbriefError):
    """A folder or file zhbrief must write (output, state, log) is not writable."""

    exit_code = 5


class DiskError(ZhbriefError):
    """Writing failed for lack of space or another I/O error of the disk."""

    exit_code = 6


class Interrupted(BaseException):
    """SIGTERM or SIGINT stopped the run; BaseException so no `except Exception` swallows it."""

    def __init__(self, signum: int, name: str) -> None:
        super().__init__(name)
        self.exit_code = 128 + signum
        self.name = name


class ReadPermissionError(SourceError):
    """A source this user may not read: a permissions problem, retried by the next run."""

    environment = True


class ForeignFileError(ZhbriefError):
    """A file zhbrief did not write stands where it would write; it is never overwritten."""

    exit_code = 2
    environment = True  # the user moves it away, and the next run writes the brief
