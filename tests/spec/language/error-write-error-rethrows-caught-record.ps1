function Inner
{
    throw 'boom'
}

function Middle
{
    [CmdletBinding()]
    param()

    try
    {
        Inner
    }
    catch
    {
        Write-Error $_
    }
}

function Main
{
    [CmdletBinding()]
    param()

    Middle
}

Main
