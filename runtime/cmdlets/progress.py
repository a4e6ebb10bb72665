"""Write-Progress: progress records for the host (bars on a terminal, nothing when redirected) or, inside a
job, for the job's Progress stream (Receive-Job replays them in the caller)."""
from __future__ import annotations

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.records import ProgressRecord


@cmdlet("Write-Progress", module="Microsoft.PowerShell.Utility")
class WriteProgress(Cmdlet):
    activity = Parameter("string", position=0)
    status = Parameter("string", position=1, validate_not_null_or_empty=True)
    id = Parameter("int", position=2)
    percent_complete = Parameter("int", validate_range=(-1, 100))
    seconds_remaining = Parameter("int")
    current_operation = Parameter("string")
    parent_id = Parameter("int")
    completed = Parameter("switch")
    source_id = Parameter("int")

    def process_record(self):
        record = ProgressRecord(
            self.activity or "",
            self.status if self.status else "Processing",
            activity_id=self.id if self.id is not None else 0,
            parent_id=self.parent_id if self.parent_id is not None else -1,
            percent=self.percent_complete if self.percent_complete is not None else -1,
            seconds_remaining=self.seconds_remaining if self.seconds_remaining is not None else -1,
            current_operation=self.current_operation or "",
            completed=bool(self.completed))
        if self.source_id is not None:
            record.source_id = self.source_id
        self.write_progress(record)
