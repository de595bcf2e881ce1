"""A case's success class, from that case's own metrics (docs/analyses.md).

The class rests on one attainment metric of the case (the success rule of
config.yaml ``success_class``): at or above ``more_successful_min`` it is
more_successful, below ``largely_failed_below`` largely_failed, mixed between.
It is within-case work: the batch jobs need it for each case's sensitivity
(crosscase.within.sensitivity), and the cross-case pattern matching sets the
classes side by side (crosscase.compare.patterns)."""

from __future__ import annotations

from crosscase.common.missing import is_missing
from crosscase.within.framework import Metric

SUCCESS_CLASSES = ("more_successful", "mixed", "largely_failed")
UNKNOWN = "unknown"
DEFAULT_RULE = {
    "metric": "attainment_intermediary",
    "fallback_metric": "attainment_long_term",
    "more_successful_min": 0.6,
    "largely_failed_below": 0.4,
}
# Comparisons against thresholds are made on values rounded to this many
# decimals, so that 3/5 and 0.6 compare equal whatever the float arithmetic.
COMPARE_DIGITS = 9


def is_na(value) -> bool:
    return is_missing(value)


def value_of(metrics: dict, name: str) -> float | None:
    """A metric's value from {name: Metric} or {name: float}; None when NA."""
    value = metrics.get(name)
    if isinstance(value, Metric):
        value = value.value
    return None if is_na(value) else float(value)


def at_least(value: float, threshold: float) -> bool:
    return round(value, COMPARE_DIGITS) >= round(float(threshold), COMPARE_DIGITS)


def success_basis(metrics: dict, rule: dict | None = None) -> str:
    """The metric success_class rests on: rule['metric'], or the fallback when it is NA."""
    rule = {**DEFAULT_RULE, **(rule or {})}
    for name in (rule.get("metric"), rule.get("fallback_metric")):
        if name and value_of(metrics, name) is not None:
            return name
    return ""


def success_class(metrics: dict, rule: dict | None = None) -> str:
    """more_successful | mixed | largely_failed from the attainment metrics.

    The rule's metric (attainment_intermediary by default) is used, or its
    fallback (attainment_long_term) when it is NA: value >= more_successful_min
    is more_successful, value < largely_failed_below is largely_failed, the rest
    mixed. With neither metric available the class is 'unknown'."""
    rule = {**DEFAULT_RULE, **(rule or {})}
    basis = success_basis(metrics, rule)
    if not basis:
        return UNKNOWN
    value = value_of(metrics, basis)
    if at_least(value, rule["more_successful_min"]):
        return "more_successful"
    if not at_least(value, rule["largely_failed_below"]):
        return "largely_failed"
    return "mixed"
