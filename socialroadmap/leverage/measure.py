"""The lift of the organisation's own communications, measured with the engine
(``socialroadmap.engine.lift``), and the sentence that says it in plain language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from socialroadmap.engine.lift import (
    A_LIFT,
    LOWER,
    MIN_PER_GROUP,
    NO_LIFT,
    PAIRED,
    RESAMPLES,
    LiftResult,
    measure_lift,
    per_unit,
)
from socialroadmap.leverage.choices import Metric, Per
from socialroadmap.leverage.models import Communication
from socialroadmap.organizations.models import Organization

BIG_HISTORY = 400
MIN_RESAMPLES = 1000


def value_of(row: Communication, metric: str, per: str) -> float | None:
    raw = getattr(row, metric)
    cost = float(row.cost) if row.cost is not None else None
    return per_unit(float(raw) if raw is not None else None, per=per, cost=cost, days=row.days)


def lift_for(
    organization: Organization,
    metric: str = Metric.REACH,
    per: str = Per.NOTHING,
    *,
    resamples: int = RESAMPLES,
) -> LiftResult:
    """Linked against not linked on ``metric`` (optionally per euro or per day), or pair
    by pair when enough linked communications have a control."""
    if metric not in Metric.values:
        raise ValueError(f"unknown metric {metric!r}")
    rows = list(Communication.objects.for_org(organization).select_related("control_for"))
    linked: list[float] = []
    unlinked: list[float] = []
    pairs: list[tuple[float, float]] = []
    for row in rows:
        value = value_of(row, metric, per)
        if value is None:
            continue
        (linked if row.linked else unlinked).append(value)
        if row.control_for is not None:
            partner = value_of(row.control_for, metric, per)
            if partner is not None:
                pairs.append((partner, value))
    # Resampling costs resamples x communications draws: keep a big history's page fast.
    size = len(linked) + len(unlinked)
    if size > BIG_HISTORY:
        resamples = max(MIN_RESAMPLES, resamples * BIG_HISTORY // size)
    return measure_lift(linked, unlinked, pairs, resamples=resamples)


def _percent(share: float) -> str:
    return f"{round(abs(share) * 100)}%"


def _signed(share: float) -> str:
    return f"{round(share * 100)}%"


def _did(metric: str, share: float) -> str:
    """What the linked communications did, e.g. "reached 12% more"."""
    more = share >= 0
    amount = _percent(share)
    words = {
        Metric.REACH: (_("reached %(amount)s more"), _("reached %(amount)s less")),
        Metric.VISITS: (_("brought %(amount)s more visits"), _("brought %(amount)s fewer visits")),
        Metric.LEADS: (_("brought %(amount)s more leads"), _("brought %(amount)s fewer leads")),
        Metric.SALES: (_("brought %(amount)s more sales"), _("brought %(amount)s fewer sales")),
        Metric.REVENUE: (
            _("brought %(amount)s more revenue"),
            _("brought %(amount)s less revenue"),
        ),
    }[Metric(metric)]
    return (words[0] if more else words[1]) % {"amount": amount}


def sentence(result: LiftResult, metric: str, per: str = "") -> str:
    """The result in one or two plain sentences."""
    if result.lift is None and result.n_unlinked >= MIN_PER_GROUP:
        return _(
            "Too few communications to tell: the unlinked communications have no %(metric)s "
            "to compare with."
        ) % {"metric": Metric(metric).label.lower()}
    if result.verdict not in (A_LIFT, NO_LIFT, LOWER) or result.lift is None:
        if min(result.n_linked, result.n_unlinked) < result.min_per_group:
            return _(
                "Too few communications to tell: add at least %(min)d of each "
                "(now %(linked)d linked and %(unlinked)d unlinked with %(metric)s recorded)."
            ) % {
                "min": result.min_per_group,
                "linked": result.n_linked,
                "unlinked": result.n_unlinked,
                "metric": Metric(metric).label.lower(),
            }
        return _(
            "Too few communications to tell: the 95%% interval runs from %(low)s to %(high)s. "
            "Add more communications of each kind."
        ) % {"low": _signed(result.ci_low or 0), "high": _signed(result.ci_high or 0)}
    per_text = {Per.COST: _(" per euro spent"), Per.DAY: _(" per day")}.get(Per(per), "")
    values = {
        "did": _did(metric, result.lift) + per_text,
        "low": _signed(result.ci_low or 0),
        "high": _signed(result.ci_high or 0),
        "linked": result.n_linked,
        "unlinked": result.n_unlinked,
    }
    if result.method == PAIRED:
        text = _(
            "Linked communications %(did)s than their controls (95%% interval %(low)s to "
            "%(high)s), based on %(linked)d pairs."
        )
    else:
        text = _(
            "Linked communications %(did)s (95%% interval %(low)s to %(high)s), based on "
            "%(linked)d linked and %(unlinked)d unlinked."
        )
    said = text % values
    if result.verdict == NO_LIFT:
        return _("No lift shown: %(result)s The interval includes no difference at all.") % {
            "result": said
        }
    return said
