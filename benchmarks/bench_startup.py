"""Issue 2: start-up of `pslark -NoProfile -Command '"ok"'` against `python -c pass` (target at most 5x)."""
from harness import PYTHON, compare, pslark


def main():
    compare("startup", pslark('"ok"'), [PYTHON, "-c", "pass"], runs=9, target=5.0)


if __name__ == "__main__":
    main()
