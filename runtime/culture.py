"""Cultures (CultureInfo) as .NET on Linux picks them: from LC_ALL / LC_MESSAGES / LANG.

Only the data the formatter needs: number separators, currency, date/time patterns, AM/PM and day/month names.
Patterns follow .NET 8 with ICU (the values pwsh on Linux shows).
"""
from __future__ import annotations

import copy
import os
import threading
from typing import Optional

_EN_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
_DE_DAYS = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"]
_DE_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember"]
_AT_MONTHS = ["Jänner"] + _DE_MONTHS[1:]
_FR_DAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
_FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
_ES_DAYS = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"]
_ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre"]
_IT_DAYS = ["domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"]
_IT_MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
              "ottobre", "novembre", "dicembre"]
_NL_DAYS = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"]
_NL_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december"]

NNBSP = "\u202f"   # ICU 72+ puts U+202F before AM/PM in en-US times
NBSP = "\u00a0"


class Culture:
    """The parts of System.Globalization.CultureInfo that formatting uses."""

    def __init__(self, name: str, display_name: str, *, decimal_sep: str = ".", group_sep: str = ",",
                 currency_symbol: str = "¤", currency_positive: int = 0, currency_negative: int = 0,
                 percent_positive: int = 1, percent_negative: int = 1, negative_sign: str = "-",
                 short_date: str = "MM/dd/yyyy", long_date: str = "dddd, dd MMMM yyyy",
                 short_time: str = "HH:mm", long_time: str = "HH:mm:ss",
                 am: str = "AM", pm: str = "PM", days: Optional[list] = None, months: Optional[list] = None,
                 abbrev_days: Optional[list] = None, abbrev_months: Optional[list] = None,
                 month_day: str = "MMMM dd", year_month: str = "yyyy MMMM", date_sep: str = "/",
                 time_sep: str = ":", nan: str = "NaN", pos_inf: str = "Infinity", neg_inf: str = "-Infinity",
                 lcid: int = 127, number_negative: int = 1, percent_symbol: str = "%",
                 full_datetime: Optional[str] = None, two_letter: str = "iv", percent_group_sep: Optional[str] = None):
        self.name = name
        self.display_name = display_name
        self.decimal_sep = decimal_sep
        self.group_sep = group_sep
        self.currency_symbol = currency_symbol
        self.currency_positive = currency_positive
        self.currency_negative = currency_negative
        self.percent_positive = percent_positive
        self.percent_negative = percent_negative
        self.percent_symbol = percent_symbol
        self.negative_sign = negative_sign
        self.short_date = short_date
        self.long_date = long_date
        self.short_time = short_time
        self.long_time = long_time
        self.am = am
        self.pm = pm
        self.days = days or _EN_DAYS
        self.months = months or _EN_MONTHS
        self.abbrev_days = abbrev_days or [d[:3] for d in self.days]
        self.abbrev_months = abbrev_months or [m[:3] for m in self.months]
        self.month_day = month_day
        self.year_month = year_month
        self.date_sep = date_sep
        self.time_sep = time_sep
        self.nan = nan
        self.pos_inf = pos_inf
        self.neg_inf = neg_inf
        self.lcid = lcid
        self.number_negative = number_negative
        self.full_datetime = full_datetime or f"{long_date} {long_time}"
        self.two_letter = two_letter
        # the shared (cached) cultures are read-only; `[cultureinfo]::new(name)` gives a writable copy whose
        # TextInfo.ListSeparator a script can set (None: the separator the decimal separator implies)
        self.read_only = True
        self.list_separator: Optional[str] = None

    def writable_copy(self) -> "Culture":
        c = copy.copy(self)
        c.read_only = False
        return c

    @property
    def is_invariant(self) -> bool:
        return self.name == ""

    # .NET names
    @property
    def Name(self) -> str:
        return self.name

    @property
    def DisplayName(self) -> str:
        return self.display_name

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"Culture({self.name!r})"


_INVARIANT = Culture("", "Invariant Language (Invariant Country)", currency_symbol="¤",
                     currency_positive=0, currency_negative=0, percent_positive=0, percent_negative=0,
                     abbrev_months=[m[:3] for m in _EN_MONTHS], two_letter="iv")

_CULTURES: dict[str, Culture] = {}


def _add(c: Culture) -> None:
    _CULTURES[c.name.casefold()] = c


_add(Culture("en-US", "English (United States)", currency_symbol="$", currency_positive=0, currency_negative=1,
             percent_positive=1, percent_negative=1, short_date="M/d/yyyy", long_date="dddd, MMMM d, yyyy",
             short_time=f"h:mm{NNBSP}tt", long_time=f"h:mm:ss{NNBSP}tt", month_day="MMMM d", year_month="MMMM yyyy",
             pos_inf="∞", neg_inf="-∞", lcid=1033, two_letter="en"))
_add(Culture("en-GB", "English (United Kingdom)", currency_symbol="£", currency_positive=0, currency_negative=1,
             percent_positive=1, percent_negative=1, short_date="dd/MM/yyyy", long_date="dddd d MMMM yyyy",
             short_time="HH:mm", long_time="HH:mm:ss", month_day="d MMMM", year_month="MMMM yyyy",
             am="am", pm="pm", pos_inf="∞", neg_inf="-∞", lcid=2057, two_letter="en"))
_add(Culture("de-DE", "German (Germany)", decimal_sep=",", group_sep=".", currency_symbol="€", currency_positive=3,
             currency_negative=8, percent_positive=0, percent_negative=0, short_date="dd.MM.yyyy",
             long_date="dddd, d. MMMM yyyy", short_time="HH:mm", long_time="HH:mm:ss", days=_DE_DAYS,
             months=_DE_MONTHS, abbrev_days=["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
             abbrev_months=["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
             month_day="d. MMMM", year_month="MMMM yyyy", date_sep=".", pos_inf="∞", neg_inf="-∞", lcid=1031,
             two_letter="de"))
_add(Culture("de-AT", "German (Austria)", decimal_sep=",", group_sep=NBSP, currency_symbol="€",
             currency_positive=2, currency_negative=12, percent_positive=0, percent_negative=0,
             short_date="dd.MM.yyyy", long_date="dddd, d. MMMM yyyy", short_time="HH:mm", long_time="HH:mm:ss",
             days=_DE_DAYS, months=_AT_MONTHS, abbrev_days=["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
             abbrev_months=["Jän", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
             month_day="d. MMMM", year_month="MMMM yyyy", date_sep=".", pos_inf="∞", neg_inf="-∞", lcid=3079,
             two_letter="de"))
_add(Culture("de-CH", "German (Switzerland)", decimal_sep=".", group_sep="’", currency_symbol="CHF",
             currency_positive=2, currency_negative=12, percent_positive=1, percent_negative=1,
             short_date="dd.MM.yyyy", long_date="dddd, d. MMMM yyyy", short_time="HH:mm", long_time="HH:mm:ss",
             days=_DE_DAYS, months=_DE_MONTHS, abbrev_days=["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
             abbrev_months=["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
             month_day="d. MMMM", year_month="MMMM yyyy", date_sep=".", pos_inf="∞", neg_inf="-∞", lcid=2055,
             two_letter="de"))
_add(Culture("fr-FR", "French (France)", decimal_sep=",", group_sep=NNBSP, currency_symbol="€", currency_positive=3,
             currency_negative=8, percent_positive=0, percent_negative=0, short_date="dd/MM/yyyy",
             long_date="dddd d MMMM yyyy", short_time="HH:mm", long_time="HH:mm:ss", days=_FR_DAYS,
             months=_FR_MONTHS, abbrev_days=["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
             abbrev_months=["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                            "nov.", "déc."],
             month_day="d MMMM", year_month="MMMM yyyy", pos_inf="∞", neg_inf="-∞", lcid=1036, two_letter="fr"))
_add(Culture("es-ES", "Spanish (Spain)", decimal_sep=",", group_sep=".", currency_symbol="€", currency_positive=3,
             currency_negative=8, percent_positive=0, percent_negative=0, short_date="d/M/yyyy",
             long_date="dddd, d 'de' MMMM 'de' yyyy", short_time="H:mm", long_time="H:mm:ss", days=_ES_DAYS,
             months=_ES_MONTHS, abbrev_days=["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
             abbrev_months=["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
             month_day="d 'de' MMMM", year_month="MMMM 'de' yyyy", am="a.\u00a0m.", pm="p.\u00a0m.",
             pos_inf="∞", neg_inf="-∞", lcid=3082, two_letter="es"))
_add(Culture("it-IT", "Italian (Italy)", decimal_sep=",", group_sep=".", currency_symbol="€", currency_positive=3,
             currency_negative=8, percent_positive=0, percent_negative=0, short_date="dd/MM/yyyy",
             long_date="dddd d MMMM yyyy", short_time="HH:mm", long_time="HH:mm:ss", days=_IT_DAYS,
             months=_IT_MONTHS, abbrev_days=["dom", "lun", "mar", "mer", "gio", "ven", "sab"],
             abbrev_months=["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
             month_day="d MMMM", year_month="MMMM yyyy", pos_inf="∞", neg_inf="-∞", lcid=1040, two_letter="it"))
_add(Culture("nl-NL", "Dutch (Netherlands)", decimal_sep=",", group_sep=".", currency_symbol="€",
             currency_positive=2, currency_negative=12, percent_positive=1, percent_negative=1,
             short_date="dd-MM-yyyy", long_date="dddd d MMMM yyyy", short_time="HH:mm", long_time="HH:mm:ss",
             days=_NL_DAYS, months=_NL_MONTHS, abbrev_days=["zo", "ma", "di", "wo", "do", "vr", "za"],
             abbrev_months=["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
             month_day="d MMMM", year_month="MMMM yyyy", date_sep="-", pos_inf="∞", neg_inf="-∞", lcid=1043,
             two_letter="nl"))

_cache: dict[str, Culture] = {}


def invariant_culture() -> Culture:
    return _INVARIANT


def get_culture(name: str) -> Optional[Culture]:
    """CultureInfo by name ('' = invariant); unknown names give None."""
    if name is None or name == "" or name.casefold() in ("invariant", "iv"):
        return _INVARIANT
    key = name.replace("_", "-").casefold()
    c = _CULTURES.get(key)
    if c is not None:
        return c
    # a neutral name ("de") or an unknown region of a known language: nearest known culture
    lang = key.split("-")[0]
    for k, v in _CULTURES.items():
        if k.split("-")[0] == lang and key == lang:
            return v
    return None


def culture_from_locale(locale: Optional[str]) -> Culture:
    """.NET on Linux: 'en_US.UTF-8' -> en-US; unset, 'C', 'POSIX' -> invariant."""
    if not locale:
        return _INVARIANT
    loc = locale.split(".")[0].split("@")[0]
    if loc in ("C", "POSIX", ""):
        return _INVARIANT
    c = get_culture(loc.replace("_", "-"))
    if c is not None:
        return c
    lang = loc.replace("_", "-").split("-")[0].casefold()
    for k, v in _CULTURES.items():
        if k.split("-")[0] == lang:
            return v
    return _INVARIANT


_thread_culture = threading.local()


def set_current_culture(culture: Optional[Culture]) -> None:
    """`[cultureinfo]::CurrentCulture = ...`: like .NET, for the current thread only (None: back to the locale)."""
    _thread_culture.value = culture


def current_culture() -> Culture:
    """The thread's culture if a script set one, else the environment's (LC_ALL, LC_MESSAGES, LANG), cached."""
    c = getattr(_thread_culture, "value", None)
    if c is not None:
        return c
    env = os.environ
    loc = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    c = _cache.get(loc)
    if c is None:
        c = culture_from_locale(loc)
        _cache[loc] = c
    return c
