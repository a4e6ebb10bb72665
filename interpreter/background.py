"""The background operator `pipeline &`: Start-Job with the pipeline's text, in the caller's location, where
every variable the caller has is rewritten to `${using:name}` (pwsh's MiscOps.InvokePipelineInBackground)."""
from __future__ import annotations

from pslark.interpreter import ast as A

# variables pwsh never rewrites (they exist in the job too)
_KEEP = frozenset({"pid", "psversiontable", "psedition", "pshome", "host", "true", "false", "null"})


def background_text(ctx, node) -> str:
    """The pipeline text with existing caller variables turned into ${using:name}."""
    extent = node.extent
    base = extent.start
    text = extent.text
    if text.rstrip().endswith("&"):
        text = text.rstrip()[:-1].rstrip()
    edits = []
    for sub in A.walk(node):
        if isinstance(sub, A.VariableExpr) and not sub.splatted:
            name = sub.name
            plain = name.split(":", 1)[1] if name.casefold().startswith("global:") else name
            if plain.casefold() in _KEEP or ":" in plain:
                continue
            if ctx.session.get_variable(name) is None:
                continue
            edits.append((sub.extent.start - base, sub.extent.end - base, "${using:" + plain + "}"))
    for start, end, replacement in sorted(edits, reverse=True):
        if 0 <= start <= end <= len(text):
            text = text[:start] + replacement + text[end:]
    return text


def compile_background(compiler, node):
    from pslark.runtime.jobs.workers import prestart_zygote
    prestart_zygote()
    def run(ctx, out):
        from pslark.runtime.cmdlets.jobs import start_background_job
        text = background_text(ctx, node)
        sb_ast = ctx.engine.parse(text)
        job = start_background_job(ctx, sb_ast, text, ctx.location)
        out(job)
    return run
