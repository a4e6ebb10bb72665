"""Thread jobs (Start-ThreadJob): a fresh runspace on a thread, under one process-wide throttled queue."""
from __future__ import annotations

import threading
from collections import deque
from typing import Any, Optional

from pslark.runtime.jobs.model import Job, stream_sinks
from pslark.runtime.streams import Streams

DEFAULT_THROTTLE = 5
JOB_THREAD_STACK = 64 * 1024 * 1024
_stack_lock = threading.Lock()


def start_thread(target, name: str, stack_size: int = JOB_THREAD_STACK) -> threading.Thread:
    """A daemon thread with a large stack (script recursion runs on the Python stack)."""
    with _stack_lock:
        old = threading.stack_size()
        threading.stack_size(stack_size)
        try:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
        finally:
            threading.stack_size(old)
    return thread


class ThreadJobQueue:
    """pwsh's static ThreadJobQueue: at most `limit` thread jobs run; the rest wait as NotStarted.

    A Start-ThreadJob with -ThrottleLimit changes the limit for every later and already queued job; without it
    the limit stays as it is (issue #13549). Jobs run on reused worker threads: starting a Python thread costs
    more than a trivial job, and idle workers exit after a few seconds."""

    IDLE_SECONDS = 5.0

    def __init__(self, limit: int = DEFAULT_THROTTLE):
        self.limit = limit
        self.running = 0
        self.pending: deque = deque()      # queued, NotStarted
        self.ready: deque = deque()        # admitted under the limit, waiting for a worker thread
        self.idle = 0                      # workers waiting for `ready` work
        self.lock = threading.Lock()
        self.wake = threading.Condition(self.lock)

    def set_limit(self, limit: Optional[int]) -> None:
        if limit is None or limit <= 0:
            return
        with self.lock:
            self.limit = limit
        self._start_pending()

    def enqueue(self, job: "ThreadJob") -> None:
        with self.lock:
            self.pending.append(job)
        self._start_pending()

    def done(self) -> None:
        with self.lock:
            self.running -= 1
        self._start_pending()

    def start_now(self, job: "ThreadJob") -> bool:
        """Job2.StartJob for a queued job: run it at once, whatever the throttle limit says."""
        with self.lock:
            try:
                self.pending.remove(job)
            except ValueError:
                return False
            self.running += 1
        start_thread(job.run_admitted, "ThreadJobWorker")
        return True

    def remove_pending(self, job: "ThreadJob") -> bool:
        with self.lock:
            try:
                self.pending.remove(job)
                return True
            except ValueError:
                return False

    def _start_pending(self) -> None:
        with self.lock:
            while self.pending and self.running < self.limit:
                self.ready.append(self.pending.popleft())
                self.running += 1
            spawn = max(0, len(self.ready) - self.idle)
            if self.ready:
                self.wake.notify(len(self.ready))
        for _ in range(spawn):
            start_thread(self._worker, "ThreadJobWorker")

    def _worker(self) -> None:
        while True:
            with self.lock:
                while not self.ready:
                    self.idle += 1
                    try:
                        woken = self.wake.wait(self.IDLE_SECONDS)
                    finally:
                        self.idle -= 1
                    if not woken and not self.ready:
                        return
                job = self.ready.popleft()
            job.run_admitted()


QUEUE = ThreadJobQueue()


class ThreadJob(Job):
    job_type_name = "ThreadJob"
    job_source_adapter = "ThreadJobSourceAdapter"    # found by name/command literally (runtime/cmdlets/jobs.py)
    type_names = ["ThreadJob.ThreadJob", "System.Management.Automation.Job2", "System.Management.Automation.Job",
                  "System.Object"]

    def __init__(self, caller_ctx, script_ast, command: str, name: Optional[str], args: list, input_items,
                 using_values: dict, init_ast=None, streaming_host=None, script_path: Optional[str] = None):
        super().__init__(command, name, "PowerShell")
        self.caller_ctx = caller_ctx
        self.script_ast = script_ast
        self.args = args
        self.input_items = input_items
        self.using_values = using_values
        self.init_ast = init_ast
        self.streaming_host = streaming_host
        self.script_path = script_path
        self.ctx = None
        self.ended = threading.Event()     # set when the job's script has finished on its worker thread
        self.stop_requested = False

    @property
    def has_more_data(self) -> bool:
        # Information (Write-Host) does not count for thread jobs ([TJ] ThreadJob.HasMoreData)
        return any(len(c) for c in (self.output, self.error, self.progress, self.verbose, self.debug, self.warning))

    def start(self) -> None:
        QUEUE.enqueue(self)

    def run_admitted(self) -> None:
        """Run on a queue worker thread once the throttle admits the job."""
        if self.stop_requested:
            self.ended.set()
            QUEUE.done()
            return
        threading.current_thread().name = f"ThreadJob{self.id}"
        self._run()

    def _run(self) -> None:
        engine = self.caller_ctx.engine
        try:
            ctx = engine.new_runspace(location=self.caller_ctx.location)
            self.ctx = ctx
            ctx.using_values = self.using_values
            ctx.streams = Streams(ctx, **self._sinks(ctx))
            if self.stop_requested:
                self.set_state("Stopped")
                return
            self.set_state("Running")

            def out(obj):
                self.output.add(obj)
                self.notify_data()
            failure = engine.run_job_script(ctx, self.script_ast, self.args, self.input_items, out,
                                            init_ast=self.init_ast, script_path=self.script_path)
            if self.stop_requested or ctx.stop_event.is_set():
                self.set_state("Stopped")
            elif failure is not None:
                # as pwsh's ThreadJob: the terminating error is the job's Reason, not error data (Receive-Job
                # writes it as JobStateFailed each time, and it does not count for HasMoreData)
                self.set_state("Failed", failure)
            else:
                self.set_state("Completed")
        except BaseException as exc:   # a pslark bug must fail the job, never kill the process silently
            from pslark.runtime.errors import RuntimeException
            self.set_state("Failed", RuntimeException(f"pslark internal error: {type(exc).__name__}: {exc}"))
        finally:
            self.ended.set()
            QUEUE.done()

    def _sinks(self, ctx) -> dict:
        sinks = stream_sinks(self)
        host = self.streaming_host
        if host is None:
            return sinks

        def tee(kind, show):
            collect = sinks[kind]

            def sink(record):
                collect(record)
                show(record)
            return sink
        from pslark.runtime.records import HostInformationMessage
        sinks["warning"] = tee("warning", lambda r: host.write_warning(r.message))
        sinks["verbose"] = tee("verbose", lambda r: host.write_verbose(r.message))
        sinks["debug"] = tee("debug", lambda r: host.write_debug(r.message))
        sinks["error"] = tee("error", host.write_error_record)
        sinks["information"] = tee("information", lambda r: host.write_host(r.message_data) if isinstance(
            r.message_data, HostInformationMessage) else host.write_information(str(r.message_data)))
        return sinks

    def ps_invoke(self, name: str, args: list) -> Any:
        """The Job2 methods of pwsh's ThreadJob: StartJob/StartJobAsync (a queued job starts now),
        StopJob/StopJobAsync (with or without force and reason); the Async ones do not wait."""
        key = name.casefold()
        if key in ("startjob", "startjobasync") and not args:
            QUEUE.start_now(self)
            return None
        if key in ("stopjob", "stopjobasync") and len(args) in (0, 2):
            if key == "stopjob":
                self.stop()
            else:
                start_thread(self.stop, f"StopThreadJob{self.id}", stack_size=256 * 1024)
            return None
        raise AttributeError(name)

    def stop(self) -> None:
        if self.is_finished:
            return
        self.stop_requested = True
        if QUEUE.remove_pending(self):
            self.set_state("Stopped")
            return
        if self.state == "Running":
            self.set_state("Stopping")
        ctx = self.ctx
        if ctx is not None:
            ctx.stop_event.set()
            for proc in list(getattr(ctx, "child_processes", ()) or ()):
                try:
                    proc.kill()
                except OSError:
                    pass
        self.ended.wait(5)
        if not self.is_finished:
            self.set_state("Stopped")
