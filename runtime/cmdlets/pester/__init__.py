"""Pester: Describe / It / Should / Mock / Invoke-Pester as pslark cmdlets (a Pester 5 compatible runner that
also runs Pester 4 style files). Importing this package registers the cmdlets; the runner's modules are
imported when a test run starts."""
from pslark.runtime.cmdlets.pester import commands  # noqa: F401
