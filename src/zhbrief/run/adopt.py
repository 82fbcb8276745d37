"""After --rebuild-state: briefs already on disk are recorded again, not re-made."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from zhbrief.output.files import made_by_zhbrief
from zhbrief.run.plan import Plan, source_key
from zhbrief.run.report import iso
from zhbrief.store.db import Record, Store


def adopt_briefs(
    output: Path, plan: Plan, store: Store, max_bytes: int, clock: Callable[[], datetime]
) -> Plan:
    """Record each pending source whose brief is on disk with its hash; the plan without them."""
    adopted = set()
    for rel in plan.pending:
        brief = output / plan.names[rel]
        meta = _front_matter(brief)
        key = source_key(plan.sources[rel], max_bytes)
        if meta.get("source") != rel or meta.get("source_sha256") != key:
            continue
        store.put(
            Record(
                rel=rel,
                sha256=key,
                fingerprint=plan.fingerprint or "",
                output=plan.names[rel],
                status="done",
                title=str(meta.get("title") or rel),
                summary="",
                created=str(meta.get("created") or iso(clock())),
                updated=iso(clock()),
                rules=plan.rules,
            )
        )
        adopted.add(rel)
    pending = tuple(r for r in plan.pending if r not in adopted)
    return dataclasses.replace(plan, pending=pending)


def _front_matter(path: Path) -> dict[str, Any]:
    """The YAML front matter of a brief zhbrief wrote; {} for anything else."""
    import yaml

    if not path.is_file() or not made_by_zhbrief(path):
        return {}
    try:
        head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
        data = yaml.safe_load(head)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}
