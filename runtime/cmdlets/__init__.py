"""Every cmdlet module; importing this package registers them all (runtime.cmdlet.CMDLETS)."""
from pslark.runtime.cmdlets import (  # noqa: F401
    core, foreach, aliases,
)
from pslark.runtime.cmdlets import variables  # noqa: F401,E402
