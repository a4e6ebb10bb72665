"""The `help` function: pwsh defines `help` as a function, not an alias. It has Get-Help's parameters (its param
block is generated from Get-Help's metadata, as pwsh generates it), shows the full view by default, and sends
a single topic through the pager: $env:PAGER when set (a PowerShell command gets the help objects, a program
the text), else `less` on a terminal; when the output is not a terminal the lines come out as text.
"""
from __future__ import annotations

_BODY = r"""
    # Display the full help topic by default but only for the AllUsersView parameter set.
    if (($psCmdlet.ParameterSetName -eq 'AllUsersView') -and !$Full) {
        $PSBoundParameters['Full'] = $true
    }

    $help = Get-Help @PSBoundParameters

    # A list of topics, or an alias found by a wildcard (both are small), is not paged.
    $psTypeNames = ($help | Select-Object -First 1).PSTypeNames
    if ($psTypeNames -Contains 'HelpInfoShort' -Or $psTypeNames -Contains 'AliasHelpInfo') {
        $help
    }
    elseif ($null -ne $help) {
        $pagerCommand = $null
        $pagerArgs = $null
        if ((-not [System.Console]::IsOutputRedirected) -and (Get-Command less -CommandType Application -ErrorAction Ignore)) {
            $pagerCommand = 'less'
            $pagerArgs = '-s', '-P', 'Page %db?B of %D:.\. Press h for help or q to quit\.'
        }

        # Respect PAGER environment variable which allows user to specify a custom pager.
        # Ignore a pure whitespace PAGER value.
        if (![string]::IsNullOrWhitespace($env:PAGER)) {
            if (Get-Command $env:PAGER -ErrorAction Ignore) {
                # Entire PAGER value corresponds to a single command.
                $pagerCommand = $env:PAGER
                $pagerArgs = $null
            }
            else {
                # PAGER value is not a valid command: a command and its arguments.
                $customPagerCommand, $customPagerArgs = -split $env:PAGER
                if (!(Get-Command $customPagerCommand -ErrorAction Ignore)) {
                    Write-Warning "Custom-paging utility command not found. Ignoring command specified in `$env:PAGER: $env:PAGER"
                }
                else {
                    $pagerCommand = $customPagerCommand
                    $pagerArgs = $customPagerArgs
                }
            }
        }

        $pagerCommandInfo = if ($pagerCommand) { Get-Command -Name $pagerCommand -ErrorAction Ignore }
        $consoleWidth = [System.Math]::Max([System.Console]::WindowWidth, 20)
        if ($null -eq $pagerCommandInfo) {
            $help | Out-String -Stream -Width ($consoleWidth - 1)
        }
        elseif ($pagerCommandInfo.CommandType -eq 'Application') {
            # If the pager is an application, format the output width before sending to the app.
            if ($pagerArgs) {
                $help | Out-String -Stream -Width ($consoleWidth - 1) | & $pagerCommand $pagerArgs
            }
            else {
                $help | Out-String -Stream -Width ($consoleWidth - 1) | & $pagerCommand
            }
        }
        else {
            # The pager command is a PowerShell function, script or alias, so pipe directly into it.
            $help | & $pagerCommand $pagerArgs
        }
    }
"""


def help_function_text() -> str:
    """The definition of `help`: Get-Help's [CmdletBinding()] and param block, then the paging body."""
    from pslark.runtime.cmdlet import CMDLETS
    from pslark.runtime.proxycommand import CommandMetadata
    md = CommandMetadata.of_command(CMDLETS["get-help"])
    return ("\n<#\n.FORWARDHELPTARGETNAME Get-Help\n.FORWARDHELPCATEGORY Cmdlet\n#>\n"
            f"{md.decl()}\nparam({md.param_block()})\n{_BODY}")
