"""The `pslark` command line, with pwsh's conventions: parameter names case-insensitive and abbreviable,
the first bare argument is the script file, everything after -Command is the command text."""
from __future__ import annotations

import os
import sys
import threading
from typing import Optional

USAGE = """Usage: pslark [[-File] <filePath> [args]]
              [-Command { - | <script-block> [-args <arg-array>]
                            | <string> [<CommandParameters>] } ]
              [-ExecutionPolicy <ExecutionPolicy>] [-NoExit] [-NoLogo]
              [-NonInteractive] [-NoProfile] [-WorkingDirectory <directoryPath>]
              [-Version] [-Help]

pslark runs PowerShell 7.4 scripts (a subset of the language) with Python.

  -File | -f            Run a script file; the remaining arguments are passed to it.
  -Command | -c         Run the text that follows; '-' reads the commands from standard input.
  -NoProfile | -nop     Do not load the profile ($PROFILE).
  -NoLogo | -nol        Hide the banner of the interactive session.
  -NonInteractive | -noni  Never prompt: commands that would ask for input fail instead.
  -NoExit | -noe        Stay in the interactive session after running the commands.
  -ExecutionPolicy | -ex | -ep  Accepted and ignored, as pwsh does on Linux.
  -WorkingDirectory | -wd  Start in this directory.
  -Version | -v         Print the version and exit.
  -SSHServerMode | -sshs   Serve the remoting protocol on stdin/stdout (for sshd's Subsystem line).
  -Help | -h | -?       Print this help.

With no -File or -Command, pslark starts the interactive session when standard input is a terminal,
and otherwise runs standard input as a script.
"""

# name -> (minimum abbreviation, takes a value)
_OPTIONS = {
    "file": ("f", True), "command": ("c", True), "noprofile": ("nop", False), "nologo": ("nol", False),
    "noninteractive": ("noni", False), "noexit": ("noe", False), "executionpolicy": ("ex", True),
    "workingdirectory": ("wd", True), "version": ("v", False), "help": ("h", False),
    "sshservermode": ("sshs", False), "servermode": ("s", False), "inputformat": ("inp", True),
    "outputformat": ("o", True), "encodedcommand": ("e", True), "interactive": ("i", False),
    "login": ("l", False), "mta": ("mta", False), "sta": ("sta", False), "windowstyle": ("w", True),
    "configurationname": ("config", True), "settingsfile": ("settings", True), "noprofileloadtime": (
        "noprofileloadtime", False),
}
_EXTRA_ALIASES = {"ep": "executionpolicy", "ec": "encodedcommand", "?": "help", "if": "inputformat",
                  "of": "outputformat", "wo": "workingdirectory"}


class CliError(Exception):
    pass


def _match_option(token: str) -> Optional[str]:
    name = token.lstrip("-").casefold()
    if token in ("-", "--"):
        return None
    if name in _EXTRA_ALIASES:
        return _EXTRA_ALIASES[name]
    if name in _OPTIONS:
        return name
    for full, (short, _) in _OPTIONS.items():
        if name == short:
            return full
    matches = [full for full, (short, _) in _OPTIONS.items() if full.startswith(name) and name.startswith(short)]
    if len(matches) == 1:
        return matches[0]
    matches = [full for full in _OPTIONS if full.startswith(name)]
    if len(matches) == 1:
        return matches[0]
    return None


class Options:
    def __init__(self):
        self.file: Optional[str] = None
        self.command: Optional[str] = None
        self.args: list[str] = []
        self.no_profile = False
        self.no_logo = False
        self.non_interactive = False
        self.no_exit = False
        self.version = False
        self.help = False
        self.ssh_server = False
        self.server_mode = False
        self.working_directory: Optional[str] = None
        self.output_format: Optional[str] = None
        self.interactive = False


def parse_args(argv: list[str]) -> Options:
    opts = Options()
    i = 0
    while i < len(argv):
        token = argv[i]
        if token.startswith("-") and token not in ("-",) and not (opts.file or opts.command is not None):
            name = _match_option(token.split(":", 1)[0])
            if name is None:
                raise CliError(f"The argument '{token}' is not recognized as the name of a script file. Check the "
                               f"spelling of the name, or if a path was included, verify that the path is correct "
                               f"and try again.")
            takes_value = _OPTIONS[name][1]
            value = None
            if takes_value:
                if i + 1 >= len(argv):
                    raise CliError(f"Cannot process the command because of a missing parameter. A command must "
                                   f"follow -{name.capitalize()}." if name == "command" else
                                   f"Missing the argument for parameter -{token.lstrip('-')}.")
                value = argv[i + 1]
                i += 2
            else:
                i += 1
            if name == "file":
                opts.file = value
                opts.args = argv[i:]
                break
            if name == "command":
                rest = argv[i:]
                opts.command = value if not rest else " ".join([value] + rest)
                break
            if name == "encodedcommand":
                import base64
                opts.command = base64.b64decode(value).decode("utf-16-le")
                continue
            _set_flag(opts, name, value)
            continue
        if opts.file is None and opts.command is None:
            opts.file = token
            opts.args = argv[i + 1:]
            break
        i += 1
    return opts


def _set_flag(opts: Options, name: str, value: Optional[str]) -> None:
    if name == "noprofile":
        opts.no_profile = True
    elif name == "nologo":
        opts.no_logo = True
    elif name == "noninteractive":
        opts.non_interactive = True
    elif name == "noexit":
        opts.no_exit = True
    elif name == "version":
        opts.version = True
    elif name == "help":
        opts.help = True
    elif name == "sshservermode":
        opts.ssh_server = True
    elif name == "servermode":
        opts.server_mode = True
    elif name == "workingdirectory":
        opts.working_directory = value
    elif name == "outputformat":
        opts.output_format = value
    elif name == "interactive":
        opts.interactive = True
    # executionpolicy, inputformat, windowstyle, login, mta, sta ...: accepted and ignored on Linux


def script_arguments(args: list[str]):
    """pwsh -File binds its arguments like a command line: `-Name value`, `-Switch:$false`, positional strings."""
    from pslark.runtime.binder import NO_VALUE, CommandArgument
    out = []
    for a in args:
        if len(a) > 1 and a.startswith("-") and not _is_number(a):
            name, colon, value = a[1:].partition(":")
            if colon:
                lowered = value.casefold()
                parsed = True if lowered == "$true" else False if lowered == "$false" else value
                out.append(CommandArgument(name, parsed, used_colon=True))
            else:
                out.append(CommandArgument(name, NO_VALUE))
        else:
            out.append(CommandArgument(None, a))
    return out


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _run_in_big_stack(fn):
    """Run fn on a thread with a large stack (user recursion to depth 1000); Ctrl+C stops the pipeline."""
    result: dict = {}
    done = threading.Event()

    def target():
        try:
            result["value"] = fn()
        except BaseException as exc:   # re-raised in the main thread
            result["error"] = exc
        finally:
            done.set()

    sys.setrecursionlimit(200000)
    old = threading.stack_size()
    threading.stack_size(512 * 1024 * 1024)
    try:
        worker = threading.Thread(target=target, name="pslark-main", daemon=True)
        worker.start()
    finally:
        threading.stack_size(old)
    # Wait on an Event, not on worker.join(): a KeyboardInterrupt inside Thread.join() can leave the thread
    # marked as finished (CPython 3.11), and the process would then exit under a still-running command.
    while not done.is_set():
        try:
            done.wait(0.2)
        except KeyboardInterrupt:
            from pslark.interpreter import engine as engine_module
            ctx = getattr(engine_module, "main_context", None)
            if ctx is not None:
                ctx.stop_event.set()
            else:
                raise
    if "error" in result:
        raise result["error"]
    return result.get("value", 0)


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        opts = parse_args(argv)
    except CliError as exc:
        sys.stderr.write(str(exc) + "\n")
        return 64
    if opts.help:
        sys.stdout.write(USAGE)
        return 0
    if opts.version:
        from pslark.runtime.runspace import PS_VERSION, PSLARK_VERSION
        sys.stdout.write(f"pslark {PSLARK_VERSION} (PowerShell {PS_VERSION} language)\n")
        return 0
    if opts.ssh_server or opts.server_mode:
        from pslark.interpreter.worker import serve_stdio
        return serve_stdio()
    if opts.working_directory:
        try:
            os.chdir(os.path.expanduser(opts.working_directory))
        except OSError as exc:
            sys.stderr.write(f"pslark: cannot use working directory '{opts.working_directory}': {exc.strerror}\n")
            return 64
    from pslark.runtime.session import ensure_module_path_env
    ensure_module_path_env()
    try:
        code = _run_in_big_stack(lambda: _run(opts))
    except KeyboardInterrupt:
        code = 130
    _shutdown()
    return code


def _shutdown() -> None:
    try:
        sys.stdout.flush()
    except Exception:   # a closed pipe at exit is not an error worth a traceback
        pass
    from pslark.interpreter import engine as engine_module
    ctx = getattr(engine_module, "main_context", None)
    if ctx is not None:
        end_progress = getattr(ctx.host, "end_progress", None)
        if end_progress is not None:
            end_progress()
    if ctx is not None and ctx.jobs is not None:
        ctx.jobs.shutdown()


def _run(opts: Options) -> int:
    from pslark.interpreter import engine as engine_module
    from pslark.interpreter.engine import get_engine
    from pslark.interpreter.repl.host import make_console_host
    interactive_tty = sys.stdin.isatty() and opts.file is None and opts.command is None
    host = make_console_host(interactive=(interactive_tty or opts.no_exit or opts.interactive)
                             and not opts.non_interactive)
    host.non_interactive = opts.non_interactive
    engine = get_engine()
    ctx = engine.new_runspace(host)
    engine_module.main_context = ctx
    if opts.file is not None:
        return _run_file(engine, ctx, opts)
    if opts.command is not None:
        if opts.command == "-":
            text = sys.stdin.read()
            result = engine.run_text(ctx, text)
        else:
            result = engine.run_text(ctx, opts.command)
        if opts.no_exit and sys.stdin.isatty():
            from pslark.interpreter.repl import run_interactive
            return run_interactive(engine, ctx, opts)
        return _command_exit_code(ctx, result)
    if interactive_tty or opts.interactive:
        from pslark.interpreter.repl import run_interactive
        return run_interactive(engine, ctx, opts)
    text = sys.stdin.read()
    result = engine.run_text(ctx, text)
    return _command_exit_code(ctx, result)


def _run_file(engine, ctx, opts: Options) -> int:
    from pslark.runtime import errors as E
    path = opts.file
    full = os.path.abspath(os.path.expanduser(path))
    if not os.path.isfile(full):
        if os.path.isfile(full + ".ps1"):
            full = full + ".ps1"
        else:
            sys.stderr.write(f"The argument '{path}' is not recognized as the name of a script file. Check the "
                             f"spelling of the name, or if a path was included, verify that the path is correct "
                             f"and try again.\n")
            return 64
    try:
        with open(full, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()        # the file's own line endings (they are part of multi-line strings)
        sb_ast = engine.parse(text, full)
    except E.ParseException as exc:
        engine.report_parse_error(ctx, exc)
        return 1
    except OSError as exc:
        sys.stderr.write(f"pslark: cannot read '{path}': {exc.strerror}\n")
        return 1
    result = engine.run_ast(ctx, sb_ast, args=script_arguments(opts.args), script_path=full)
    if result.exited:
        return result.exit_code
    return 1 if result.terminated else 0


def _command_exit_code(ctx, result) -> int:
    if result.exited:
        return result.exit_code
    if result.terminated:
        return 1
    if not result.success:
        code = ctx.session.global_scope.variables.get("lastexitcode")
        value = code.value if code is not None else None
        return value if isinstance(value, int) and value != 0 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
