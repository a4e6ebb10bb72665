"""The job cmdlets: Start-Job, Start-ThreadJob, Get-Job, Receive-Job, Wait-Job, Stop-Job, Remove-Job."""
from __future__ import annotations

import datetime
import os
import time
import uuid
from typing import Any, Optional

from pslark.runtime import paramtypes
from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.errors import (
    ArgumentException, DirectoryNotFoundException, ErrorRecord, PSArgumentException, PSException,
    PSInvalidCastException, PSInvalidOperationException, RuntimeException,
)
from pslark.runtime.jobs.model import FINISHED_STATES, JOB_STATES, PERSISTENT_STATES, Job
from pslark.runtime.objects import AUTOMATION_NULL, PSObject
from pslark.runtime.shouldprocess import Operation

CORE = "Microsoft.PowerShell.Core"
SESSION_ID_SET = "SessionIdParameterSet"
JOB_SET = "JobParameterSet"
NAME_SET = "NameParameterSet"
INSTANCE_ID_SET = "InstanceIdParameterSet"
STATE_SET = "StateParameterSet"
COMMAND_SET = "CommandParameterSet"
FILTER_SET = "FilterParameterSet"


# ------------------------------------------------------------------------------------------------
# parameter types owned by the job feature

def _to_job(value: Any) -> Job:
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base
    if isinstance(value, Job):
        return value
    from pslark.runtime.conversion import to_string
    from pslark.runtime.members import type_names
    tn = type_names(value)[0] if value is not None else "null"
    raise PSInvalidCastException(
        f'Cannot convert the "{to_string(value)}" value of type "{tn}" to type "System.Management.Automation.Job".',
        error_id="ConvertToFinalInvalidCastException")


def _to_job_state(value: Any) -> str:
    from pslark.runtime.conversion import to_string
    text = to_string(value).strip()
    for state in JOB_STATES:
        if state.casefold() == text.casefold():
            return state
    if isinstance(value, int) and 0 <= value < len(JOB_STATES):
        return JOB_STATES[value]
    raise PSInvalidCastException(
        f'Cannot convert value "{text}" to type "System.Management.Automation.JobState". Error: "Unable to match the '
        f'identifier name {text} to a valid enumerator name. Specify one of the following enumerator names and try '
        f'again:\n{", ".join(JOB_STATES)}"', error_id="InvalidCastFromStringToEnum")


paramtypes.register_converter("Job", _to_job)
paramtypes.register_converter("JobState", _to_job_state)


# ------------------------------------------------------------------------------------------------

class JobCmdletBase(Cmdlet):
    """Finding jobs by Id, Name, InstanceId, State, Command, Filter, as pwsh's JobCmdletBase does."""

    def repository(self):
        return self.ctx.get_jobs()

    def fq_suffix(self) -> str:
        return f"Microsoft.PowerShell.Commands.{self.cmdlet_name.replace('-', '')}Command"

    def _not_found(self, message: str, error_id: str, target: Any) -> None:
        exc = PSArgumentException(message)
        record = ErrorRecord(exc, f"{error_id},{self.fq_suffix()}", "ObjectNotFound", target, self.invocation)
        self.write_error(record)

    def _cannot_remove(self, job: Job, message: str, parameter: str) -> None:
        exc = ArgumentException(f"{message} (Parameter '{parameter}')")
        record = ErrorRecord(exc, f"JobObjectNotFinishedCannotBeRemoved,{self.fq_suffix()}", "InvalidOperation", job,
                             self.invocation)
        self.write_error(record)

    def _check_removable(self, job: Job, check: bool, message: str, parameter: str) -> bool:
        if not check or job.is_finished:
            return True
        self._cannot_remove(job, message, parameter)
        return False

    def find_by_id(self, ids, recurse: bool, check_remove: bool = False) -> list[Job]:
        repo = self.repository()
        out = []
        for job_id in ids or []:
            match = None
            for job in repo.jobs():
                if job.id == job_id:
                    match = job
                    break
            if match is None and recurse:
                match = next((j for j in repo.all_jobs() if j.id == job_id), None)
            if match is None:
                self._not_found(f"The command cannot find a job with the job ID {job_id}. Verify the value of the Id "
                                f"parameter and then try the command again.", "JobWithSpecifiedSessionNotFound", job_id)
                continue
            if self._check_removable(match, check_remove,
                                     f"The command cannot remove the job with the job ID {match.id} because the job "
                                     f"is not finished. To remove the job, first stop the job, or use the Force "
                                     f"parameter.", "SessionId"):
                out.append(match)
        return out

    def find_by_name(self, names, recurse: bool, check_remove: bool = False) -> list[Job]:
        from pslark.runtime.wildcard import has_wildcard, wildcard_match
        repo = self.repository()
        out = []
        for name in names or []:
            if not name:
                continue
            found = False
            pool = repo.all_jobs() if recurse else repo.jobs()
            for job in pool:
                if job.name.casefold() == name.casefold() if _from_adapter(job) else wildcard_match(name, job.name):
                    found = True
                    if job not in out and self._check_removable(
                            job, check_remove,
                            f"The command cannot remove the job with the job ID {job.id} and the name {job.name} "
                            f"because the job is not finished. To remove the job, first stop the job, or use the "
                            f"Force parameter.", "Name"):
                        out.append(job)
            if not found and not has_wildcard(name):
                self._not_found(f"The command cannot find the job because the job name {name} was not found. Verify "
                                f"the value of the Name parameter, and then try the command again.",
                                "JobWithSpecifiedNameNotFound", name)
        return out

    def find_by_instance_id(self, ids, recurse: bool, check_remove: bool = False) -> list[Job]:
        repo = self.repository()
        out = []
        for iid in ids or []:
            pool = repo.all_jobs() if recurse else repo.jobs()
            match = next((j for j in pool if j.instance_id == iid), None)
            if match is None:
                self._not_found(f"The command cannot find a job with the instance identifier {iid}. Verify the value "
                                f"of the InstanceId parameter, and then try the command again.",
                                "JobWithSpecifiedInstanceIdNotFound", iid)
                continue
            if self._check_removable(match, check_remove,
                                     f"The command cannot remove the job with the job ID {match.id} and the instance "
                                     f"identifier {match.instance_id} because the job is not finished. To remove the "
                                     f"job, first stop the job or use the Force parameter.", "InstanceId"):
                out.append(match)
        return out

    def find_by_state(self, state: str) -> list[Job]:
        return [j for j in self.repository().jobs() if j.state == state]

    def find_by_command(self, commands) -> list[Job]:
        from pslark.runtime.wildcard import wildcard_match
        out = []
        for command in commands or []:
            for job in self.repository().jobs():
                if _from_adapter(job):
                    matched = job.command.casefold() == command.casefold()
                else:
                    text = job.command.strip()
                    matched = text.casefold() == command.strip().casefold() or wildcard_match(command, text)
                if matched and job not in out:
                    out.append(job)
        return out

    def find_by_filter(self, table) -> list[Job]:
        """-Filter: pwsh supports it only for job types with a source adapter; plain jobs never match."""
        return []

    def jobs_for_set(self, recurse: bool = True, check_remove: bool = False) -> list[Job]:
        ps = self.parameter_set
        if ps == NAME_SET:
            return self.find_by_name(self.name, recurse, check_remove)
        if ps == INSTANCE_ID_SET:
            return self.find_by_instance_id(self.instance_id, recurse, check_remove)
        if ps == STATE_SET:
            return self.find_by_state(self.state)
        if ps == COMMAND_SET:
            return self.find_by_command(self.command)
        if ps == FILTER_SET:
            return self.find_by_filter(self.filter)
        if ps == JOB_SET:
            out = []
            for job in self.job or []:
                if self._check_removable(job, check_remove,
                                         f"The command cannot remove the job with the job ID {job.id} because the job "
                                         f"is not finished. To remove the job, first stop the job, or use the Force "
                                         f"parameter.", "Job"):
                    out.append(job)
            return out
        return self.find_by_id(self.id, recurse, check_remove)


def _from_adapter(job: Job) -> bool:
    """Is this a job pwsh keeps in a JobSourceAdapter (a ThreadJob) instead of the session's JobRepository?
    The cmdlets ask the adapter for those, and ThreadJobSourceAdapter compares -Name and -Command literally
    (case-insensitive, no wildcards, the Command text untrimmed): `Get-Job -Name al*` finds no thread job."""
    return getattr(job, "job_source_adapter", None) is not None


def _selector_parameters(id_mandatory: bool = True, with_job: bool = True, with_state: bool = True,
                         with_command: bool = True, state_position: Optional[int] = 0):
    params = {
        "id": Parameter("int[]", position=0, mandatory=id_mandatory, by_property_name=True, sets=(SESSION_ID_SET,),
                        validate_not_null_or_empty=True),
        "name": Parameter("string[]", position=0, mandatory=True, by_property_name=True, sets=(NAME_SET,),
                          validate_not_null_or_empty=True),
        "instance_id": Parameter("guid[]", position=0, mandatory=True, by_property_name=True,
                                 sets=(INSTANCE_ID_SET,), validate_not_null_or_empty=True),
        "filter": Parameter("hashtable", position=0, mandatory=True, by_property_name=True, sets=(FILTER_SET,)),
    }
    if with_state:
        params["state"] = Parameter("JobState", position=state_position, mandatory=True, by_property_name=True,
                                    sets=(STATE_SET,))
    if with_command:
        params["command"] = Parameter("string[]", by_property_name=True, sets=(COMMAND_SET,),
                                      validate_not_null_or_empty=True)
    if with_job:
        params["job"] = Parameter("Job[]", position=0, mandatory=True, pipeline=True, by_property_name=True,
                                  sets=(JOB_SET,), validate_not_null_or_empty=True)
    return params


def _job_cmdlet(name: str, klass_name: str, attrs: dict, base=JobCmdletBase, **kw):
    klass = type(klass_name, (base,), attrs)
    return cmdlet(name, module=CORE, **kw)(klass)


# ------------------------------------------------------------------------------------------------
# Get-Job

class _GetJob(JobCmdletBase):
    """pwsh's GetJobCommand: matching jobs, then child jobs (-IncludeChildJob / -ChildJobState), then the
    HasMoreData and time filters, written sorted by Id."""

    def process_record(self):
        jobs = self._matching()
        if self.is_bound("IncludeChildJob") or self.is_bound("ChildJobState"):
            children = []
            for job in jobs:
                children.extend(c for c in job.child_jobs
                                if not self.is_bound("ChildJobState") or c.state == self.child_job_state)
            jobs = jobs + children
        if self.is_bound("HasMoreData"):
            jobs = [j for j in jobs if j.has_more_data == bool(self.has_more_data)]
        jobs = self._time_filter(jobs)
        for job in sorted(jobs, key=lambda j: j.id):
            self.write_object(job)

    def _matching(self) -> list[Job]:
        if self.parameter_set == SESSION_ID_SET and not self.is_bound("Id"):
            return self.repository().jobs()
        return self.jobs_for_set(recurse=True)

    def _time_filter(self, jobs: list[Job]) -> list[Job]:
        before, after = self.is_bound("Before"), self.is_bound("After")
        if before or after:
            jobs = [j for j in jobs if j.end_time is not None
                    and (not before or j.end_time < self.before) and (not after or j.end_time > self.after)]
        if self.is_bound("Newest") and jobs:
            # newest PSEndTime first; jobs that have not ended compare equal to every other job
            ended = sorted((j for j in jobs if j.end_time is not None), key=lambda j: j.end_time, reverse=True)
            jobs = (ended + [j for j in jobs if j.end_time is None])[:max(self.newest, 0)]
        return jobs


GetJob = _job_cmdlet("Get-Job", "GetJob", dict(
    _selector_parameters(id_mandatory=False, with_job=False),
    include_child_job=Parameter("switch"),
    child_job_state=Parameter("JobState"),
    has_more_data=Parameter("bool"),
    before=Parameter("datetime"),
    after=Parameter("datetime"),
    newest=Parameter("int"),
), base=_GetJob, aliases=("gjb",), default_set=SESSION_ID_SET)


# ------------------------------------------------------------------------------------------------
# Receive-Job

LOCATION_SET = "Location"


class _ReceiveJob(JobCmdletBase):
    def begin_processing(self):
        if self.wait and self.keep:
            self._wait_with_keep()
        # pwsh's ValidateAutoRemove, ValidateWriteJobInResults, ValidateWriteEvents, ValidateForce, in this order
        for bound, text in ((self.auto_remove_job, "The -AutoRemoveJob parameter cannot be used without the -Wait "
                                                   "parameter"),
                            (self.write_job_in_results, "The -WriteJobInResults parameter cannot be used without the "
                                                        "-Wait parameter"),
                            (self.write_events, "The WriteEvents parameter cannot be used without the Wait "
                                                "parameter."),
                            (self.force, "The -Force parameter cannot be used without the -Wait parameter.")):
            if bound and not self.wait:
                self.throw_terminating(ErrorRecord(PSInvalidOperationException(text),
                                                   f"InvalidOperation,{self.fq_suffix()}", "InvalidOperation", None,
                                                   self.invocation))
        self.pending: list[Job] = []
        self.reasons_written: set[int] = set()

    def _wait_with_keep(self) -> None:
        """pwsh's Keep and Wait setters refuse each other, so binding the later of the two fails."""
        import re
        from pslark.runtime.binder import binding_error
        from pslark.runtime.errors import InvocationInfo
        names = list(self.bound)
        later = "Keep" if names.index("Keep") > names.index("Wait") else "Wait"
        inv = self.invocation
        extent = inv.extent if inv is not None else None
        if extent is not None:
            spelled = "|".join(later[:n] for n in range(len(later), 0, -1))
            found = list(re.finditer(rf"(?i)(?<![\w-])-(?:{spelled})(?![\w-])", extent.text))
            if found:
                extent = type(extent)(extent.source, extent.start + found[-1].start(),
                                      extent.start + found[-1].end())
        exc = binding_error(self.fq_suffix(), f"Cannot bind parameter '{later}' to the target. The Wait and Keep "
                            f"parameters cannot be used together in the same command.", "ParameterBindingFailed",
                            extent, "WriteError")
        ErrorRecord(exc, invocation_info=InvocationInfo(inv.my_command if inv else self.cmdlet_name, extent,
                                                        inv.invocation_name if inv else None))
        raise exc

    def process_record(self):
        if self.parameter_set in (LOCATION_SET, "ComputerName", "Session"):
            jobs = list(self.job or [])
        else:
            jobs = self.jobs_for_set(recurse=True)
        if self.wait:
            self.pending.extend(j for j in jobs if j not in self.pending)
            return
        for job in jobs:
            self.write_results(job)

    def end_processing(self):
        if not self.wait:
            return
        jobs = self.pending
        if self.write_job_in_results:
            for job in jobs:
                self.write_object(job)
        ctx = self.ctx
        while True:
            for job in jobs:
                job.data_arrived.clear()
            for job in jobs:
                self.write_results(job)
            if all(self._done(job) for job in jobs):
                break
            ctx.check_stop()
            _wait_any(jobs, 0.05)
        for job in jobs:
            self.write_results(job)
        if self.auto_remove_job:
            repo = self.repository()
            for job in jobs:
                if job.is_finished and job.parent is None:
                    repo.remove(job)

    def _done(self, job: Job) -> bool:
        states = PERSISTENT_STATES if not self.force else FINISHED_STATES
        return job.state in states and all(self._done(c) for c in job.child_jobs)

    def write_results(self, job: Job) -> None:
        keep = bool(self.keep)
        self._write_collections(job, keep)
        if not self.no_recurse:
            for child in job.child_jobs:
                self.write_results(child)

    def _write_collections(self, job: Job, keep: bool) -> None:
        results = getattr(job, "results", None)
        if results is not None:
            # a process job's Results: every stream in the order the job wrote it
            for kind, record in results.take(keep):
                self.replay_record(kind, record)
        else:
            # pwsh's WriteJobResults for other jobs: output, errors, verbose, debug, warnings, progress, information
            for kind in ("output", "error", "verbose", "debug", "warning", "progress", "information"):
                for record in getattr(job, kind).take(keep):
                    self.replay_record(kind, record)
        if job.state == "Failed" and not (self.wait and job.id in self.reasons_written):
            self.reasons_written.add(job.id)
            self._write_reason(job)

    def _write_reason(self, job: Job) -> None:
        """pwsh's WriteReasonError: a failed job's reason is written on every Receive-Job (it is not data that
        receiving removes): a process job's FailureErrorRecord as it came back, otherwise a JobStateFailed record
        around JobStateInfo.Reason."""
        record = getattr(job, "failure_record", None)
        if record is not None:
            self.write_error(record)
            return
        reason = job.state_info.reason
        if reason is None:
            return
        if not isinstance(reason, PSException):
            reason = RuntimeException(str(reason))
        self.write_error(ErrorRecord(reason, f"JobStateFailed,{self.fq_suffix()}", "InvalidResult", None,
                                     self.invocation))

    def write_error(self, record_or_message, *args, **kw):
        """Errors from a job keep their own record (and position); they are non-terminating here."""
        if isinstance(record_or_message, ErrorRecord):
            self.had_errors = True
            self.streams.write_error(record_or_message, self.error_action)
            return
        super().write_error(record_or_message, *args, **kw)


def _wait_any(jobs: list[Job], timeout: float) -> None:
    """Sleep until any of the jobs has news (data or a state change), at most `timeout` seconds."""
    if any(job.data_arrived.is_set() for job in jobs):
        return
    if len(jobs) == 1:
        jobs[0].data_arrived.wait(timeout)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(job.data_arrived.is_set() for job in jobs):
            return
        jobs[0].data_arrived.wait(min(0.005, max(0.0, deadline - time.monotonic())))


ReceiveJob = _job_cmdlet("Receive-Job", "ReceiveJob", dict(
    _selector_parameters(with_job=False, with_state=False, with_command=False),
    job=Parameter("Job[]", position=0, mandatory=True, pipeline=True, by_property_name=True,
                  sets=(LOCATION_SET, "ComputerName", "Session")),
    location=Parameter("string[]", position=1, sets=(LOCATION_SET,)),
    computer_name=Parameter("string[]", position=1, by_property_name=True, aliases=("Cn",), sets=("ComputerName",)),
    session=Parameter("object[]", position=1, by_property_name=True, sets=("Session",)),
    keep=Parameter("switch"),
    no_recurse=Parameter("switch"),
    force=Parameter("switch"),
    wait=Parameter("switch"),
    auto_remove_job=Parameter("switch"),
    write_events=Parameter("switch"),
    write_job_in_results=Parameter("switch"),
), base=_ReceiveJob, aliases=("rcjb",), default_set=LOCATION_SET)


# ------------------------------------------------------------------------------------------------
# Wait-Job

class _WaitJob(JobCmdletBase):
    def begin_processing(self):
        self.collected: list[Job] = []

    def process_record(self):
        for job in self.jobs_for_set(recurse=True):
            if job not in self.collected:
                self.collected.append(job)

    def end_processing(self):
        jobs = self.collected
        if not jobs:
            return
        timeout = self.timeout if self.is_bound("Timeout") else -1
        if timeout == 0:
            return                  # pwsh's end action for -Timeout 0 is set before any job is looked at
        deadline = None if timeout is None or timeout < 0 else time.monotonic() + timeout
        finished_states = FINISHED_STATES if self.force else PERSISTENT_STATES
        ctx = self.ctx
        while True:
            done = [j for j in jobs if j.state in finished_states]
            if self.any and done:
                self.write_object(done[0])
                return
            if not self.any and len(done) == len(jobs):
                for job in jobs:
                    self.write_object(job)
                return
            if deadline is not None and time.monotonic() >= deadline:
                return
            ctx.check_stop()
            waiting = [j for j in jobs if j.state not in finished_states]
            slice_ = 0.05 if deadline is None else max(0.0, min(0.05, deadline - time.monotonic()))
            if waiting:
                waiting[0].finished.wait(slice_)


WaitJob = _job_cmdlet("Wait-Job", "WaitJob", dict(
    _selector_parameters(with_command=False),
    any=Parameter("switch"),
    timeout=Parameter("int", aliases=("TimeoutSec",), validate_range=(-1, 2147483647)),
    force=Parameter("switch"),
), base=_WaitJob, aliases=("wjb",), default_set=SESSION_ID_SET)


# ------------------------------------------------------------------------------------------------
# Stop-Job

# RemotingErrorIdStrings.StopPSJobWhatIfTarget, with VerbsLifecycle.Stop / VerbsCommon.Remove as the operation
_JOB_TARGET = 'Remote Command: {0}, associated with the job that has an ID of "{1}".'


class _StopJob(JobCmdletBase):
    operations = {"stop": Operation("Stop", _JOB_TARGET)}

    def begin_processing(self):
        self.stopped: list[Job] = []

    def process_record(self):
        for job in self.jobs_for_set(recurse=True):
            if not job.is_finished:
                if not self.should_process("stop", job.command, job.id):
                    continue
                job.stop()
            self.stopped.append(job)

    def end_processing(self):
        if self.pass_thru:          # pwsh writes them after every stop has completed
            for job in self.stopped:
                self.write_object(job)


StopJob = _job_cmdlet("Stop-Job", "StopJob", dict(
    _selector_parameters(with_command=False),
    pass_thru=Parameter("switch"),
), base=_StopJob, aliases=("spjb",), default_set=SESSION_ID_SET, should_process=True)


# ------------------------------------------------------------------------------------------------
# Remove-Job

class _RemoveJob(JobCmdletBase):
    operations = {"remove": Operation("Remove", _JOB_TARGET)}

    def process_record(self):
        force = bool(self.force)
        jobs = self.jobs_for_set(recurse=self.parameter_set in (SESSION_ID_SET, INSTANCE_ID_SET),
                                 check_remove=not force)
        repo = self.repository()
        for job in jobs:
            if not self.should_process("remove", job.command, job.id):
                continue
            if not job.is_finished:
                job.stop()          # with -Force; as in pwsh this happens before the repository refuses a child job
            if job.parent is not None or job not in repo.jobs():
                exc = ArgumentException("The command cannot remove the job because it does not exist or because it "
                                        "is a child job. Child jobs can be removed only by removing the parent job.")
                self.write_error(ErrorRecord(exc, f"CannotRemoveJob,{self.fq_suffix()}", "InvalidOperation", job,
                                             self.invocation))
                continue
            repo.remove(job)


RemoveJob = _job_cmdlet("Remove-Job", "RemoveJob", dict(
    _selector_parameters(),
    force=Parameter("switch", aliases=("F",), sets=(INSTANCE_ID_SET, JOB_SET, NAME_SET, SESSION_ID_SET, FILTER_SET)),
), base=_RemoveJob, aliases=("rjb",), default_set=SESSION_ID_SET, should_process=True)


# ------------------------------------------------------------------------------------------------
# Start-Job and Start-ThreadJob

def _script_and_text(cmd: Cmdlet, file_path: Optional[str]) -> tuple[Any, str, Optional[str]]:
    """(script block AST, Command text, script path) from -ScriptBlock or -FilePath."""
    ctx = cmd.ctx
    if file_path:
        path = ctx.session.resolve_path(file_path)
        if not os.path.isfile(path):
            from pslark.runtime.errors import ItemNotFoundException
            cmd.throw_terminating(ErrorRecord(
                ItemNotFoundException(f"Cannot find path '{path}' because it does not exist."),
                f"PathNotFound,{cmd.fq_suffix()}", "ObjectNotFound", file_path, cmd.invocation))
        sb = ctx.engine.script_block_from_file(path)
        return sb.ast, sb.text, path
    sb = cmd.script_block
    return sb.ast, sb.text, None


class _CollectsInput(Cmdlet):
    """Start-Job and Start-ThreadJob make one job per invocation; -InputObject values are read by $input."""

    def begin_processing(self):
        self.inputs: list = []
        self.has_input = False

    def process_record(self):
        if self.expecting_input:
            if self.input_object is not AUTOMATION_NULL:
                self.inputs.append(self.input_object)
                self.has_input = True
        elif self.is_bound("InputObject"):
            self.inputs.append(self.input_object)
            self.has_input = True


def _not_null_or_white_space(binder, param, value, extent) -> None:
    """[ValidateNotNullOrWhiteSpace] (Start-Job -WorkingDirectory), with Metadata.resx's text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise binder.validation_error(
            f"Cannot validate argument on parameter '{param.name}'. The argument is null, empty, or consists of only "
            f"white-space characters. Provide an argument that contains non white-space characters, and then try "
            f"the command again.", "ParameterArgumentValidationError", extent)


class _StartJob(_CollectsInput):
    def fq_suffix(self) -> str:
        return "Microsoft.PowerShell.Commands.StartJobCommand"

    def end_processing(self):
        ctx = self.ctx
        location = ctx.location
        if self.working_directory:
            wd = ctx.session.resolve_path(self.working_directory)
            if not os.path.isdir(wd):
                self.throw_terminating(ErrorRecord(
                    DirectoryNotFoundException(f"Cannot find the WorkingDirectory path {self.working_directory}."),
                    f"DirectoryNotFoundException,{self.fq_suffix()}", "InvalidOperation", self.working_directory,
                    self.invocation))
            location = wd
        sb_ast, text, _path = _script_and_text(self, self.file_path or self.literal_path)
        init = self.initialization_script.text if self.initialization_script is not None else ""
        job = start_background_job(ctx, sb_ast, text, location, self.name, list(self.argument_list or []),
                                   self.inputs if self.has_input else None, init)
        self.write_object(job)


def start_background_job(ctx, sb_ast, text: str, location: str, name: Optional[str] = None, args: list = (),
                         inputs: Optional[list] = None, init_text: str = ""):
    """Start-Job's work (also used by the `&` background operator): a worker process runs `text`."""
    from pslark.runtime.jobs.processjob import BackgroundJob
    from pslark.runtime.wire.serialization import encode
    using = ctx.engine.using_values(ctx, sb_ast)
    message = {
        "script": text,
        "args": [encode(a) for a in args],
        "using": {k: encode(v) for k, v in using.items()},
        "location": location,
        "init": init_text,
    }
    if inputs is not None:
        message["input"] = [encode(i) for i in inputs]
    job = BackgroundJob(text, name)
    ctx.get_jobs().add(job)
    job.start(message, location)
    return job


StartJob = cmdlet("Start-Job", module=CORE, aliases=("sajb",), default_set="ComputerName")(type("StartJob", (_StartJob,), dict(
    script_block=Parameter("scriptblock", position=0, mandatory=True, sets=("ComputerName",), aliases=("Command",)),
    file_path=Parameter("string", position=0, mandatory=True, sets=("FilePathComputerName",)),
    literal_path=Parameter("string", mandatory=True, sets=("LiteralFilePathComputerName",), aliases=("PSPath", "LP")),
    name=Parameter("string", by_property_name=True),
    initialization_script=Parameter("scriptblock", position=1),
    argument_list=Parameter("object[]", aliases=("Args",)),
    input_object=Parameter("psobject", pipeline=True),
    working_directory=Parameter("string", validate_script=_not_null_or_white_space),
    credential=Parameter("object"),
    authentication=Parameter("string", validate_set=("Default", "Basic", "Negotiate", "NegotiateWithImplicitCredential",
                                                     "Credssp", "Digest", "Kerberos")),
    ps_version=Parameter("version", name="PSVersion"),
    run_as32=Parameter("switch"),
)))


class _StartThreadJob(_CollectsInput):
    def fq_suffix(self) -> str:
        return "ThreadJob.StartThreadJobCommand"

    def begin_processing(self):
        from pslark.runtime.jobs.threadjob import QUEUE
        QUEUE.set_limit(self.throttle_limit if self.is_bound("ThrottleLimit") else None)
        super().begin_processing()

    def end_processing(self):
        from pslark.runtime.jobs.threadjob import ThreadJob
        ctx = self.ctx
        sb_ast, text, path = _script_and_text(self, self.file_path)
        using = ctx.engine.using_values(ctx, sb_ast)
        init_ast = self.initialization_script.ast if self.initialization_script is not None else None
        job = ThreadJob(ctx, sb_ast, text if path is None else path, self.name, list(self.argument_list or []),
                        self.inputs if self.has_input else None, using, init_ast, self.streaming_host)
        ctx.get_jobs().add(job)
        job.start()
        self.write_object(job)


StartThreadJob = cmdlet("Start-ThreadJob", module="ThreadJob", default_set="ScriptBlock")(type(
    "StartThreadJob", (_StartThreadJob,), dict(
        script_block=Parameter("scriptblock", position=0, mandatory=True, sets=("ScriptBlock",)),
        file_path=Parameter("string", position=0, mandatory=True, sets=("FilePath",)),
        name=Parameter("string"),
        initialization_script=Parameter("scriptblock"),
        input_object=Parameter("psobject", pipeline=True),
        argument_list=Parameter("object[]", aliases=("Args",)),
        throttle_limit=Parameter("int", validate_range=(1, 1000000)),
        streaming_host=Parameter("object"),
    )))
