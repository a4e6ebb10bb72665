"""The job repository of a runspace: the jobs Get-Job lists, in creation order."""
from __future__ import annotations

import threading
from typing import Optional

from pslark.runtime.jobs.model import Job


class JobRepository:
    def __init__(self):
        self._jobs: dict[int, Job] = {}
        self._lock = threading.Lock()

    def add(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.id] = job

    def remove(self, job: Job) -> None:
        with self._lock:
            self._jobs.pop(job.id, None)
        job.dispose()

    def jobs(self) -> list[Job]:
        with self._lock:
            return list(self._jobs.values())

    def all_jobs(self) -> list[Job]:
        """Top-level jobs and, after each, its children (for -IncludeChildJob and Id lookups)."""
        out = []
        for job in self.jobs():
            out.append(job)
            out.extend(_descendants(job))
        return out

    def by_id(self, job_id: int) -> Optional[Job]:
        for job in self.all_jobs():
            if job.id == job_id:
                return job
        return None

    def shutdown(self) -> None:
        """pslark is exiting: every running job ends with it (no orphaned workers)."""
        for job in self.jobs():
            try:
                if not job.is_finished:
                    job.stop()
            finally:
                job.dispose()


def _descendants(job: Job) -> list[Job]:
    out = []
    for child in job.child_jobs:
        out.append(child)
        out.extend(_descendants(child))
    return out
