"""Issue 4: ForEach-Object -Parallel.

- 20 blocks sleeping 0.5 s at -ThrottleLimit 10 against pslark start-up + the ideal 1.0 s (target 1.25x);
- 10,000 trivial items with -Parallel against the sequential ForEach-Object (target 10x);
- peak RSS of the 10,000-item run (target under 150 MB).
"""
from harness import PYTHON, compare, peak_rss_kib, pslark

SLEEPS = "1..20 | ForEach-Object -Parallel { Start-Sleep -Milliseconds 500 } -ThrottleLimit 10"
IDEAL = "Start-Sleep -Seconds 1"
PAR_10K = "1..10000 | ForEach-Object -Parallel { $_ } | Out-Null"
SEQ_10K = "1..10000 | ForEach-Object { $_ } | Out-Null"


def main():
    compare("20 x 0.5 s at limit 10", pslark(SLEEPS), pslark(IDEAL), runs=3, target=1.25)
    compare("10,000 trivial -Parallel items", pslark(PAR_10K), pslark(SEQ_10K), runs=3, target=10.0)
    rss = peak_rss_kib(pslark(PAR_10K)) / 1024
    print(f"10,000 -Parallel items: peak RSS {rss:.0f} MB (target < 150 MB: {'met' if rss < 150 else 'NOT met'})")


if __name__ == "__main__":
    main()
