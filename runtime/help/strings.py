"""The fixed words of help pages, in English and German (pwsh's German help uses the same headings)."""
from __future__ import annotations

EN = {
    "NAME": "NAME", "SYNOPSIS": "SYNOPSIS", "SYNTAX": "SYNTAX", "DESCRIPTION": "DESCRIPTION",
    "PARAMETERS": "PARAMETERS", "INPUTS": "INPUTS", "OUTPUTS": "OUTPUTS", "NOTES": "NOTES",
    "RELATED LINKS": "RELATED LINKS", "REMARKS": "REMARKS", "ALIASES": "ALIASES", "EXAMPLES": "EXAMPLES",
    "Example": "Example",
    "Required?": "Required?", "Position?": "Position?", "Default value": "Default value",
    "Accept pipeline input?": "Accept pipeline input?", "Aliases": "Aliases",
    "Accept wildcard characters?": "Accept wildcard characters?",
    "None": "None",
    "common": ("This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, ErrorVariable, "
               "WarningAction, WarningVariable, InformationAction, InformationVariable, ProgressAction, "
               "OutBuffer, PipelineVariable, and OutVariable. For more information, type: "
               "\"Get-Help about_CommonParameters\"."),
    "remarks": ["To see the examples, type: \"Get-Help {0} -Examples\".",
                "For more information, type: \"Get-Help {0} -Detailed\".",
                "For technical information, type: \"Get-Help {0} -Full\".",
                "To read it in a scrollable window, type: \"Get-Help {0} -ShowWindow\"."],
    "generated": ("pslark has no written help for this command yet. This page is generated from the command's "
                  "parameter metadata, the same metadata the parameter binder uses."),
    "not_found": "Get-Help could not find {0} in a help file in this session.",
    "no_parameter": "No parameter matches criteria {0}.",
    "function_remarks": "None",
    "input_none": "None",
}

DE = {
    "NAME": "NAME", "SYNOPSIS": "ÜBERSICHT", "SYNTAX": "SYNTAX", "DESCRIPTION": "BESCHREIBUNG",
    "PARAMETERS": "PARAMETER", "INPUTS": "EINGABEN", "OUTPUTS": "AUSGABEN", "NOTES": "HINWEISE",
    "RELATED LINKS": "VERWANDTE LINKS", "REMARKS": "HINWEISE", "ALIASES": "ALIASE", "EXAMPLES": "BEISPIELE",
    "Example": "Beispiel",
    "Required?": "Erforderlich?", "Position?": "Position?", "Default value": "Standardwert",
    "Accept pipeline input?": "Pipelineeingaben akzeptieren?", "Aliases": "Aliase",
    "Accept wildcard characters?": "Platzhalterzeichen akzeptieren?",
    "None": "Keine",
    "common": ("Dieses Cmdlet unterstützt die allgemeinen Parameter Verbose, Debug, ErrorAction, ErrorVariable, "
               "WarningAction, WarningVariable, InformationAction, InformationVariable, ProgressAction, "
               "OutBuffer, PipelineVariable und OutVariable. Weitere Informationen erhalten Sie mit: "
               "\"Get-Help about_CommonParameters\"."),
    "remarks": ["Zum Aufrufen der Beispiele geben Sie Folgendes ein: \"Get-Help {0} -Examples\".",
                "Weitere Hinweise erhalten Sie mit folgendem Befehl: \"Get-Help {0} -Detailed\".",
                "Technische Informationen erhalten Sie mit folgendem Befehl: \"Get-Help {0} -Full\".",
                "In einem scrollbaren Fenster lesen Sie die Hilfe mit: \"Get-Help {0} -ShowWindow\"."],
    "generated": ("Für diesen Befehl gibt es in pslark noch keinen geschriebenen Hilfetext. Diese Seite wird aus den "
                  "Parameter-Metadaten des Befehls erzeugt, denselben, die die Parameterbindung verwendet."),
    "not_found": "Get-Help could not find {0} in a help file in this session.",
    "no_parameter": "No parameter matches criteria {0}.",
    "function_remarks": "Keine",
    "input_none": "Keine",
}


def strings_for(language: str) -> dict:
    return DE if language == "de" else EN


def language_of(ui_culture: str) -> str:
    """'de' for any German UI culture, else 'en'."""
    name = (ui_culture or "").casefold()
    return "de" if name == "de" or name.startswith("de-") else "en"
