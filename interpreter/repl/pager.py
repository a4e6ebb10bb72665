"""Get-Help -ShowWindow on a terminal: a full-screen, scrollable, searchable text viewer (q closes it)."""
from __future__ import annotations


def show_text(title: str, text: str) -> bool:
    """Show `text` until the user presses q (or Escape, or Ctrl+C). Returns True once it was shown."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.filters import has_focus
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.search import SearchDirection, start_search
    from prompt_toolkit.widgets import SearchToolbar, TextArea

    search_bar = SearchToolbar(ignore_case=True, vi_mode=True)
    area = TextArea(text=text.strip("\n") + "\n", read_only=True, scrollbar=True, search_field=search_bar,
                    wrap_lines=True)
    area.buffer.cursor_position = 0

    def status():
        line = area.document.cursor_position_row + 1
        total = area.document.line_count
        return [("reverse", f" {title}  line {line}/{total}   q close   / search   n N next/previous   "
                            f"PgUp PgDn Home End ")]

    kb = KeyBindings()
    not_searching = ~has_focus(search_bar)

    @kb.add("q", filter=not_searching)
    @kb.add("escape", filter=not_searching)
    @kb.add("c-c")
    def _quit(event):
        event.app.exit(result=True)

    @kb.add("/", filter=not_searching)
    def _search(event):
        start_search(area.control, direction=SearchDirection.FORWARD)

    @kb.add("?", filter=not_searching)
    def _search_back(event):
        start_search(area.control, direction=SearchDirection.BACKWARD)

    @kb.add("n", filter=not_searching)
    def _next(event):
        state = event.app.current_search_state
        area.buffer.apply_search(state, include_current_position=False, count=1)

    @kb.add("N", filter=not_searching)
    def _previous(event):
        state = event.app.current_search_state
        area.buffer.apply_search(~state, include_current_position=False, count=1)

    @kb.add("space", filter=not_searching)
    def _page(event):
        w = event.app.layout.current_window
        rows = w.render_info.window_height if w and w.render_info else 20
        area.buffer.cursor_down(count=max(1, rows - 1))

    @kb.add("g", filter=not_searching)
    @kb.add("home", filter=not_searching)
    def _top(event):
        area.buffer.cursor_position = 0

    @kb.add("G", filter=not_searching)
    @kb.add("end", filter=not_searching)
    def _bottom(event):
        area.buffer.cursor_position = len(area.buffer.text)

    root = HSplit([area, search_bar, Window(FormattedTextControl(status), height=1)])
    app = Application(layout=Layout(root, focused_element=area), key_bindings=kb, full_screen=True,
                      mouse_support=False)
    app.run()
    return True
