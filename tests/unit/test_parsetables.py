"""The cached LALR tables: built by Lark once, read back as plain data, rebuilt when missing or damaged."""
import os
import subprocess
import sys

import pytest

from pslark.interpreter import parsetables

load_uncached = parsetables.load_tables.__wrapped__


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "pslark"


def _tables(d):
    return sorted(p.name for p in d.iterdir() if p.name.startswith("grammar-"))


def test_tables_are_cached_as_one_file_and_read_back_equal(cache_home):
    built = load_uncached()
    files = _tables(cache_home)
    assert len(files) == 1 and files[0].endswith(".tables")
    assert load_uncached() == built
    assert set(built["starts"]) == {"start", "substart"}


def test_damaged_cache_is_rebuilt(cache_home):
    good = load_uncached()
    path = cache_home / _tables(cache_home)[0]
    path.write_bytes(b"\x00garbage")
    again = load_uncached()          # rebuilt (Lark numbers states differently from run to run)
    assert again["rules"] == good["rules"] and len(again["states"]) == len(good["states"])
    assert path.read_bytes() != b"\x00garbage"


def test_tables_of_older_grammars_are_removed(cache_home):
    cache_home.mkdir(parents=True)
    (cache_home / "grammar-0000-1.tables").write_bytes(b"old")
    (cache_home / "grammar-abc.lark.cache").write_bytes(b"old")
    load_uncached()
    assert len(_tables(cache_home)) == 1


def test_no_writable_cache_dir_still_parses(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME="/proc/no-such-dir", HOME="/proc/no-such-home", TMPDIR="/proc/none")
    out = subprocess.run([sys.executable, "-m", "pslark.interpreter", "-NoProfile", "-c", "1 + 1; 'x' * 2"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.stdout == "2\nxx\n"
    assert out.returncode == 0


def test_startup_does_not_import_lark(cache_home):
    load_uncached()      # make sure the tables exist, then a fresh process must not need Lark
    code = ("import sys; from pslark.interpreter.parser import parse; parse('Get-Job | % { $_.Name }'); "
            "print('lark' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, XDG_CACHE_HOME=str(cache_home.parent)))
    assert out.stdout.strip() == "False", out.stderr
