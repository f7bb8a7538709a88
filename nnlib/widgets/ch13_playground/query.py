"""A playground setting in a link: the app's controls as a URL query string, and back.

    to_query({"dataset": "spiral", "hidden": (8, 8, 4), ...}, defaults)
        -> "?dataset=spiral&hidden=8,8,4"
    from_query("dataset=spiral&hidden=8,x", defaults)
        -> ({..., "dataset": "spiral", "hidden": (8, 8), ...},
            ["hidden=8,x: expected unit counts from 1 to 64 separated by commas ...; using 8,8"])

Only the values that differ from the defaults go into a link, so it names just what the
teacher changed. The link is percent-encoded by urllib.parse (RFC 3986): "x1^2" travels as
"x1%5E2" and "gradient descent" as "gradient+descent"; from_query decodes both.

Under Voila the kernel sees the page's query string in the environment variable QUERY_STRING
(CGI style, RFC 3875: without the "?", still percent-encoded), and the page's path in
SCRIPT_NAME; ``setting_from_environ`` and ``page_link`` read them. A bad value in a link never
stops the app: it keeps the default and says why in ``problems``.
"""
import dataclasses
import difflib
import math
import os
from collections.abc import Mapping
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit

from .settings import (ACTIVATIONS, DATASETS, FEATURES, LOSSES, M_POINTS, MAX_HIDDEN_LAYERS, MAX_UNITS, OPTIMIZERS,
                       OUTPUTS, REGRESSION, REGULARIZATIONS)

SAFE = ",*()"                     # left as they are: allowed in a query by RFC 3986 and readable


class _Bad(Exception):
    """A value that cannot be used; the message says what was expected."""


# ---- one reader and one writer per kind of value -------------------------------------------
def _choice(names, aliases=None):
    aliases = aliases or {}

    def parse(text):
        text = aliases.get(text.strip().lower(), text.strip())
        if text not in names:
            raise _Bad(f"one of {', '.join(names)}")
        return text
    return parse, str


def _parse_yes_no(text):
    word = text.strip().lower()
    if word not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
        raise _Bad("1 or 0 (on or off)")
    return word in ("1", "true", "yes", "on")


def _write_yes_no(value):
    if not isinstance(value, bool):
        raise TypeError
    return "1" if value else "0"


def _parse_features(text):
    names = [p.strip() for p in text.split(",") if p.strip()]
    if not names or any(n not in FEATURES for n in names) or len(set(names)) != len(names):
        raise _Bad(f"one or more different features separated by commas, from {', '.join(FEATURES)}")
    return tuple(f for f in FEATURES if f in names)      # in FEATURES' order, as the app holds them


def _write_features(value):
    return value if isinstance(value, str) else ",".join(value)


def _parse_hidden(text):
    parts = [p.strip() for p in text.split(",")]
    if parts in ([""], ["0"], ["none"]):
        return ()
    expected = (f"unit counts from 1 to {MAX_UNITS} separated by commas, at most {MAX_HIDDEN_LAYERS} "
                f"layers (e.g. 8,8,4; none for no hidden layer)")
    if len(parts) > MAX_HIDDEN_LAYERS or not all(p.isdigit() and 1 <= int(p) <= MAX_UNITS for p in parts):
        raise _Bad(expected)
    return tuple(int(p) for p in parts)


def _write_hidden(value):
    if isinstance(value, str):
        return value
    return ",".join(str(n) for n in value) if len(value) else "none"


def _number(low, high, low_open=False):
    def parse(text):
        try:
            v = float(text)
        except ValueError:
            v = math.nan
        if not (math.isfinite(v) and (low < v if low_open else low <= v) and v <= high):
            raise _Bad(f"a number {'>' if low_open else '>='} {low:g} and <= {high:g}")
        return v
    return parse, _write_number


def _write_number(value):
    text = repr(float(value))         # the shortest text that reads back as the same float
    return text[:-2] if text.endswith(".0") else text


def _whole(low, high, none_word=None):
    def parse(text):
        if none_word and text.strip().lower() == none_word:
            return None
        try:
            v = float(text)
        except ValueError:
            v = math.nan
        if not (math.isfinite(v) and v.is_integer() and low <= v <= high):
            also = f" or {none_word}" if none_word else ""
            raise _Bad(f"a whole number from {low} to {high}{also}")
        return int(v)

    def write(value):
        return none_word if value is None and none_word else _write_number(value)
    return parse, write


# setting key -> (name in the link, (parse, write)); the link lists them in this order
FIELDS = {
    "dataset": ("dataset", _choice(DATASETS + REGRESSION)),
    "features": ("features", (_parse_features, _write_features)),
    "hidden": ("hidden", (_parse_hidden, _write_hidden)),
    "activation": ("activation", _choice(ACTIVATIONS, {"leaky relu": "leaky_relu"})),
    "output": ("output", _choice(OUTPUTS)),
    "loss": ("loss", _choice(LOSSES, {"cross entropy": "cross-entropy", "crossentropy": "cross-entropy"})),
    "optimizer": ("optimizer", _choice(OPTIMIZERS, {"sgd": "gradient descent", "gd": "gradient descent"})),
    "learning_rate": ("lr", _number(0, 10, low_open=True)),
    "regularization": ("reg", _choice(REGULARIZATIONS)),
    "reg_rate": ("reg_rate", _number(0, 10)),
    "batch_size": ("batch", _whole(1, M_POINTS, none_word="all")),
    "train_ratio": ("train", _whole(10, 90)),
    "noise": ("noise", _number(0, 1)),
    "seed": ("seed", _whole(0, 2 ** 32 - 1)),
    "show_test": ("show_test", (_parse_yes_no, _write_yes_no)),
    "discretize": ("discretize", (_parse_yes_no, _write_yes_no)),
}
# a link may also spell a setting by its own key (learning_rate=0.01 as well as lr=0.01)
_KEY_OF = {**{key: key for key in FIELDS}, **{url: key for key, (url, _) in FIELDS.items()}}


def _as_dict(setting, what):
    if dataclasses.is_dataclass(setting) and not isinstance(setting, type):
        return dataclasses.asdict(setting)
    if isinstance(setting, Mapping):
        return dict(setting)
    raise ValueError(f"{what} must be a dict of the playground's settings (or a Setting); received "
                     f"{type(setting).__name__}. Write e.g. {what}={{'dataset': 'spiral', 'hidden': (8, 8)}}.")


def _short(text, n=40):
    return text if len(text) <= n else text[:n - 3] + "..."


def _text(key, value, what):
    """The link's text for one Python value and the value read back; ValueError if no control gives it."""
    parse, write = FIELDS[key][1]
    try:
        try:
            text = write(value)
        except (TypeError, ValueError, AttributeError):
            text = str(value)                    # not even the right type: parse says what was expected
        return text, parse(text)
    except _Bad as expected:
        raise ValueError(f"{what}[{key!r}] is no value of the app's controls: expected {expected}; received "
                         f"{value!r}. Fix the setting first (the controls only give such values).") from None


def to_query(setting, defaults):
    """The query string ("?dataset=spiral&hidden=8,8,4") of the values that differ from defaults.

    Args:
        setting: a dict (or Setting dataclass) of the app's controls; missing keys count as the default.
        defaults: the same keys with the app's defaults.
    Returns "" when nothing differs. ValueError for an unknown key or a value no control can take.
    """
    setting, defaults = checked(setting, "setting"), checked(defaults, "defaults")
    pairs = [(url, FIELDS[key][1][1](setting[key])) for key, (url, _) in FIELDS.items()
             if key in setting and (key not in defaults or setting[key] != defaults[key])]
    return "?" + urlencode(pairs, safe=SAFE, quote_via=quote_plus) if pairs else ""


def checked(setting, what="setting"):
    """The setting's values as the app holds them (tuples, ints, floats, features in FEATURES' order).

    ValueError for a name that is no setting or a value no control can take (one a link could not carry).
    """
    setting = _as_dict(setting, what)
    unknown = sorted(set(setting) - set(FIELDS))
    if unknown:
        raise ValueError(f"no setting called {unknown[0]!r}; the settings are {', '.join(FIELDS)}. "
                         f"Remove it or correct its name.")
    return {key: _text(key, value, what)[1] for key, value in setting.items()}


def from_query(query, defaults):
    """(setting, problems): the setting a query string asks for, every value checked.

    Args:
        query: "dataset=spiral&lr=0.01", with or without the leading "?" (Voila's QUERY_STRING
            has none), or a whole link (its query part is read).
        defaults: a dict (or Setting) of every control's default value.
    Returns a new dict (defaults overridden by the good values) and a list of readable problems:
    unknown names, bad numbers, unknown choices, a setting given twice; each keeps the default.
    """
    defaults = _as_dict(defaults, "defaults")
    setting = dict(defaults)
    if not isinstance(query, str):
        raise ValueError(f"query must be a string such as '?dataset=spiral&lr=0.01'; received "
                         f"{type(query).__name__}. Pass os.environ.get('QUERY_STRING', '') under Voila.")
    query = query.strip()
    if "://" in query or query.startswith("/"):
        query = urlsplit(query).query
    query = query.split("#", 1)[0].lstrip("?")
    problems, seen = [], {}
    for name, raw in parse_qsl(query, keep_blank_values=True):
        shown = f"{name}={_short(raw)}"
        key = _KEY_OF.get(name.strip().lower())
        if key is None:
            close = difflib.get_close_matches(name.strip().lower(), list(_KEY_OF), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(f"{shown}: there is no setting called {_short(name)!r}; {hint}the link's settings "
                            f"are {', '.join(url for url, _ in FIELDS.values())}; ignored")
            continue
        if key in seen:
            problems.append(f"{shown}: {FIELDS[key][0]} is given more than once ({seen[key]!r} before); "
                            f"the last one counts")
        seen[key] = _short(raw)
        parse, write = FIELDS[key][1]
        try:
            setting[key] = parse(raw)
        except _Bad as expected:
            if key in defaults:
                setting[key] = defaults[key]
                using = write(defaults[key])
            else:
                setting.pop(key, None)
                using = "the app's default"
            problems.append(f"{shown}: expected {expected}, received {_short(raw)!r}; using {using}")
    return setting, problems


def setting_from_environ(defaults, environ=None):
    """from_query of the page's query string, which Voila puts in QUERY_STRING ("" elsewhere)."""
    environ = os.environ if environ is None else environ
    return from_query(environ.get("QUERY_STRING", ""), defaults)


def page_link(setting, defaults, environ=None):
    """A link to this page at this setting: Voila's SCRIPT_NAME (the page's path) + the query.

    Outside Voila there is no page path, so it is the query alone ("?dataset=xor"), to append
    to the app's address.
    """
    environ = os.environ if environ is None else environ
    return environ.get("SCRIPT_NAME", "") + to_query(setting, defaults)
