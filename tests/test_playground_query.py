"""A playground setting in a link: to_query / from_query (nnlib/widgets/ch13_playground/query.py).

Round trips over many settings (hypothesis), only changed values in a link, every kind of bad
value kept at its default with a readable problem, and Voila's QUERY_STRING.
"""
import dataclasses
from urllib.parse import parse_qsl, unquote_plus, urlsplit

import pytest
from hypothesis import given, settings, strategies as st

from nnlib.widgets.ch13_playground.query import FIELDS, from_query, page_link, setting_from_environ, to_query
from nnlib.widgets.ch13_playground.settings import (ACTIVATIONS, DATASETS, FEATURES, LOSSES, MAX_HIDDEN_LAYERS,
                                                    MAX_UNITS, OPTIMIZERS, OUTPUTS, REGRESSION, REGULARIZATIONS,
                                                    Setting)

DEFAULTS = dataclasses.asdict(Setting())   # the app's controls and their defaults


def _floats(low, high):
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


SETTINGS = st.fixed_dictionaries(dict(
    dataset=st.sampled_from(DATASETS + REGRESSION),
    # the app holds its features in FEATURES' order
    features=st.sets(st.sampled_from(FEATURES), min_size=1).map(lambda on: tuple(f for f in FEATURES if f in on)),
    hidden=st.lists(st.integers(1, MAX_UNITS), max_size=MAX_HIDDEN_LAYERS).map(tuple),
    activation=st.sampled_from(ACTIVATIONS), output=st.sampled_from(OUTPUTS), loss=st.sampled_from(LOSSES),
    optimizer=st.sampled_from(OPTIMIZERS),
    learning_rate=_floats(0, 10).filter(lambda v: v > 0),
    regularization=st.sampled_from(REGULARIZATIONS), reg_rate=_floats(0, 10),
    batch_size=st.none() | st.integers(1, 400), train_ratio=st.integers(10, 90), noise=_floats(0, 1),
    seed=st.integers(0, 2 ** 32 - 1), show_test=st.booleans(), discretize=st.booleans()))


# ---- round trips -------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(SETTINGS)
def test_round_trip(setting):
    query = to_query(setting, DEFAULTS)
    back, problems = from_query(query, DEFAULTS)
    assert problems == []
    assert back == setting


@settings(max_examples=100, deadline=None)
@given(SETTINGS, SETTINGS)
def test_round_trip_with_other_defaults_and_without_question_mark(setting, defaults):
    query = to_query(setting, defaults)
    assert query == "" or query.startswith("?")
    back, problems = from_query(query.lstrip("?"), defaults)  # Voila's QUERY_STRING has no "?"
    assert (back, problems) == (setting, [])


@settings(max_examples=100, deadline=None)
@given(SETTINGS)
def test_only_changed_values_go_into_the_link(setting):
    names = [name for name, _ in parse_qsl(to_query(setting, DEFAULTS).lstrip("?"), keep_blank_values=True)]
    changed = [FIELDS[k][0] for k in FIELDS if setting[k] != DEFAULTS[k]]
    assert names == changed          # in FIELDS order, each once


def test_defaults_give_an_empty_link_and_an_empty_link_gives_the_defaults():
    assert to_query(DEFAULTS, DEFAULTS) == ""
    assert to_query({}, DEFAULTS) == ""            # missing keys count as their default
    assert from_query("", DEFAULTS) == (DEFAULTS, [])
    assert from_query("?", DEFAULTS) == (DEFAULTS, [])


def test_link_is_readable_and_percent_encoded():
    setting = dict(DEFAULTS, dataset="spiral", hidden=(8, 8, 4), features=("x1", "x2", "x1^2"),
                   learning_rate=0.01, optimizer="gradient descent", batch_size=10, regularization="l2",
                   reg_rate=0.001)
    query = to_query(setting, DEFAULTS)
    # RFC 3986 has no "^" in a query: it travels as %5E; "," is allowed and stays readable
    assert "^" not in query and "%5E" in query and " " not in query
    assert unquote_plus(query) == ("?dataset=spiral&features=x1,x2,x1^2&hidden=8,8,4&optimizer=gradient descent"
                                   "&lr=0.01&reg=l2&reg_rate=0.001&batch=10")
    # a browser may send "^" and "%20" as typed: both read back the same
    assert from_query(unquote_plus(query).replace("gradient descent", "gradient%20descent"), DEFAULTS) == \
        (setting, [])


def test_special_values_in_the_link():
    none = dict(DEFAULTS, hidden=(), batch_size=7)
    assert "hidden=none" in to_query(none, DEFAULTS)
    assert to_query(DEFAULTS, none) == "?hidden=8,8&batch=all"
    for text in ("none", "0", ""):
        assert from_query(f"hidden={text}", DEFAULTS)[0]["hidden"] == ()
    assert from_query("batch=all", none)[0]["batch_size"] is None
    assert to_query(dict(DEFAULTS, learning_rate=1.0, noise=1e-05), DEFAULTS) == "?lr=1&noise=1e-05"


def test_aliases_long_names_and_a_whole_link():
    setting, problems = from_query("learning_rate=0.1&optimizer=sgd&Activation=leaky%20relu&loss=crossentropy"
                                   "&train_ratio=70&batch_size=32&regularization=l1", DEFAULTS)
    assert problems == []
    assert setting == dict(DEFAULTS, learning_rate=0.1, optimizer="gradient descent", activation="leaky_relu",
                           loss="cross-entropy", train_ratio=70, batch_size=32, regularization="l1")
    link = "http://localhost:8866/voila/render/13-app.ipynb?dataset=xor&seed=3#top"
    assert from_query(link, DEFAULTS) == (dict(DEFAULTS, dataset="xor", seed=3), [])


def test_every_control_of_the_app_can_go_into_a_link():
    assert set(FIELDS) == set(Setting.names())


def test_a_setting_dataclass_works_as_well_as_a_dict():
    assert to_query(Setting(dataset="xor", show_test=True), Setting()) == "?dataset=xor&show_test=1"
    assert from_query("dataset=xor&show_test=1", Setting()) == (dict(DEFAULTS, dataset="xor", show_test=True), [])


def test_features_in_any_order_and_switches_in_any_words():
    setting, problems = from_query("features=x1%5E2,x1&discretize=on&show_test=yes", DEFAULTS)
    assert problems == [] and setting["features"] == ("x1", "x1^2")
    assert setting["discretize"] is True and setting["show_test"] is True
    assert to_query(dict(DEFAULTS, features=("x2", "x1")), DEFAULTS) == ""      # the same inputs


def test_voila_environment():
    env = {"QUERY_STRING": "dataset=blobs3&output=softmax", "SCRIPT_NAME": "/voila/render/13-app.ipynb"}
    assert setting_from_environ(DEFAULTS, env) == (dict(DEFAULTS, dataset="blobs3", output="softmax"), [])
    assert setting_from_environ(DEFAULTS, {}) == (DEFAULTS, [])          # not under Voila
    link = page_link(dict(DEFAULTS, dataset="xor"), DEFAULTS, env)
    assert link == "/voila/render/13-app.ipynb?dataset=xor"
    assert urlsplit(link).path == env["SCRIPT_NAME"]
    assert page_link(dict(DEFAULTS, dataset="xor"), DEFAULTS, {}) == "?dataset=xor"


def test_from_query_does_not_change_the_defaults():
    defaults = dict(DEFAULTS)
    setting, _ = from_query("dataset=xor&hidden=4", defaults)
    assert defaults == DEFAULTS and setting is not defaults


# ---- bad links: the default stays, the problem is said -------------------------------------------
BAD = [  # (query, the problem's words)
    ("hidden=8,x", ["hidden=8,x", "expected unit counts from 1 to 64", "received '8,x'", "using 8,8"]),
    ("hidden=8,65", ["from 1 to 64", "using 8,8"]),
    ("hidden=1,1,1,1,1,1,1", ["at most 6 layers"]),
    ("hidden=-8", ["received '-8'"]),
    ("lr=abc", ["lr=abc", "expected a number > 0 and <= 10", "using 0.03"]),
    ("lr=0", ["> 0"]),
    ("lr=nan", ["received 'nan'"]),
    ("lr=inf", ["received 'inf'"]),
    ("lr=", ["received ''"]),
    ("reg_rate=-1", [">= 0", "using 0"]),
    ("noise=2", ["<= 1", "using 0.05"]),
    ("batch=0", ["a whole number from 1 to 400 or all", "using all"]),
    ("batch=2.5", ["whole number"]),
    ("train=95", ["from 10 to 90", "using 50"]),
    ("seed=-1", ["from 0 to"]),
    ("dataset=moon", ["dataset=moon", "expected one of circle, xor", "plane, gaussians", "using circle"]),
    ("activation=swish", ["one of tanh, relu, sigmoid, leaky_relu, linear", "using tanh"]),
    ("output=relu", ["one of sigmoid, softmax, linear"]),
    ("loss=hinge", ["one of cross-entropy, mse"]),
    ("optimizer=rmsprop", ["one of gradient descent, adam", "using adam"]),
    ("reg=l3", ["one of none, l1, l2", "using none"]),
    ("features=x3", ["different features", "x1^2", "received 'x3'", "using x1,x2"]),
    ("features=x1,x1", ["different features", "using x1,x2"]),
    ("features=", ["different features"]),
    ("show_test=maybe", ["1 or 0 (on or off)", "using 0"]),
]


@pytest.mark.parametrize("query,words", BAD, ids=[q for q, _ in BAD])
def test_bad_value_keeps_the_default_and_says_why(query, words):
    setting, problems = from_query(query, DEFAULTS)
    assert setting == DEFAULTS
    assert len(problems) == 1
    for word in words:
        assert word in problems[0]


def test_unknown_names_are_ignored_with_a_suggestion():
    setting, problems = from_query("nosie=0.1&colour=red&dataset=xor", DEFAULTS)
    assert setting == dict(DEFAULTS, dataset="xor")
    assert len(problems) == 2
    assert "nosie=0.1: there is no setting called 'nosie'; did you mean 'noise'?" in problems[0]
    assert "colour" in problems[1] and "did you mean" not in problems[1] and "ignored" in problems[1]
    assert "dataset, features, hidden" in problems[1]          # lists what a link may hold


def test_a_setting_given_twice_counts_once_the_last():
    setting, problems = from_query("dataset=xor&dataset=spiral", DEFAULTS)
    assert setting["dataset"] == "spiral"
    assert problems == ["dataset=spiral: dataset is given more than once ('xor' before); the last one counts"]


def test_several_problems_and_good_values_together():
    setting, problems = from_query("?dataset=spiral&hidden=8,x&lr=0.01&train=5", DEFAULTS)
    assert setting == dict(DEFAULTS, dataset="spiral", learning_rate=0.01)
    assert [p.split(":")[0] for p in problems] == ["hidden=8,x", "train=5"]


def test_a_long_value_is_shortened_in_the_problem():
    _, problems = from_query("dataset=" + "a" * 5000, DEFAULTS)
    assert len(problems[0]) < 300 and "..." in problems[0]


# ---- what the functions refuse (programming errors, not link errors) ---------------------------------
@pytest.mark.parametrize("setting,match", [
    (dict(DEFAULTS, colour="red"), "no setting called 'colour'"),
    (dict(DEFAULTS, hidden=(8, 0)), r"setting\['hidden'\] is no value of the app's controls: expected unit counts"),
    (dict(DEFAULTS, learning_rate=-1), r"setting\['learning_rate'\].*received -1"),
    (dict(DEFAULTS, features=("x1", "x3")), "different features"),
    (dict(DEFAULTS, dataset=None), r"setting\['dataset'\].*received None"),
    (dict(DEFAULTS, batch_size="ten"), "whole number"),
    (dict(DEFAULTS, discretize=None), r"setting\[.discretize.\].*1 or 0.*received None"),
])
def test_to_query_refuses_a_setting_no_control_can_give(setting, match):
    with pytest.raises(ValueError, match=match):
        to_query(setting, DEFAULTS)


def test_bad_arguments():
    with pytest.raises(ValueError, match="setting must be a dict.*received list"):
        to_query([("dataset", "xor")], DEFAULTS)
    with pytest.raises(ValueError, match="query must be a string.*received bytes.*QUERY_STRING"):
        from_query(b"dataset=xor", DEFAULTS)
    with pytest.raises(ValueError, match=r"defaults\['seed'\] is no value of the app's controls"):
        to_query(dict(DEFAULTS, seed=1), dict(DEFAULTS, seed=-1))
