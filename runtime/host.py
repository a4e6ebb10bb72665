"""Hosts: where formatted output, host messages and errors end up.

ConsoleHost writes to the process's stdout/stderr (colour only on a terminal, see design.md §8);
CollectingHost keeps text in memory (tests, Out-String-like uses); NullHost drops everything (jobs).
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
from typing import Any, Optional

from pslark.runtime.guids import new_guid

CONSOLE_COLORS = {
    "black": 30, "darkblue": 34, "darkgreen": 32, "darkcyan": 36, "darkred": 31, "darkmagenta": 35,
    "darkyellow": 33, "gray": 37, "darkgray": 90, "blue": 94, "green": 92, "cyan": 96, "red": 91,
    "magenta": 95, "yellow": 93, "white": 97,
}


class Size:
    type_names = ["System.Management.Automation.Host.Size", "System.ValueType", "System.Object"]
    ps_properties = ("Width", "Height")

    def __init__(self, width: int, height: int):
        self.width = width
        self.height = height

    def __str__(self):
        return f"{self.width},{self.height}"


class Coordinates:
    type_names = ["System.Management.Automation.Host.Coordinates", "System.ValueType", "System.Object"]
    ps_properties = ("X", "Y")

    def __init__(self, x: int = 0, y: int = 0):
        self.x = x
        self.y = y

    def __str__(self):
        return f"{self.x},{self.y}"

    def ps_set(self, name: str, value) -> bool:
        """X and Y are settable fields (`[Coordinates]@{X = 1; Y = 2}` sets them)."""
        key = name.casefold()
        if key not in ("x", "y"):
            return False
        from pslark.runtime.conversion import convert_to
        setattr(self, key, int(convert_to(value, "System.Int32")))
        return True


class RawUI:
    """$Host.UI.RawUI: window and buffer sizes (from the terminal, or 80x40 when there is none, as pwsh)."""

    type_names = ["System.Management.Automation.Internal.Host.InternalHostRawUserInterface",
                  "System.Management.Automation.Host.PSHostRawUserInterface", "System.Object"]
    ps_properties = ("ForegroundColor", "BackgroundColor", "CursorPosition", "WindowPosition", "CursorSize",
                     "BufferSize", "WindowSize", "MaxWindowSize", "MaxPhysicalWindowSize", "KeyAvailable",
                     "WindowTitle")

    def __init__(self, host: "Host"):
        self._host = host
        self.window_title = "pslark"

    def ps_get(self, name: str):
        key = name.casefold()
        width = self._host.width
        height = 40
        values = {
            "foregroundcolor": "Gray", "backgroundcolor": "Black", "cursorposition": Coordinates(),
            "windowposition": Coordinates(), "cursorsize": 25, "buffersize": Size(width, 9001),
            "windowsize": Size(width, height), "maxwindowsize": Size(width, height),
            "maxphysicalwindowsize": Size(width, height), "keyavailable": False, "windowtitle": self.window_title,
        }
        if key not in values:
            raise AttributeError(name)
        return values[key]

    def ps_set(self, name: str, value) -> bool:
        if name.casefold() == "windowtitle":
            self.window_title = str(value)
            return True
        return False


class HostUI:
    type_names = ["System.Management.Automation.Internal.Host.InternalHostUserInterface",
                  "System.Management.Automation.Host.PSHostUserInterface", "System.Object"]
    ps_properties = ("RawUI", "SupportsVirtualTerminal")

    def __init__(self, host: "Host"):
        self.raw_ui = RawUI(host)
        self._host = host

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "rawui":
            return self.raw_ui
        if key == "supportsvirtualterminal":
            return True
        raise AttributeError(name)

    def ps_invoke(self, name: str, args: list):
        """$Host.UI.WriteLine(...), Write(...), WriteErrorLine(...), ReadLine()."""
        from pslark.runtime.conversion import to_string
        key = name.casefold()
        text = "".join(to_string(a) for a in args[-1:]) if args else ""
        if key == "writeline":
            self._host.write_line(text)
        elif key == "write":
            self._host.write_out(text)
        elif key == "writeerrorline":
            self._host.write_err(text + "\n")
        elif key in ("writewarningline", "writeverboseline", "writedebugline"):
            getattr(self._host, "write_" + key[5:-4])(text)
        elif key == "readline":
            return self._host.read_line("")
        else:
            from pslark.runtime.errors import MethodException
            raise MethodException(f"Method invocation failed because [System.Management.Automation.Internal.Host."
                                  f"InternalHostUserInterface] does not contain a method named '{name}'.",
                                  error_id="MethodNotFound")
        return None


NON_INTERACTIVE = "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."


class Host:
    """Base host: line-oriented text output with locks (thread jobs and -Parallel share it)."""

    name = "ConsoleHost"
    interactive = False
    non_interactive = False      # `pslark -NonInteractive`: reads and prompts fail instead of waiting
    type_names = ["System.Management.Automation.Internal.Host.InternalHost", "System.Management.Automation.Host.PSHost",
                  "System.Object"]
    ps_properties = ("Name", "Version", "InstanceId", "UI", "CurrentCulture", "CurrentUICulture", "PrivateData",
                     "DebuggerEnabled", "IsRunspacePushed", "Runspace")

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "name":
            return self.name
        if key == "version":
            from pslark.runtime.runspace import _version, PS_VERSION
            return _version(PS_VERSION)
        if key == "instanceid":
            return self.instance_id
        if key == "ui":
            ui = getattr(self, "_ui", None)
            if ui is None:
                ui = self._ui = HostUI(self)
            return ui
        if key in ("currentculture", "currentuiculture"):
            try:
                from pslark.runtime.culture import current_culture
                return current_culture()
            except ImportError:
                return None
        if key == "privatedata":
            return None
        if key == "debuggerenabled":
            return True
        if key == "isrunspacepushed":
            return False
        if key == "runspace":
            return None
        raise AttributeError(name)

    def __init__(self):
        self.lock = threading.RLock()
        self.instance_id = new_guid()
        self.progress_active = False

    # ---- to be provided by subclasses
    def write_out(self, text: str) -> None:
        raise NotImplementedError

    def write_err(self, text: str) -> None:
        raise NotImplementedError

    @property
    def width(self) -> int:
        return 80

    @property
    def ansi(self) -> bool:
        return False

    # ---- shared behaviour
    @property
    def layout_width(self) -> int:
        """Usable columns for tables and lists: the buffer width minus one, as pwsh's console host."""
        return max(1, self.width - 1)

    def write_line(self, text: str = "") -> None:
        self.write_out(text + "\n")

    def write_lines(self, lines) -> None:
        if lines:
            self.write_out("".join(line + "\n" for line in lines))

    def write_error_record(self, record) -> None:
        from pslark.runtime.formatting import render_error
        text = render_error(record, ansi=self.ansi, width=self.width)
        self.write_err(text + "\n")

    def _styled(self, prefix: str, message: str) -> str:
        if self.ansi:
            from pslark.runtime.formatting.style import style_for
            st = style_for(True)
            return f"{st.stream(prefix)}{prefix}{message}{st.reset}"
        return prefix + message

    def write_warning(self, message: str) -> None:
        self.write_out(self._styled("WARNING: ", message) + "\n")

    def write_verbose(self, message: str) -> None:
        self.write_out(self._styled("VERBOSE: ", message) + "\n")

    def write_debug(self, message: str) -> None:
        self.write_out(self._styled("DEBUG: ", message) + "\n")

    def write_information(self, message: str) -> None:
        self.write_out(message + "\n")

    def write_host(self, msg) -> None:
        text = msg.message
        if self.ansi and (msg.foreground or msg.background):
            codes = []
            if msg.foreground and msg.foreground.casefold() in CONSOLE_COLORS:
                codes.append(str(CONSOLE_COLORS[msg.foreground.casefold()]))
            if msg.background and msg.background.casefold() in CONSOLE_COLORS:
                codes.append(str(CONSOLE_COLORS[msg.background.casefold()] + 10))
            if codes:
                text = f"\x1b[{';'.join(codes)}m{text}\x1b[0m"
        self.write_out(text if msg.no_newline else text + "\n")

    def write_progress(self, record) -> None:
        """Progress bars are drawn only on a terminal (the REPL's renderer replaces this)."""

    def read_line(self, prompt: str = "") -> Optional[str]:
        return None

    # ---- prompts (Read-Host, -Confirm): pwsh's ConsoleHostUserInterface
    def can_read(self) -> bool:
        """Can this host read an answer? Hosts without input (jobs, remoting) cannot."""
        return False

    def read_input_line(self) -> Optional[str]:
        """One line of input for a prompt, None at the end of input."""
        return None

    def prompt_for_choice(self, caption: str, message: str, choices, default: int) -> int:
        """PSHostUserInterface.PromptForChoice as the console host draws it: caption, message, then
        `[Y] Yes  [N] No  [?] Help (default is "Y"): ` until an answer names a choice (`?` lists their help).
        `choices` are (label with `&` before the hot key, help message) pairs; returns the chosen index."""
        if not self.can_read():
            from pslark.runtime.errors import PSInvalidOperationException
            raise PSInvalidOperationException(NON_INTERACTIVE, category="InvalidOperation")
        keys = [_hot_key_and_label(label) for label, _ in choices]
        with self.lock:
            if caption:
                self.write_line()
                self.write_line(caption)
            if message:
                self.write_line(message)
            while True:
                self.write_out(choice_prompt(keys, default, self.width))
                response = self.read_input_line()
                if response is None:
                    self.write_out("\n")
                    from pslark.runtime.errors import PromptingException
                    raise PromptingException("The prompt was canceled.", error_id="PromptForChoiceCanceled",
                                             category="OperationStopped")
                if response == "":
                    if default >= 0:
                        return default
                    continue
                answer = response.strip()
                if answer == "?":
                    for (key, label), (_, help_text) in zip(keys, choices):
                        self.write_line(f"{key or label} - {help_text}")
                    continue
                picked = _choice_picked(answer, keys)
                if picked >= 0:
                    return picked

    def enter_nested_prompt(self, ctx) -> None:
        """`[S] Suspend`: run commands read from the host at a nested prompt until `exit`."""
        level = ctx.session.get_variable("NestedPromptLevel")
        depth = (level.value if level is not None and isinstance(level.value, int) else 0) + 1
        ctx.session.set_variable("global:NestedPromptLevel", depth)
        try:
            while True:
                self.write_out(f"PS {ctx.location}{'>' * (depth + 1)} ")
                line = self.read_input_line()
                if line is None or line.strip().casefold() == "exit":
                    return
                if line.strip():
                    ctx.engine.run_text(ctx, line)
        finally:
            ctx.session.set_variable("global:NestedPromptLevel", depth - 1)

    def new_out_default(self, ctx=None, width: Optional[int] = None, ansi: Optional[bool] = None):
        """An Out-Default formatter for this host, with the runspace's $FormatEnumerationLimit, $ErrorView
        and location when a runspace is given."""
        from pslark.runtime.formatting import OutDefault
        kw = {}
        if ctx is not None:
            limit = ctx.preference("FormatEnumerationLimit", 4)
            kw["enumeration_limit"] = limit if isinstance(limit, int) else 4
            kw["error_view"] = str(ctx.preference("ErrorView", "ConciseView"))
            kw["location"] = lambda: ctx.location
        live = (lambda: self.ansi) if ansi is None else ansi     # follows $PSStyle.OutputRendering as it changes
        return OutDefault(width=width or self.layout_width, ansi=live, **kw)


class ConsoleHost(Host):
    """The process's own console: stdout and stderr (ANSI only when stdout is a terminal)."""

    def __init__(self, stdout=None, stderr=None, stdin=None, interactive: bool = False):
        super().__init__()
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.stdin = stdin or sys.stdin
        self.interactive = interactive
        self.output_rendering = "Host"       # $PSStyle.OutputRendering
        self._is_tty = _isatty(self.stdout)

    def _plain(self, text: str) -> str:
        """Escape sequences in text (a user's "`e[31m" too) are dropped when this host writes plain text, as
        pwsh's host does for OutputRendering PlainText (and pslark for Host when not on a terminal)."""
        if "\x1b" in text and not self.ansi:
            from pslark.runtime.formatting.text import strip_ansi
            return strip_ansi(text)
        return text

    def write_out(self, text: str) -> None:
        text = self._plain(text)
        with self.lock:
            try:
                self.stdout.write(text)
                self.stdout.flush()
            except BrokenPipeError:
                pass

    def write_err(self, text: str) -> None:
        text = self._plain(text)
        with self.lock:
            try:
                self.stdout.flush()
                self.stderr.write(text)
                self.stderr.flush()
            except BrokenPipeError:
                pass

    @property
    def width(self) -> int:
        if self._is_tty:
            return shutil.get_terminal_size((80, 24)).columns or 80
        return 80

    @property
    def ansi(self) -> bool:
        mode = str(self.output_rendering).casefold()
        if mode == "plaintext":
            return False
        if mode == "ansi":
            return True
        if os.environ.get("NO_COLOR") is not None or os.environ.get("TERM") in ("dumb", "xterm-mono"):
            return False
        return self._is_tty

    def read_line(self, prompt: str = "") -> Optional[str]:
        if not self.interactive:
            return None
        self.write_out(prompt)
        line = self.stdin.readline()
        if not line:
            return None
        return line.rstrip("\n")

    def can_read(self) -> bool:
        """pwsh's console host reads from the terminal or from redirected stdin; only -NonInteractive refuses."""
        return not self.non_interactive and (self.interactive or self.stdin is not None)

    def read_input_line(self) -> Optional[str]:
        """A line from stdin; redirected input is echoed as the console host does (ReadLineFromFile)."""
        try:
            line = self.stdin.readline()
        except (OSError, ValueError):
            return None
        if not line:
            return None
        text = line.rstrip("\n").rstrip("\r")
        if not _isatty(self.stdin):
            self.write_out(text + "\n")
        return text


class CollectingHost(Host):
    """Keeps stdout and stderr text in memory (tests and embedding)."""

    def __init__(self, width: int = 80, interactive: bool = False, input_lines: Optional[list] = None):
        super().__init__()
        self.out: list[str] = []
        self.err: list[str] = []
        self._width = width
        self.interactive = interactive
        self.input_lines = input_lines      # answers for prompts (tests); None: the host cannot read

    def can_read(self) -> bool:
        return self.interactive or self.input_lines is not None

    def read_input_line(self) -> Optional[str]:
        if self.input_lines is None and self.interactive:
            return self.read_line("")
        if not self.input_lines:
            return None
        line = self.input_lines.pop(0)
        self.write_out(line + "\n")
        return line

    def write_out(self, text: str) -> None:
        with self.lock:
            self.out.append(text)

    def write_err(self, text: str) -> None:
        with self.lock:
            self.err.append(text)

    @property
    def width(self) -> int:
        return self._width

    @property
    def stdout_text(self) -> str:
        return "".join(self.out)

    @property
    def stderr_text(self) -> str:
        return "".join(self.err)


class NullHost(Host):
    """Drops host output (a job without -StreamingHost keeps its records in its streams instead)."""

    name = "ServerRemoteHost"

    def write_out(self, text: str) -> None:
        pass

    def write_err(self, text: str) -> None:
        pass


def _hot_key_and_label(label: str) -> tuple[str, str]:
    """HostUIHelperMethods.BuildHotkeysAndPlainLabels: '&Yes' -> ('Y', 'Yes'), 'No to A&ll' -> ('L', 'No to All')."""
    idx = label.find("&")
    if idx < 0 or idx + 1 >= len(label):
        return "", label.replace("&", "")
    return label[idx + 1].upper(), label[:idx] + label[idx + 1:]


def choice_prompt(keys: list, default: int, width: int) -> str:
    """WriteChoicePrompt: `[Y] Yes  ` per choice, `[?] Help `, `(default is "Y"): `, a piece that would pass the
    last column starting a new line (trimmed at its end)."""
    pieces = [f"[{key}] {label}  " for key, label in keys] + ["[?] Help "]
    if default >= 0:
        key, label = keys[default]
        pieces.append(f'(default is "{key or label}"): ')
    out = []
    line_len = 0
    limit = width - 1
    for piece in pieces:
        if line_len + len(piece) > limit:
            out.append("\n" + piece.rstrip())
            line_len = len(piece)
        else:
            out.append(piece)
            line_len += len(piece)
    return "".join(out)


def _choice_picked(response: str, keys: list) -> int:
    """HostUIHelperMethods.DetermineChoicePicked: a whole label first, then a hot key (case-insensitive)."""
    low = response.casefold()
    for i, (_, label) in enumerate(keys):
        if label.casefold() == low:
            return i
    for i, (key, _) in enumerate(keys):
        if key and key.casefold() == low:
            return i
    return -1


def _isatty(stream: Any) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
