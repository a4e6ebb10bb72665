"""Every cmdlet module; importing this package registers them all (runtime.cmdlet.CMDLETS)."""
from pslark.runtime.cmdlets import (  # noqa: F401
    core, foreach, aliases, jobs,
)
from pslark.runtime.cmdlets import variables, locations, filesystem, processes, modules, history  # noqa: F401,E402
from pslark.runtime.cmdlets import objects, format, data, utility  # noqa: F401,E402
from pslark.runtime.cmdlets import remoting  # noqa: F401,E402
from pslark.runtime.cmdlets import pester  # noqa: F401,E402
