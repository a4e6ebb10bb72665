"""Issue 2: evaluator speed against CPython doing the same work (whole processes)."""
from harness import PYTHON, compare, pslark

LOOP_PS = "$s = 0; foreach ($i in 1..300000) { $s += $i * 2 }; $s"
LOOP_PY = "s = 0\nfor i in range(1, 300001):\n    s += i * 2\nprint(s)"
PIPE_PS = ("1..100000 | ForEach-Object { $_ * 2 } | Where-Object { $_ % 3 -eq 0 } | Measure-Object -Sum | "
           "ForEach-Object Sum")
PIPE_PY = "print(sum(x for x in (i * 2 for i in range(1, 100001)) if x % 3 == 0))"


def main():
    compare("foreach loop 300k", pslark(LOOP_PS), [PYTHON, "-c", LOOP_PY], runs=3, target=25.0)
    compare("pipeline 100k", pslark(PIPE_PS), [PYTHON, "-c", PIPE_PY], runs=3, target=40.0)


if __name__ == "__main__":
    main()
