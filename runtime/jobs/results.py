"""The Results collection of pwsh's PSRemotingChildJob: a job's records of every stream in the order they
arrived, so that Receive-Job replays output, errors, warnings, verbose and host text interleaved as the job
wrote them (a thread job's streams, by contrast, are replayed one collection after another)."""
from __future__ import annotations

import threading
from typing import Any

from pslark.runtime.jobs.model import DataCollection, Job

KINDS = ("output", "error", "progress", "verbose", "debug", "warning", "information")


class LoggedCollection(DataCollection):
    """One stream's collection ($job.Output, $job.Warning ...) that also notes each record in the job's log."""

    __slots__ = ("log", "kind")

    def add(self, item: Any) -> None:
        with self.lock:
            self.append(item)
            self.log.entries.append((self.kind, item))


class ResultsLog:
    """Installed on a job in place of its stream collections; they all share one lock with the log, so the
    first n records of a stream in the log are the first n items of that stream's collection."""

    def __init__(self, job: Job):
        self.lock = threading.Lock()
        self.entries: list[tuple[str, Any]] = []
        self.collections: dict[str, LoggedCollection] = {}
        for kind in KINDS:
            old: DataCollection = getattr(job, kind)
            coll = LoggedCollection(old.element_type)
            coll.lock = self.lock
            coll.log = self
            coll.kind = kind
            self.collections[kind] = coll
            setattr(job, kind, coll)

    def take(self, keep: bool = False) -> list[tuple[str, Any]]:
        """(kind, record) pairs in arrival order; without `keep` they leave the log and their collections."""
        with self.lock:
            entries = list(self.entries)
            if not keep:
                self.entries.clear()
                counts: dict[str, int] = {}
                for kind, _item in entries:
                    counts[kind] = counts.get(kind, 0) + 1
                for kind, n in counts.items():
                    del self.collections[kind][:n]
            return entries
