""".NET formatting: standard and custom numeric format strings, composite formatting, DateTime and TimeSpan.

Numbers go through a digit buffer like .NET's NumberBuffer (digits, decimal scale, sign) so rounding follows
.NET: doubles with F/N/C/P/E/G<n> use the exact binary value (correct rounding), custom patterns on doubles start
from 15 significant digits and round half away from zero, decimals and integers round half away from zero.
"""
from __future__ import annotations

import datetime
import decimal
import struct
from typing import Any, Optional

from pslark.runtime.errors import FormatException

_DEC_CTX = decimal.Context(prec=1200, rounding=decimal.ROUND_HALF_EVEN, Emax=99999, Emin=-99999)

INVALID_FORMAT = "Input string was not in a correct format."
BAD_SPECIFIER = "Format specifier was invalid."
INDEX_OUT_OF_RANGE = ("Index (zero based) must be greater than or equal to zero and less than the size of the "
                      "argument list.")


def _culture(culture):
    if culture is None:
        from pslark.runtime.culture import current_culture
        return current_culture()
    return culture


def _invariant():
    from pslark.runtime.culture import invariant_culture
    return invariant_culture()


# ----------------------------------------------------------------------------------------------
# Number buffers

class _Num:
    """value = 0.DIGITS x 10^scale; `digits` has no meaning past its length (treated as zeros)."""

    __slots__ = ("neg", "digits", "scale", "is_float")

    def __init__(self, neg: bool, digits: str, scale: int, is_float: bool = False):
        self.neg = neg
        self.digits = digits
        self.scale = scale
        self.is_float = is_float

    def round(self, pos: int) -> None:
        """.NET RoundNumber: keep `pos` digits, rounding half away from zero."""
        d = self.digits
        i = 0
        while i < pos and i < len(d):
            i += 1
        if pos < 0:
            i = 0
            up = False
        else:
            up = i == pos and i < len(d) and d[i] >= "5"
        if up:
            while i > 0 and d[i - 1] == "9":
                i -= 1
            if i > 0:
                d = d[:i - 1] + chr(ord(d[i - 1]) + 1)
            else:
                self.scale += 1
                d = "1"
                i = 1
        else:
            d = d[:i]
            while i > 0 and d[i - 1] == "0":
                i -= 1
            d = d[:i]
        if not d:
            if not self.is_float:
                self.neg = False
            self.scale = 0
        self.digits = d

    def is_zero(self) -> bool:
        return not self.digits


def _from_int(v: int) -> _Num:
    s = str(abs(int(v)))
    if s == "0":
        return _Num(False, "", 0)
    return _Num(v < 0, s.rstrip("0"), len(s))


def _from_decimal(v: decimal.Decimal) -> _Num:
    if not v.is_finite():
        raise FormatException(INVALID_FORMAT)
    sign, digs, exp = v.as_tuple()
    s = "".join(map(str, digs)).lstrip("0")
    if not s:
        # a zero keeps its scale (0.00 prints as 0.00) and never its sign (DecimalToNumber, RoundNumber)
        return _Num(False, "", min(exp, 0))
    scale = len(s) + exp
    return _Num(bool(sign), s, scale)


def _from_float_sig(x: float, n: int) -> _Num:
    """Correctly rounded to n significant digits."""
    neg = x < 0 or (x == 0 and str(x).startswith("-"))
    if x == 0:
        return _Num(neg, "", 0, True)
    s = "%.*e" % (n - 1, abs(x))
    mant, exp = s.split("e")
    digits = mant.replace(".", "").rstrip("0")
    return _Num(neg, digits, int(exp) + 1, True)


def _from_float_frac(x: float, n: int) -> _Num:
    """Exactly rounded (half to even on exact ties) to n digits after the decimal point."""
    neg = x < 0 or (x == 0 and str(x).startswith("-"))
    if x == 0:
        return _Num(neg, "", 0, True)
    d = decimal.Decimal(abs(x))
    q = d.quantize(decimal.Decimal(1).scaleb(-n), rounding=decimal.ROUND_HALF_EVEN, context=_DEC_CTX)
    num = _from_decimal(q)
    num.neg = neg
    num.is_float = True
    return num


def _shortest_digits(x: float, single: bool) -> tuple[str, int]:
    if single:
        ax = abs(x)
        for n in range(1, 10):
            s = "%.*e" % (n - 1, ax)
            if _to_single(float(s)) == ax:
                break
    else:
        s = "%.16e" % abs(x)
        r = repr(abs(x))
        s = "%e" % 0 if r == "0.0" else s
        dd = decimal.Decimal(r)
        sign, digs, exp = dd.as_tuple()
        digits = "".join(map(str, digs)).lstrip("0")
        scale = len(digits) + exp
        digits = digits.rstrip("0")
        return digits, scale
    mant, exp = s.split("e")
    return mant.replace(".", "").rstrip("0"), int(exp) + 1


def _from_float_shortest(x: float, single: bool = False) -> _Num:
    neg = x < 0 or (x == 0 and str(x).startswith("-"))
    if x == 0:
        return _Num(neg, "", 0, True)
    digits, scale = _shortest_digits(x, single)
    return _Num(neg, digits, scale, True)


def _to_single(x: float) -> float:
    try:
        return struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return float("inf") if x > 0 else float("-inf")


# ----------------------------------------------------------------------------------------------
# Formatting a buffer

def _exponent(value: int, exp_char: str, min_digits: int, positive_sign: bool) -> str:
    if value < 0:
        return exp_char + "-" + str(-value).rjust(min_digits, "0")
    return exp_char + ("+" if positive_sign else "") + str(value).rjust(min_digits, "0")


def _fixed(num: _Num, decimals: int, culture, group: bool) -> str:
    d = num.digits
    pos = num.scale
    out = []
    if pos > 0:
        ints = (d[:pos]).ljust(pos, "0")
        if group and len(ints) > 3:
            gs = culture.group_sep
            parts = []
            while len(ints) > 3:
                parts.append(ints[-3:])
                ints = ints[:-3]
            parts.append(ints)
            out.append(gs.join(reversed(parts)))
        else:
            out.append(ints)
        rest = d[pos:]
    else:
        out.append("0")
        rest = d
    if decimals > 0:
        out.append(culture.decimal_sep)
        frac = ""
        if pos < 0:
            z = min(-pos, decimals)
            frac = "0" * z
            frac += rest[:decimals - z]
        else:
            frac = rest[:decimals]
        out.append(frac.ljust(decimals, "0"))
    return "".join(out)


def _general(num: _Num, max_digits: int, culture, exp_char: str, suppress_sci: bool = False) -> str:
    d = num.digits
    dig_pos = num.scale
    sci = False
    if not suppress_sci and (dig_pos > max_digits or dig_pos < -3):
        dig_pos = 1
        sci = True
    out = []
    i = 0
    if dig_pos > 0:
        while dig_pos > 0:
            out.append(d[i] if i < len(d) else "0")
            i += 1
            dig_pos -= 1
    else:
        out.append("0")
    if i < len(d) or dig_pos < 0:
        out.append(culture.decimal_sep)
        while dig_pos < 0:
            out.append("0")
            dig_pos += 1
        out.append(d[i:])
    if sci:
        out.append(_exponent(num.scale - 1 if d else 0, exp_char, 2, True))
    return "".join(out)


def _scientific(num: _Num, max_digits: int, culture, exp_char: str) -> str:
    d = num.digits
    out = [d[0] if d else "0"]
    if max_digits != 1:
        out.append(culture.decimal_sep)
        out.append(d[1:max_digits].ljust(max_digits - 1, "0"))
    e = num.scale - 1 if d else 0
    out.append(_exponent(e, exp_char, 3, True))
    return "".join(out)


_POS_CURRENCY = ["$#", "#$", "$ #", "# $"]
_NEG_CURRENCY = ["($#)", "-$#", "$-#", "$#-", "(#$)", "-#$", "#-$", "#$-", "-# $", "-$ #", "# $-", "$ #-",
                 "$ -#", "#- $", "($ #)", "(# $)", "$- #"]
_POS_PERCENT = ["# %", "#%", "%#", "% #"]
_NEG_PERCENT = ["-# %", "-#%", "-%#", "%-#", "%#-", "#-%", "#%-", "-% #", "# %-", "% #-", "% -#", "#- %"]


def _apply_pattern(pattern: str, body: str, culture, symbol: str) -> str:
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(body)
        elif ch == "$" or ch == "%":
            out.append(symbol)
        elif ch == "-":
            out.append(culture.negative_sign)
        else:
            out.append(ch)
    return "".join(out)


def _parse_standard(spec: str) -> tuple[Optional[str], int]:
    """('F', 2) for 'F2', ('G', -1) for 'G'; (None, 0) for a custom pattern."""
    if not spec:
        return "G", -1
    c = spec[0]
    if ("A" <= c <= "Z" or "a" <= c <= "z"):
        rest = spec[1:]
        if rest == "":
            return c, -1
        if rest.isdigit() and len(rest) <= 9 and rest.isascii():
            p = int(rest)
            if p > 999_999_999:
                raise FormatException(BAD_SPECIFIER)
            return c, p
    return None, 0


def _int_width(value: int) -> int:
    from pslark.runtime.numbers import _TypedInt
    t = type(value)
    if t is int or not issubclass(t, _TypedInt):
        if -2**31 <= value < 2**32 and not (value >= 2**31 and t is int):
            return 32
        return 64
    mx = t.max_value
    if mx is None:
        return 0
    return {255: 8, 127: 8, 32767: 16, 65535: 16, 2**31 - 1: 32, 2**32 - 1: 32}.get(mx, 64)


def _format_integer(value: int, fmt: str, prec: int, culture) -> str:
    up = fmt.upper()
    if up == "D":
        s = str(abs(value))
        if prec > 0:
            s = s.rjust(prec, "0")
        return (culture.negative_sign + s) if value < 0 else s
    if up == "X":
        v = value
        if v < 0:
            w = _int_width(value) or 64
            v &= (1 << w) - 1
        s = "%x" % v if fmt == "x" else "%X" % v
        return s.rjust(prec, "0") if prec > 0 else s
    if up == "B":
        v = value
        if v < 0:
            v &= (1 << (_int_width(value) or 64)) - 1
        s = bin(v)[2:]
        return s.rjust(prec, "0") if prec > 0 else s
    num = _from_int(value)
    return _format_num(num, fmt, prec, culture, kind="int")


def _format_num(num: _Num, fmt: str, prec: int, culture, kind: str, shortest: bool = False) -> str:
    up = fmt.upper()
    neg = culture.negative_sign
    if up == "G" or up == "R":
        if kind == "int":
            if prec < 1:
                max_digits = max(len(num.digits), num.scale, 1)
            else:
                max_digits = prec
            num.round(max_digits)
            body = _general(num, max_digits, culture, "E" if fmt in "GR" else "e")
        elif kind == "decimal":
            if prec < 1:
                body = _general(num, max(num.scale, 1) + 99, culture, "E" if fmt in "GR" else "e", suppress_sci=True)
            else:
                num.round(prec)
                body = _general(num, prec, culture, "E" if fmt in "GR" else "e")
        else:
            max_digits = prec
            if shortest:
                max_digits = max(len(num.digits), 17 if kind == "double" else 9)
            body = _general(num, max_digits, culture, "E" if fmt in "GR" else "e")
        return (neg + body) if num.neg else body
    if up == "F":
        if prec < 0:
            prec = 2
        num.round(num.scale + prec)
        body = _fixed(num, prec, culture, False)
        return (neg + body) if num.neg else body
    if up == "N":
        if prec < 0:
            prec = 2
        num.round(num.scale + prec)
        body = _fixed(num, prec, culture, True)
        if num.neg:
            return ["(#)", "-#", "- #", "#-", "# -"][culture.number_negative].replace("-", neg).replace("#", body)
        return body
    if up == "E":
        if prec < 0:
            prec = 6
        prec += 1
        num.round(prec)
        body = _scientific(num, prec, culture, fmt)
        return (neg + body) if num.neg else body
    if up == "C":
        if prec < 0:
            prec = 2
        num.round(num.scale + prec)
        body = _fixed(num, prec, culture, True)
        if num.neg:
            return _apply_pattern(_NEG_CURRENCY[culture.currency_negative], body, culture, culture.currency_symbol)
        return _apply_pattern(_POS_CURRENCY[culture.currency_positive], body, culture, culture.currency_symbol)
    if up == "P":
        if prec < 0:
            prec = 2
        if kind != "float_done":
            num.scale += 2
        num.round(num.scale + prec)
        body = _fixed(num, prec, culture, True)
        if num.neg:
            return _apply_pattern(_NEG_PERCENT[culture.percent_negative], body, culture, culture.percent_symbol)
        return _apply_pattern(_POS_PERCENT[culture.percent_positive], body, culture, culture.percent_symbol)
    raise FormatException(BAD_SPECIFIER)


def _format_double(x: float, spec: str, culture, single: bool = False) -> str:
    if x != x:
        return culture.nan
    if x == float("inf"):
        return culture.pos_inf
    if x == float("-inf"):
        return culture.neg_inf
    fmt, prec = _parse_standard(spec)
    if fmt is None:
        return _custom(_from_float_sig(x, 7 if single else 15), spec, culture)
    up = fmt.upper()
    kind = "single" if single else "double"
    if up in ("D", "X", "B"):
        raise FormatException(BAD_SPECIFIER)
    if up == "R" or (up == "G" and prec <= 0):
        return _format_num(_from_float_shortest(x, single), fmt, -1, culture, kind, shortest=True)
    if up == "G":
        return _format_num(_from_float_sig(x, prec), fmt, prec, culture, kind)
    if up == "E":
        p = 6 if prec < 0 else prec
        return _format_num(_from_float_sig(x, p + 1), fmt, prec, culture, kind)
    if up in ("F", "N", "C", "P"):
        p = prec if prec >= 0 else 2
        if up == "P":
            num = _from_float_frac(x * 1.0, p + 2)
            num.scale += 2
            return _format_num(num, fmt, p, culture, "float_done")
        return _format_num(_from_float_frac(x, p), fmt, p, culture, kind)
    raise FormatException(BAD_SPECIFIER)


# ----------------------------------------------------------------------------------------------
# Custom numeric formats

def _split_sections(fmt: str) -> list[str]:
    sections, cur, i, n = [], [], 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c in "'\"":
            j = fmt.find(c, i + 1)
            j = n - 1 if j < 0 else j
            cur.append(fmt[i:j + 1])
            i = j + 1
            continue
        if c == "\\" and i + 1 < n:
            cur.append(fmt[i:i + 2])
            i += 2
            continue
        if c == ";":
            sections.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    sections.append("".join(cur))
    return sections


def _tokenize(section: str) -> list[tuple[str, str]]:
    """Tokens: ('0'|'#'|'.'|','|'%'|'‰'|'E'|'lit', text)."""
    toks = []
    i, n = 0, len(section)
    while i < n:
        c = section[i]
        if c in "'\"":
            j = section.find(c, i + 1)
            if j < 0:
                j = n
            toks.append(("lit", section[i + 1:j]))
            i = j + 1
            continue
        if c == "\\":
            if i + 1 < n:
                toks.append(("lit", section[i + 1]))
            i += 2
            continue
        if c in "Ee" and i + 1 < n and (section[i + 1] == "0" or (section[i + 1] in "+-" and i + 2 < n and section[i + 2] == "0")):
            j = i + 1
            sign = ""
            if section[j] in "+-":
                sign = section[j]
                j += 1
            k = j
            while k < n and section[k] == "0":
                k += 1
            toks.append(("E", c + sign + str(k - j)))
            i = k
            continue
        if c in "0#.,%‰":
            toks.append((c, c))
        else:
            toks.append(("lit", c))
        i += 1
    return toks


def _custom(num: _Num, fmt: str, culture) -> str:
    sections = _split_sections(fmt)
    section = sections[0]
    use_neg_sign = True
    if len(sections) > 1:
        if num.neg and not num.is_zero() and sections[1] != "":
            section = sections[1]
            use_neg_sign = False
        elif num.is_zero() and len(sections) > 2 and sections[2] != "":
            section = sections[2]
    toks = _tokenize(section)
    # analyse
    first_point = next((k for k, t in enumerate(toks) if t[0] == "."), None)
    int_toks = toks if first_point is None else toks[:first_point]
    frac_toks = [] if first_point is None else toks[first_point + 1:]
    sci = next((t[1] for t in toks if t[0] == "E"), None)
    if sci is not None:
        # scientific: digit placeholders before the exponent only
        cut = next(k for k, t in enumerate(toks) if t[0] == "E")
        if first_point is not None and first_point > cut:
            int_toks = toks[:cut]
            frac_toks = []
        else:
            frac_toks = frac_toks[:next((k for k, t in enumerate(frac_toks) if t[0] == "E"), len(frac_toks))]
    int_ph = [k for k, t in enumerate(int_toks) if t[0] in "0#"]
    frac_ph = [t for t in frac_toks if t[0] in "0#"]
    thousands = False
    scaling = 0
    if int_ph:
        first, last = int_ph[0], int_ph[-1]
        for k in range(first, last):
            if int_toks[k][0] == ",":
                thousands = True
        k = last + 1
        while k < len(int_toks) and int_toks[k][0] == ",":
            scaling += 1
            k += 1
    pct = sum(1 for t in toks if t[0] == "%")
    permille = sum(1 for t in toks if t[0] == "‰")
    if not num.is_zero():
        num.scale += 2 * pct + 3 * permille - 3 * scaling
    n_int = len(int_ph)
    min_int = 0
    for idx, k in enumerate(int_ph):
        if int_toks[k][0] == "0":
            min_int = n_int - idx
            break
    n_frac = len(frac_ph)
    last_zero = -1
    for idx, t in enumerate(frac_ph):
        if t[0] == "0":
            last_zero = idx
    exp_value = 0
    if sci is not None:
        sig = max(n_int, 1) + n_frac if n_int else n_frac
        if not num.is_zero():
            int_digits = max(n_int, 1) if n_int else 0
            exp_value = num.scale - int_digits
            num.scale = int_digits
            num.round(sig)
            if num.scale != int_digits:   # rounding carried into a new digit
                exp_value += num.scale - int_digits
                num.scale = int_digits
    else:
        num.round(num.scale + n_frac)
    neg_out = num.neg and use_neg_sign and not num.is_zero()
    if num.neg and use_neg_sign and num.is_zero() and num.is_float and len(sections) == 1:
        neg_out = False
    d = num.digits
    # integer digits
    if num.scale > 0:
        int_digits = d[:num.scale].ljust(num.scale, "0")
        frac_digits = d[num.scale:]
    else:
        int_digits = ""
        frac_digits = "0" * (-num.scale) + d
    int_digits = int_digits.lstrip("0")
    if len(int_digits) < min_int:
        int_digits = int_digits.rjust(min_int, "0")
    frac_digits = frac_digits[:n_frac]
    sig_frac = frac_digits.rstrip("0")
    out = []
    if neg_out:
        out.append(culture.negative_sign)
    # emit integer part
    nd = len(int_digits)
    extra = nd - n_int            # digits that go before the first placeholder
    di = 0
    gs = culture.group_sep

    def emit_digit(idx):
        out.append(int_digits[idx])
        remaining = nd - idx - 1
        if thousands and remaining > 0 and remaining % 3 == 0:
            out.append(gs)

    lead = nd - n_int + 1 if nd >= n_int else 0      # digits the first placeholder prints
    skip = n_int - nd if nd < n_int else 0           # leading placeholders that print nothing
    ph_seen = 0
    emitted_int = False
    for k, t in enumerate(int_toks):
        kind = t[0]
        if kind in "0#":
            if ph_seen == 0 and lead:
                for _ in range(lead):
                    emit_digit(di)
                    di += 1
            elif ph_seen >= skip and not (ph_seen == 0 and lead == 0 and nd == 0):
                if di < nd:
                    emit_digit(di)
                    di += 1
            ph_seen += 1
            emitted_int = True
        elif kind == ",":
            continue
        elif kind == "%":
            out.append(culture.percent_symbol)
        elif kind == "‰":
            out.append("‰")
        elif kind == "E":
            out.append(_custom_exp(t[1], exp_value))
        else:
            out.append(t[1])
    if n_int == 0 and int_digits and sci is None:
        # no integer placeholders: the integer digits still print before the decimal point
        out.insert(1 if neg_out else 0, int_digits)
    if first_point is not None or sci is not None:
        shown = max(len(sig_frac), last_zero + 1)
        if shown > 0:
            out.append(culture.decimal_sep)
        fi = 0
        for t in (toks[first_point + 1:] if first_point is not None else []):
            kind = t[0]
            if kind in "0#":
                if fi < shown:
                    out.append(frac_digits[fi] if fi < len(frac_digits) else "0")
                fi += 1
            elif kind in ",.":
                continue
            elif kind == "%":
                out.append(culture.percent_symbol)
            elif kind == "‰":
                out.append("‰")
            elif kind == "E":
                out.append(_custom_exp(t[1], exp_value))
            else:
                out.append(t[1])
    return "".join(out)


def _custom_exp(spec: str, value: int) -> str:
    ch = spec[0]
    if spec[1] in "+-":
        sign, digits = spec[1], int(spec[2:])
    else:
        sign, digits = "", int(spec[1:])
    if value < 0:
        return ch + "-" + str(-value).rjust(digits, "0")
    return ch + ("+" if sign == "+" else "") + str(value).rjust(digits, "0")


# ----------------------------------------------------------------------------------------------
# Public number API

def double_to_string(x: float) -> str:
    """Double as PowerShell turns it into text (LanguagePrimitives: G15, invariant)."""
    if x != x:
        return "NaN"
    if x == float("inf"):
        return "Infinity"
    if x == float("-inf"):
        return "-Infinity"
    if x == int(x) and abs(x) < 1e15:
        if x == 0:
            return "-0" if str(x)[0] == "-" else "0"
        return str(int(x))
    s = "%.15g" % x
    if "e" in s:
        mant, exp = s.split("e")
        sign = exp[0]
        digits = exp[1:].lstrip("0").rjust(2, "0")
        return f"{mant}E{sign}{digits}"
    return s


def single_to_string(x: float) -> str:
    """Single as PowerShell prints it (G7)."""
    if x != x:
        return "NaN"
    if x == float("inf"):
        return "Infinity"
    if x == float("-inf"):
        return "-Infinity"
    s = "%.7g" % x
    if "e" in s:
        mant, exp = s.split("e")
        sign = exp[0]
        digits = exp[1:].lstrip("0").rjust(2, "0")
        return f"{mant}E{sign}{digits}"
    return s


def number_to_string(value: Any, culture=None) -> str:
    """A number as PowerShell shows it with a culture (G15 doubles, G7 singles, culture's decimal separator)."""
    c = _culture(culture)
    from pslark.runtime.numbers import Single
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return _format_double(value, "", c)
        s = single_to_string(value) if isinstance(value, Single) else double_to_string(value)
        if c.decimal_sep != "." and "." in s:
            s = s.replace(".", c.decimal_sep)
        if c.negative_sign != "-" and s.startswith("-"):
            s = c.negative_sign + s[1:]
        return s
    if isinstance(value, decimal.Decimal):
        return _format_decimal(value, "", c)
    return str(int(value))


def _format_decimal(value: decimal.Decimal, spec: str, culture) -> str:
    fmt, prec = _parse_standard(spec)
    num = _from_decimal(value)
    if fmt is None:
        return _custom(num, spec, culture)
    if fmt.upper() in ("D", "X", "R", "B"):
        raise FormatException(BAD_SPECIFIER)
    return _format_num(num, fmt, prec, culture, "decimal")


def format_value(value: Any, spec: Optional[str], culture=None) -> str:
    """value.ToString(spec, culture) for numbers, DateTime, TimeSpan, Guid, enums; other values: their text."""
    c = _culture(culture)
    spec = spec or ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        from pslark.runtime.numbers import _TypedInt
        if getattr(value, "ps_enum", None) is not None:
            return format_enum(value, spec)
        fmt, prec = _parse_standard(spec)
        if fmt is None:
            return _custom(_from_int(value), spec, c)
        if fmt.upper() == "R":
            fmt = "G" if fmt == "R" else "g"
        return _format_integer(int(value), fmt, prec, c)
    if isinstance(value, float):
        from pslark.runtime.numbers import Single
        return _format_double(float(value), spec, c, single=isinstance(value, Single))
    if isinstance(value, decimal.Decimal):
        return _format_decimal(value, spec, c)
    if isinstance(value, datetime.datetime):
        return format_datetime(value, spec or "G", c)
    if isinstance(value, datetime.date):
        return format_datetime(datetime.datetime(value.year, value.month, value.day), spec or "G", c)
    if isinstance(value, datetime.timedelta):
        return format_timespan(value, spec or "c", c)
    import uuid
    if isinstance(value, uuid.UUID):
        return format_guid(value, spec)
    from pslark.runtime.conversion import to_string
    return to_string(value)


def format_guid(g, spec: str = "") -> str:
    s = str(g)
    f = (spec or "D").upper()
    if f == "D":
        return s
    if f == "N":
        return s.replace("-", "")
    if f == "B":
        return "{" + s + "}"
    if f == "P":
        return "(" + s + ")"
    if f == "X":
        h = g.hex
        return ("{0x%s,0x%s,0x%s,{%s}}" % (h[0:8], h[8:12], h[12:16],
                ",".join("0x" + h[i:i + 2] for i in range(16, 32, 2))))
    raise FormatException('Format string can be only "D", "d", "N", "n", "P", "p", "B", "b", "X" or "x".')


def format_enum(value, spec: str = "") -> str:
    f = (spec or "G").upper()
    if f in ("G", "F"):
        return str(value)
    if f == "D":
        return str(int(value))
    if f == "X":
        return "%08X" % (int(value) & 0xFFFFFFFF)
    raise FormatException(BAD_SPECIFIER)


# ----------------------------------------------------------------------------------------------
# Composite formatting (String.Format / -f)

def _arg_text(arg: Any, spec: Optional[str], culture) -> str:
    if spec is not None and spec != "":
        if isinstance(arg, (int, float, decimal.Decimal, datetime.datetime, datetime.timedelta, datetime.date)) \
                and not isinstance(arg, bool):
            return format_value(arg, spec, culture)
        import uuid
        if isinstance(arg, uuid.UUID):
            return format_guid(arg, spec)
        fmt_method = getattr(arg, "ps_format", None)
        if fmt_method is not None:
            return fmt_method(spec, culture)
        from pslark.runtime.objects import PSObject
        if isinstance(arg, PSObject) and arg.base is not None:
            return _arg_text(arg.base, spec, culture)
        from pslark.runtime.conversion import to_string
        return to_string(arg)
    return ps_to_string(arg, culture)


def ps_to_string(arg: Any, culture=None) -> str:
    """PSObject.ToString with a format provider: numbers and dates in the culture, the rest as to_string."""
    if arg is None:
        return ""
    t = type(arg)
    if t is str:
        return arg
    if t is int:
        return str(arg)
    if isinstance(arg, bool):
        return "True" if arg else "False"
    c = _culture(culture)
    if isinstance(arg, (float, decimal.Decimal)):
        return number_to_string(arg, c)
    if isinstance(arg, int) and getattr(arg, "ps_enum", None) is None:
        return str(int(arg))
    if isinstance(arg, datetime.datetime):
        return format_datetime(arg, "G", c)
    if isinstance(arg, list):
        return " ".join(ps_to_string(x, c) for x in arg)
    from pslark.runtime.conversion import to_string
    return to_string(arg)


def composite_format(fmt: str, args, culture=None) -> str:
    """String.Format(culture, fmt, args): `{index[,alignment][:format]}` items, `{{` and `}}` escapes."""
    c = _culture(culture)
    if args is None:
        args = []
    elif not isinstance(args, (list, tuple)):
        args = [args]
    out = []
    i, n = 0, len(fmt)
    while i < n:
        ch = fmt[i]
        if ch == "{":
            if i + 1 < n and fmt[i + 1] == "{":
                out.append("{")
                i += 2
                continue
            # parse an item
            j = i + 1
            while j < n and fmt[j] == " ":
                j += 1
            k = j
            while k < n and "0" <= fmt[k] <= "9":
                k += 1
            if k == j:
                raise FormatException(INVALID_FORMAT)
            index = int(fmt[j:k])
            j = k
            while j < n and fmt[j] == " ":
                j += 1
            align = 0
            if j < n and fmt[j] == ",":
                j += 1
                while j < n and fmt[j] == " ":
                    j += 1
                sign = 1
                if j < n and fmt[j] == "-":
                    sign = -1
                    j += 1
                k = j
                while k < n and "0" <= fmt[k] <= "9":
                    k += 1
                if k == j:
                    raise FormatException(INVALID_FORMAT)
                align = sign * int(fmt[j:k])
                j = k
                while j < n and fmt[j] == " ":
                    j += 1
            spec = None
            if j < n and fmt[j] == ":":
                j += 1
                buf = []
                while j < n:
                    cj = fmt[j]
                    if cj == "}":
                        if j + 1 < n and fmt[j + 1] == "}":
                            buf.append("}")
                            j += 2
                            continue
                        break
                    if cj == "{":
                        if j + 1 < n and fmt[j + 1] == "{":
                            buf.append("{")
                            j += 2
                            continue
                        raise FormatException(INVALID_FORMAT)
                    buf.append(cj)
                    j += 1
                spec = "".join(buf)
            if j >= n or fmt[j] != "}":
                raise FormatException(INVALID_FORMAT)
            if index >= len(args):
                raise FormatException(INDEX_OUT_OF_RANGE)
            text = _arg_text(args[index], spec, c)
            if align > 0:
                text = text.rjust(align)
            elif align < 0:
                text = text.ljust(-align)
            out.append(text)
            i = j + 1
            continue
        if ch == "}":
            if i + 1 < n and fmt[i + 1] == "}":
                out.append("}")
                i += 2
                continue
            raise FormatException(INVALID_FORMAT)
        j = i
        while j < n and fmt[j] not in "{}":
            j += 1
        out.append(fmt[i:j])
        i = j
    return "".join(out)


# ----------------------------------------------------------------------------------------------
# DateTime

def _standard_datetime_pattern(spec: str, c) -> Optional[str]:
    if len(spec) != 1:
        return None
    s = spec
    if s == "d":
        return c.short_date
    if s == "D":
        return c.long_date
    if s == "t":
        return c.short_time
    if s == "T":
        return c.long_time
    if s == "f":
        return c.long_date + " " + c.short_time
    if s == "F":
        return c.full_datetime
    if s == "g":
        return c.short_date + " " + c.short_time
    if s == "G":
        return c.short_date + " " + c.long_time
    if s in "mM":
        return c.month_day
    if s in "yY":
        return c.year_month
    if s == "s":
        return "yyyy'-'MM'-'dd'T'HH':'mm':'ss"
    if s == "u":
        return "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"
    if s in "oO":
        return "yyyy'-'MM'-'dd'T'HH':'mm':'ss.fffffffK"
    if s in "rR":
        return "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"
    if s == "U":
        return c.full_datetime
    raise FormatException(INVALID_FORMAT)


def _utc_offset(dt: datetime.datetime) -> datetime.timedelta:
    if dt.tzinfo is not None:
        return dt.utcoffset() or datetime.timedelta(0)
    try:
        return dt.astimezone().utcoffset() or datetime.timedelta(0)
    except (OverflowError, ValueError, OSError):
        return datetime.timedelta(0)


def _kind(dt: datetime.datetime) -> str:
    k = getattr(dt, "kind", None)
    if k:
        return k
    if dt.tzinfo is not None:
        return "Utc" if dt.utcoffset() == datetime.timedelta(0) else "Local"
    return "Local"


def format_datetime(dt, spec: Optional[str] = None, culture=None) -> str:
    """DateTime.ToString(spec, culture): standard (d D t T f F g G M Y s u o r U) and custom patterns."""
    c = _culture(culture)
    if not spec:
        spec = "G"
    if isinstance(dt, datetime.date) and not isinstance(dt, datetime.datetime):
        dt = datetime.datetime(dt.year, dt.month, dt.day)
    if len(spec) == 1:
        if spec in "rRsuoO":
            inv = _invariant()
            if spec == "u" and dt.tzinfo is not None:
                dt = dt.astimezone(datetime.timezone.utc)
            if spec in "rR" and dt.tzinfo is not None:
                dt = dt.astimezone(datetime.timezone.utc)
            return _custom_datetime(dt, _standard_datetime_pattern(spec, inv), inv)
        if spec == "U":
            try:
                u = dt.astimezone(datetime.timezone.utc).replace(tzinfo=None) if dt.tzinfo or True else dt
            except (OverflowError, ValueError, OSError):
                u = dt
            return _custom_datetime(u, c.full_datetime, c)
        return _custom_datetime(dt, _standard_datetime_pattern(spec, c), c)
    return _custom_datetime(dt, spec, c)


def _custom_datetime(dt: datetime.datetime, pattern: str, c) -> str:
    out = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        j = i
        while j < n and pattern[j] == ch:
            j += 1
        count = j - i
        if ch == "d":
            if count == 1:
                out.append(str(dt.day))
            elif count == 2:
                out.append("%02d" % dt.day)
            elif count == 3:
                out.append(c.abbrev_days[(dt.weekday() + 1) % 7])
            else:
                out.append(c.days[(dt.weekday() + 1) % 7])
        elif ch == "M":
            if count == 1:
                out.append(str(dt.month))
            elif count == 2:
                out.append("%02d" % dt.month)
            elif count == 3:
                out.append(c.abbrev_months[dt.month - 1])
            else:
                out.append(c.months[dt.month - 1])
        elif ch == "y":
            if count == 1:
                out.append(str(dt.year % 100))
            elif count == 2:
                out.append("%02d" % (dt.year % 100))
            else:
                out.append(str(dt.year).rjust(count, "0"))
        elif ch == "h":
            h = dt.hour % 12 or 12
            out.append(str(h) if count == 1 else "%02d" % h)
        elif ch == "H":
            out.append(str(dt.hour) if count == 1 else "%02d" % dt.hour)
        elif ch == "m":
            out.append(str(dt.minute) if count == 1 else "%02d" % dt.minute)
        elif ch == "s":
            out.append(str(dt.second) if count == 1 else "%02d" % dt.second)
        elif ch == "f" or ch == "F":
            if count > 7:
                raise FormatException(INVALID_FORMAT)
            ticks = dt.microsecond * 10 + getattr(dt, "extra_ticks", 0)
            frac = ("%07d" % ticks)[:count]
            if ch == "F":
                frac = frac.rstrip("0")
                if not frac and out and out[-1] in (".", ",") and False:
                    pass
            out.append(frac)
            if ch == "F" and not frac and out and len(out) >= 2 and out[-2] in (".",):
                out[-2] = ""
        elif ch == "t":
            ampm = c.am if dt.hour < 12 else c.pm
            out.append(ampm[:1] if count == 1 else ampm)
        elif ch == "z":
            off = _utc_offset(dt)
            total = int(off.total_seconds() // 60)
            sign = "+" if total >= 0 else "-"
            total = abs(total)
            hh, mm = divmod(total, 60)
            if count == 1:
                out.append(f"{sign}{hh}")
            elif count == 2:
                out.append(f"{sign}{hh:02d}")
            else:
                out.append(f"{sign}{hh:02d}:{mm:02d}")
        elif ch == "K":
            kind = _kind(dt)
            count = 1
            j = i + 1
            if kind == "Utc":
                out.append("Z")
            elif kind == "Local":
                off = _utc_offset(dt)
                total = int(off.total_seconds() // 60)
                sign = "+" if total >= 0 else "-"
                hh, mm = divmod(abs(total), 60)
                out.append(f"{sign}{hh:02d}:{mm:02d}")
        elif ch == "g":
            out.append("A.D.")
        elif ch == ":":
            out.append(c.time_sep)
            j = i + 1
        elif ch == "/":
            out.append(c.date_sep)
            j = i + 1
        elif ch in "'\"":
            k = i + 1
            buf = []
            while k < n and pattern[k] != ch:
                if pattern[k] == "\\" and k + 1 < n:
                    k += 1
                buf.append(pattern[k])
                k += 1
            if k >= n:
                raise FormatException(
                    f"Cannot find a matching quote character for the character '{ch}'.")
            out.append("".join(buf))
            j = k + 1
        elif ch == "%":
            if i + 1 < n and pattern[i + 1] != "%":
                j = i + 1
            else:
                raise FormatException(INVALID_FORMAT)
        elif ch == "\\":
            if i + 1 < n:
                out.append(pattern[i + 1])
                j = i + 2
            else:
                raise FormatException(INVALID_FORMAT)
        else:
            out.append(ch)
            j = i + 1
        i = j
    return "".join(out)


# ----------------------------------------------------------------------------------------------
# TimeSpan

def timespan_ticks(ts: datetime.timedelta) -> int:
    return ((ts.days * 86400 + ts.seconds) * 1_000_000 + ts.microseconds) * 10 + getattr(ts, "extra_ticks", 0)


def format_timespan(ts, spec: Optional[str] = None, culture=None) -> str:
    """TimeSpan.ToString(spec): 'c' (default) `[-][d.]hh:mm:ss[.fffffff]`, 'g', 'G', or a custom pattern."""
    ticks = timespan_ticks(ts)
    neg = ticks < 0
    t = -ticks if neg else ticks
    days, rem = divmod(t, 864_000_000_000)
    hours, rem = divmod(rem, 36_000_000_000)
    minutes, rem = divmod(rem, 600_000_000)
    seconds, frac = divmod(rem, 10_000_000)
    spec = spec or "c"
    if spec in ("c", "t", "T"):
        s = ("-" if neg else "") + (f"{days}." if days else "") + f"{hours:02d}:{minutes:02d}:{seconds:02d}"
        if frac:
            s += f".{frac:07d}"
        return s
    if spec == "g":
        c = _culture(culture)
        s = ("-" if neg else "") + (f"{days}:" if days else "") + f"{hours}:{minutes:02d}:{seconds:02d}"
        if frac:
            s += c.decimal_sep + f"{frac:07d}".rstrip("0")
        return s
    if spec == "G":
        c = _culture(culture)
        return ("-" if neg else "") + f"{days}:{hours:02d}:{minutes:02d}:{seconds:02d}" + c.decimal_sep + f"{frac:07d}"
    # custom: d (up to 8 digits), h, m, s (up to 2) zero-padded to the run's length
    fields = {"d": (8, days), "h": (2, hours), "m": (2, minutes), "s": (2, seconds)}
    out = []
    i, n = 0, len(spec)
    while i < n:
        ch = spec[i]
        j = i
        while j < n and spec[j] == ch:
            j += 1
        count = j - i
        if ch in fields:
            limit, value = fields[ch]
            if count > limit:
                raise FormatException(INVALID_FORMAT)
            out.append(str(value).rjust(count, "0"))
        elif ch == "f":
            if count > 7:
                raise FormatException(INVALID_FORMAT)
            out.append(f"{frac:07d}"[:count])
        elif ch == "F":
            if count > 7:
                raise FormatException(INVALID_FORMAT)
            out.append(f"{frac:07d}"[:count].rstrip("0"))
        elif ch in "'\"":
            k = spec.find(ch, i + 1)
            if k < 0:
                raise FormatException(INVALID_FORMAT)
            out.append(spec[i + 1:k])
            j = k + 1
        elif ch == "\\":
            if i + 1 >= n:
                raise FormatException(INVALID_FORMAT)
            out.append(spec[i + 1])
            j = i + 2
        elif ch == "%":
            j = i + 1
        else:
            raise FormatException(INVALID_FORMAT)
        i = j
    return "".join(out)
