"""Pure rules on report values: validation against a regime's rules, and aggregation of values across units
and across periods (sums, averages, last values; ratios recomputed from their terms, never averaged)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SUM, AVERAGE, LAST, RATIO = "sum", "average", "last", "ratio"
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Rule:
    kind: str  # "not_above" (left ≤ right) or "between"
    left: str
    right: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    severity: str = ERROR
    message: str = ""


@dataclass(frozen=True)
class Finding:
    severity: str
    field: str
    message: str


def check(
    values: Mapping[str, Decimal | None], rules: Iterable[Rule], *, required: Sequence[str] = ()
) -> list[Finding]:
    """The errors and warnings of a set of values (indicator code → value); a missing value is an error."""
    findings = [
        Finding(ERROR, code, _("A value is required for %(code)s.") % {"code": code})
        for code in required
        if values.get(code) is None
    ]
    for rule in rules:
        left = values.get(rule.left)
        if left is None:
            continue
        if rule.kind == "not_above":
            right = values.get(rule.right)
            broken = right is not None and left > right
        else:
            broken = (rule.minimum is not None and left < rule.minimum) or (
                rule.maximum is not None and left > rule.maximum
            )
        if broken:
            findings.append(Finding(rule.severity, rule.left, rule.message))
    return findings


def ratio(numerator: Decimal | None, denominator: Decimal | None, scale: int) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (numerator * scale / denominator).quantize(Decimal("0.01"))


def across_units(aggregation: str, values: Iterable[Decimal | None]) -> Decimal | None:
    """Combine the values of several units for one period (a ratio is recomputed by the caller)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    if aggregation == AVERAGE:
        return (sum(present, Decimal(0)) / len(present)).quantize(Decimal("0.01"))
    return sum(present, Decimal(0))


def across_periods(aggregation: str, values: Sequence[Decimal | None]) -> Decimal | None:
    """Combine one unit's values of consecutive periods, in time order (e.g. months into a year)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    if aggregation == LAST:
        return present[-1]
    if aggregation == AVERAGE:
        return (sum(present, Decimal(0)) / len(present)).quantize(Decimal("0.01"))
    return sum(present, Decimal(0))


@dataclass(frozen=True)
class Completeness:
    expected: int
    submitted: int
    on_time: int

    @property
    def completeness(self) -> float:
        return round(100 * self.submitted / self.expected, 1) if self.expected else 0.0

    @property
    def timeliness(self) -> float:
        return round(100 * self.on_time / self.expected, 1) if self.expected else 0.0


ATTRIBUTION_RULE = gettext_lazy(
    "Values of former communes are attributed to today's communes through the lineage of 1 July 2025: a former "
    "commune that went whole into one new commune counts there in full; one divided between several new communes "
    "counts in each by its area share (the new commune's area over the areas of all the new communes it went into), "
    "so the parts add up to the former value and nothing is counted twice."
)


def attribute(
    values: Mapping[int, Decimal], successors: Mapping[int, Sequence[tuple[int, Decimal]]]
) -> tuple[dict[int, Decimal], list[int]]:
    """Values of former units (by id) attributed to today's units (`successors`: former id → [(today's id, share)],
    shares adding up to 1): each value split by the shares, exactly (Decimal products, no rounding), so the parts
    add up to the value. Returns the values by today's unit and the former units whose successors are unknown
    (left out, never guessed)."""
    result: dict[int, Decimal] = {}
    unplaced: list[int] = []
    for old_id, value in values.items():
        targets = successors.get(old_id) or ()
        if not targets:
            unplaced.append(old_id)
            continue
        for new_id, share in targets:
            if share:
                result[new_id] = result.get(new_id, Decimal(0)) + value * share
    return result, sorted(unplaced)
