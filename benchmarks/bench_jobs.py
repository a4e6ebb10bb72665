"""Issue 3: job start costs.

- ten sequential `Start-Job { 1 } | Receive-Job -Wait -AutoRemoveJob` against eleven bare `python -c pass`
  starts (target at most 3x);
- 200 thread jobs with -ThrottleLimit 50 received at once, against `& { $args[0] }` 200 times (target 3x).
"""
from harness import PYTHON, compare, pslark

TEN_JOBS = "1..10 | ForEach-Object { Start-Job { 1 } | Receive-Job -Wait -AutoRemoveJob } | Out-Null"
THREAD_JOBS = ("$j = 1..200 | ForEach-Object { Start-ThreadJob { param($n) $n } -ArgumentList $_ -ThrottleLimit 50 }; "
               "$j | Receive-Job -Wait -AutoRemoveJob | Out-Null")
SCRIPT_BLOCKS = "1..200 | ForEach-Object { & { $args[0] } $_ } | Out-Null"


def main():
    compare("10 Start-Job", pslark(TEN_JOBS), [PYTHON, "-c", "pass"], runs=3, target=3.0, baseline_repeat=11)
    compare("200 thread jobs", pslark(THREAD_JOBS), pslark(SCRIPT_BLOCKS), runs=3, target=3.0)


if __name__ == "__main__":
    main()
