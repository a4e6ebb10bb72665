"""ForEach-Object -Parallel: a per-call pool of ThrottleLimit runspaces on threads (pwsh's PSTaskPool).

Each input item becomes a task that runs the -Parallel block in a pooled runspace (reset between tasks, or
a new one per task with -UseNewRunspace) with `$_` set to the item and `$using:` values shared by reference.
Results and stream records go to a Reporter: the synchronous cmdlet drains them on the pipeline thread in
completion order; -AsJob stores them in one PSTaskChildJob per item.
"""
from __future__ import annotations

import queue
import threading
import time
from typing import Any, Callable, Optional

from pslark.runtime.errors import ErrorRecord, PipelineStoppedException, PSException, RuntimeException
from pslark.runtime.jobs.model import Job, stream_sinks
from pslark.runtime.jobs.threadjob import start_thread
from pslark.runtime.streams import Streams

_STOP = object()


def task_error(exc: PSException) -> ErrorRecord:
    """A terminating error inside a -Parallel block becomes an error with the id PSTaskException."""
    record = exc.error_record
    message = record.message if record is not None else exc.message
    new = ErrorRecord(exc, "PSTaskException", "InvalidOperation", None,
                      record.invocation_info if record is not None else None)
    if record is not None and record.error_details_message:
        new.error_details_message = record.error_details_message
    elif message != exc.message:
        new.error_details_message = message
    return new


class Task:
    __slots__ = ("item", "job", "ctx", "started")

    def __init__(self, item: Any, job: Optional["PSTaskChildJob"] = None):
        self.item = item
        self.job = job
        self.ctx = None
        self.started = False


class TaskPool:
    """ThrottleLimit worker threads; submit() blocks while all of them are busy (pwsh's feeder waits too)."""

    def __init__(self, caller_ctx, sb_ast, using_values: dict, throttle: int, new_runspace: bool,
                 reporter_for: Callable[[Task], "Reporter"]):
        self.caller_ctx = caller_ctx
        self.sb_ast = sb_ast
        self.using_values = using_values
        self.throttle = max(1, throttle)
        self.new_runspace = new_runspace
        self.reporter_for = reporter_for
        self.location = caller_ctx.location
        self.tasks: "queue.Queue[Any]" = queue.Queue()
        self.slots = threading.Semaphore(self.throttle)
        self.threads: list[threading.Thread] = []
        self.running: set[Task] = set()
        self.lock = threading.Lock()
        self.stopped = False
        self.allocated_runspaces = 0
        self.outstanding = 0
        self.all_done = threading.Condition(self.lock)

    # ---- feeding
    def try_submit(self, task: Task, timeout: float) -> bool:
        if not self.slots.acquire(timeout=timeout):
            return False
        with self.lock:
            if self.stopped:
                self.slots.release()
                return True
            self.outstanding += 1
            need_thread = len(self.threads) < self.throttle
        if need_thread:
            thread = start_thread(self._worker, f"PSTask-{len(self.threads) + 1}")
            self.threads.append(thread)
        self.tasks.put(task)
        return True

    def close(self) -> None:
        for _ in self.threads:
            self.tasks.put(_STOP)

    def wait_idle(self, timeout: float) -> bool:
        with self.all_done:
            if self.outstanding == 0:
                return True
            self.all_done.wait(timeout)
            return self.outstanding == 0

    def stop(self) -> None:
        """Stop every running task and drop the queued ones."""
        with self.lock:
            self.stopped = True
            running = list(self.running)
        for task in running:
            ctx = task.ctx
            if ctx is not None:
                ctx.stop_event.set()
                for proc in list(getattr(ctx, "child_processes", ()) or ()):
                    try:
                        proc.kill()
                    except OSError:
                        pass
        # drain queued tasks
        while True:
            try:
                task = self.tasks.get_nowait()
            except queue.Empty:
                break
            if task is _STOP:
                continue
            self._finish(task, dropped=True)

    # ---- running
    def _new_ctx(self):
        ctx = self.caller_ctx.engine.new_runspace(location=self.location)
        ctx.using_values = self.using_values
        with self.lock:
            self.allocated_runspaces += 1
        return ctx

    def _worker(self) -> None:
        ctx = None
        snapshot = None
        while True:
            task = self.tasks.get()
            if task is _STOP:
                return
            if self.stopped:
                self._finish(task, dropped=True)
                continue
            if ctx is None or self.new_runspace:
                ctx = self._new_ctx()
                snapshot = _snapshot(ctx)
            else:
                _reset(ctx, snapshot, self.location)
            task.ctx = ctx
            with self.lock:
                self.running.add(task)
            try:
                self._run(task, ctx)
            finally:
                with self.lock:
                    self.running.discard(task)
                self._finish(task)

    def _run(self, task: Task, ctx) -> None:
        reporter = self.reporter_for(task)
        ctx.stop_event.clear()
        ctx.streams = Streams(ctx, **reporter.sinks())
        reporter.started()
        failure = self.caller_ctx.engine.run_job_script(ctx, self.sb_ast, [], None, reporter.output,
                                                        dollar_under=task.item)
        if ctx.stop_event.is_set():
            reporter.stopped(PipelineStoppedException())
        elif failure is not None:
            reporter.failed(failure)
        else:
            reporter.completed()

    def _finish(self, task: Task, dropped: bool = False) -> None:
        if dropped and task.job is not None and not task.job.is_finished:
            task.job.set_state("Stopped")
        with self.all_done:
            self.outstanding -= 1
            self.all_done.notify_all()
        self.slots.release()


def _snapshot(ctx) -> dict:
    return {k: (v, v.name, v.value, v.options) for k, v in ctx.session.global_scope.variables.items()}


def _reset(ctx, snapshot: dict, location: str) -> None:
    """Give a pooled runspace back its initial state: no variables or functions of the previous task.
    Variables the task did not touch are kept as they are (most tasks change only a few)."""
    from pslark.runtime.session import PSVariable
    scope = ctx.session.global_scope
    current = scope.variables
    fresh = {}
    for k, (var, name, value, options) in snapshot.items():
        if (current.get(k) is var and var.value is value and var.options is options and not var.attributes
                and var.type_constraint is None):
            fresh[k] = var
        else:
            fresh[k] = PSVariable(name, value, options)
    scope.variables = fresh
    scope.functions = {}
    ctx.session.current = scope
    ctx.session.location = location
    ctx.strict_mode = 0


class Reporter:
    """Where one task's results go."""

    def sinks(self) -> dict:
        raise NotImplementedError

    def output(self, obj: Any) -> None:
        raise NotImplementedError

    def started(self) -> None:
        pass

    def completed(self) -> None:
        pass

    def failed(self, exc: PSException) -> None:
        pass

    def stopped(self, exc: PSException) -> None:
        pass


class QueueReporter(Reporter):
    """Synchronous -Parallel: everything goes to a queue the cmdlet drains on the pipeline thread."""

    def __init__(self, results: "queue.Queue"):
        self.results = results

    def sinks(self) -> dict:
        put = self.results.put
        return {"error": lambda r: put(("error", r)), "warning": lambda r: put(("warning", r)),
                "verbose": lambda r: put(("verbose", r)), "debug": lambda r: put(("debug", r)),
                "information": lambda r: put(("information", r)), "progress": lambda r: put(("progress", r))}

    def output(self, obj: Any) -> None:
        self.results.put(("output", obj))

    def failed(self, exc: PSException) -> None:
        self.results.put(("error", task_error(exc)))

    def stopped(self, exc: PSException) -> None:
        record = ErrorRecord(exc, "PSTaskException", "OperationStopped", None)
        self.results.put(("error", record))


class JobReporter(Reporter):
    """-AsJob: the task's PSTaskChildJob keeps everything, as a job does."""

    def __init__(self, job: "PSTaskChildJob"):
        self.job = job

    def sinks(self) -> dict:
        return stream_sinks(self.job)

    def output(self, obj: Any) -> None:
        self.job.output.add(obj)
        self.job.notify_data()

    def started(self) -> None:
        self.job.set_state("Running")

    def completed(self) -> None:
        self.job.set_state("Completed")

    def failed(self, exc: PSException) -> None:
        self.job.error.add(task_error(exc))
        self.job.set_state("Failed", exc)

    def stopped(self, exc: PSException) -> None:
        self.job.set_state("Stopped")


class PSTaskChildJob(Job):
    job_type_name = "PSTaskChildJob"
    type_names = ["System.Management.Automation.PSTasks.PSTaskChildJob", "System.Management.Automation.Job",
                  "System.Object"]

    def __init__(self, command: str):
        super().__init__(command, None, "PowerShell")
        self.pool: Optional[TaskPool] = None
        self.task: Optional[Task] = None

    def stop(self) -> None:
        if self.is_finished:
            return
        task = self.task
        if task is not None and task.ctx is not None and self.state == "Running":
            self.set_state("Stopping")
            task.ctx.stop_event.set()
            for proc in list(getattr(task.ctx, "child_processes", ()) or ()):
                try:
                    proc.kill()
                except OSError:
                    pass
        if not self.is_finished and self.state == "NotStarted":
            self.set_state("Stopped")


class PSTaskJob(Job):
    """What -AsJob returns: a parent with one PSTaskChildJob per input item."""

    job_type_name = "PSTaskJob"
    type_names = ["System.Management.Automation.PSTasks.PSTaskJob", "System.Management.Automation.Job",
                  "System.Object"]
    ps_properties = Job.ps_properties + ("AllocatedRunspaceCount",)

    def __init__(self, command: str, pool_factory: Callable[["PSTaskJob"], TaskPool]):
        super().__init__(command, None, "PowerShell")
        self.pool = pool_factory(self)

    def add_item(self, item: Any) -> PSTaskChildJob:
        child = PSTaskChildJob(self.command)
        child.parent = self
        child.task = Task(item, child)
        self.child_jobs.append(child)
        return child

    def start(self) -> None:
        """Feed the children to the pool from a thread (submission blocks at the throttle limit)."""
        if not self.child_jobs:
            self.set_state("Completed")
            return
        self.set_state("Running")
        start_thread(self._feed, f"PSTaskJob{self.id}")

    def _feed(self) -> None:
        pool = self.pool
        for child in list(self.child_jobs):
            if pool.stopped:
                if not child.is_finished:
                    child.set_state("Stopped")
                continue
            task = child.task
            while not pool.try_submit(task, 0.1):
                if pool.stopped:
                    break
        pool.close()

    def stop(self) -> None:
        self.pool.stop()
        for child in self.child_jobs:
            child.stop()

    def ps_get(self, name: str):
        if name.casefold() == "allocatedrunspacecount":
            return self.pool.allocated_runspaces
        return super().ps_get(name)
