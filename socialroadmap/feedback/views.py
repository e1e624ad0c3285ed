"""Pages of the feedback loop: the inbox, an item with its timeline and next steps,
creating an item (by hand or from a listening post), the figures and the targets.
Members read; contributors register and move items; conversation managers reassign,
delete and set the targets."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.core import exports
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.forms import run_service
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.excellence.models import EscalationRule
from socialroadmap.feedback import figures as feedback_figures
from socialroadmap.feedback import services
from socialroadmap.feedback.choices import NEXT_STATES, OPEN_STATES, ROUTING_KIND, State
from socialroadmap.feedback.forms import (
    AssignForm,
    FilterForm,
    ItemForm,
    PostItemForm,
    TargetsForm,
    TransitionForm,
)
from socialroadmap.feedback.models import FeedbackItem, overdue_reasons
from socialroadmap.feedback.statistics import days_between, hours_between
from socialroadmap.listening.models import Post
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view


def _can(request: OrganizationRequest, capability: Capability) -> bool:
    return request.membership.role_enum.allows(capability)


def _to_item(request: OrganizationRequest, item: FeedbackItem, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("feedback:item", org_slug=request.organization.slug, pk=item.pk)


def _annotate(items: list[FeedbackItem], request: OrganizationRequest) -> None:
    """Each item's missed targets, and whether the matrix has a rule for its cell."""
    now = timezone.now()
    targets = services.targets_by_kind(request.organization)
    cells = set(
        EscalationRule.objects.for_org(request.organization).values_list("kind", "severity")
    )
    for item in items:
        item.overdue = overdue_reasons(item, targets.get(item.kind), now)  # type: ignore[attr-defined]
        item.has_rule = (ROUTING_KIND[item.kind], item.severity) in cells  # type: ignore[attr-defined]


@org_view()
@require_safe
def inbox(request: OrganizationRequest) -> HttpResponse:
    """The items with filters, the counts per state, and which wait too long."""
    organization = request.organization
    form = FilterForm(request.GET or None, organization=organization)
    rows = FeedbackItem.objects.for_org(organization).select_related("owner")
    counts = Counter(rows.values_list("state", flat=True))
    chosen = form.cleaned_data if form.is_valid() else {}
    if chosen.get("state") == "open":
        rows = rows.filter(state__in=OPEN_STATES)
    elif chosen.get("state"):
        rows = rows.filter(state=chosen["state"])
    if chosen.get("kind"):
        rows = rows.filter(kind=chosen["kind"])
    if chosen.get("department"):
        rows = rows.filter(department=chosen["department"])
    if chosen.get("owner") == "none":
        rows = rows.filter(owner__isnull=True)
    elif chosen.get("owner"):
        rows = rows.filter(owner_id=int(chosen["owner"]))
    items = list(rows)
    _annotate(items, request)
    if chosen.get("overdue"):
        items = [item for item in items if item.overdue]
    unrouted = [i for i in items if i.is_open and i.owner_id is None and not i.has_rule]
    return render(
        request,
        "feedback/inbox.html",
        {
            "items": items,
            "form": form,
            "counts": [(label, counts.get(value, 0), value) for value, label in State.choices],
            "total": sum(counts.values()),
            "overdue_count": sum(1 for i in items if i.overdue),
            "unrouted": unrouted,
            "can_contribute": _can(request, Capability.CONTRIBUTE),
            "can_manage": _can(request, Capability.MANAGE),
        },
    )


@org_view()
@require_safe
def item(request: OrganizationRequest, pk: int) -> HttpResponse:
    """One item: its timeline and the buttons for its next steps."""
    row = get_scoped_or_404(
        FeedbackItem.objects.select_related("owner", "post"), request.organization, pk=pk
    )
    _annotate([row], request)
    steps = [
        (State.RECEIVED.label, row.received_at, None, ""),
        (State.ACKNOWLEDGED.label, row.acknowledged_at, row.acknowledged_by, ""),
        (State.ACTION_DECIDED.label, row.action_decided_at, row.action_decided_by, row.action),
        (State.DONE.label, row.done_at, row.done_by, ""),
        (State.REJECTED.label, row.rejected_at, row.rejected_by, row.rejection_reason),
    ]
    return render(
        request,
        "feedback/item.html",
        {
            "item": row,
            "steps": [s for s in steps if s[1] is not None],
            "next_states": [(s, State(s).label) for s in NEXT_STATES[row.state]],
            "hours_to_acknowledge": hours_between(row.received_at, row.acknowledged_at),
            "days_to_action": days_between(row.received_at, row.done_at),
            "assign_form": AssignForm(
                organization=request.organization, initial={"owner": row.owner_id}
            ),
            "can_contribute": _can(request, Capability.CONTRIBUTE),
            "can_manage": _can(request, Capability.MANAGE),
        },
    )


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def item_add(request: OrganizationRequest) -> HttpResponse:
    """Register feedback by hand; the escalation matrix chooses its owner."""
    form = ItemForm(request.POST or None, instance=FeedbackItem(organization=request.organization))
    if request.method == "POST":
        created = run_service(
            form,
            lambda: services.create_item(
                request.organization, actor=request.user, **form.changes()
            ),
        )
        if created is not None:
            return _to_item(request, created, _("Feedback registered."))
    return render(
        request, "feedback/item_form.html", {"form": form, "title": _("Register feedback")}
    )


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def from_post(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Route a listening post as feedback: a complaint when the post is negative."""
    post = get_scoped_or_404(Post.objects.all(), request.organization, pk=pk)
    initial = {
        "kind": "complaint" if post.sentiment == "negative" else "question",
        "title": services._title_of(post.text),
        "text": post.text,
        "customer_name": post.author,
    }
    form = PostItemForm(
        request.POST or None,
        instance=FeedbackItem(organization=request.organization),
        initial=initial,
    )
    if request.method == "POST":
        created = run_service(
            form,
            lambda: services.create_item_from_post(post, actor=request.user, **form.changes()),
        )
        if created is not None:
            return _to_item(request, created, _("Feedback registered."))
    return render(
        request,
        "feedback/item_form.html",
        {"form": form, "title": _("Route a post as feedback"), "post": post},
    )


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def item_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(FeedbackItem.objects.all(), request.organization, pk=pk)
    form = ItemForm(request.POST or None, instance=row)
    if request.method == "POST":
        saved = run_service(
            form, lambda: services.update_item(row, form.changes(), actor=request.user)
        )
        if saved is not None:
            return _to_item(request, saved, _("Feedback saved."))
    return render(
        request, "feedback/item_form.html", {"form": form, "title": row.title, "item": row}
    )


@org_view(Capability.CONTRIBUTE)
@require_POST
def item_transition(request: OrganizationRequest, pk: int) -> HttpResponse:
    """The next step of an item (acknowledge, decide the action, done, reject)."""
    row = get_scoped_or_404(FeedbackItem.objects.all(), request.organization, pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the next state."))
        return redirect("feedback:item", org_slug=request.organization.slug, pk=row.pk)
    try:
        services.transition_item(
            row,
            form.cleaned_data["state"],
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("feedback:item", org_slug=request.organization.slug, pk=row.pk)
    return _to_item(
        request,
        row,
        _("The item is now %(state)s.") % {"state": State(form.cleaned_data["state"]).label},
    )


@org_view(Capability.CONTRIBUTE)
@require_POST
def item_route(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Ask the escalation matrix again who takes the item."""
    row = get_scoped_or_404(FeedbackItem.objects.all(), request.organization, pk=pk)
    routed = services.route_item(row, actor=request.user)
    if routed.owner is None:
        messages.warning(request, _("No rule for this kind: add one in the centre of excellence."))
        return redirect("feedback:item", org_slug=request.organization.slug, pk=row.pk)
    return _to_item(request, routed, _("Routed to %(name)s.") % {"name": routed.owner.name})


@org_view(Capability.MANAGE)
@require_POST
def item_assign(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(FeedbackItem.objects.all(), request.organization, pk=pk)
    form = AssignForm(request.POST, organization=request.organization)
    if not form.is_valid():
        messages.error(request, _("Choose an active member of the centre of excellence."))
        return redirect("feedback:item", org_slug=request.organization.slug, pk=row.pk)
    services.assign_item(row, form.cleaned_data["owner"], actor=request.user)
    return _to_item(request, row, _("Owner saved."))


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def item_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(FeedbackItem.objects.all(), request.organization, pk=pk)
    if request.method == "POST":
        services.delete_item(row, actor=request.user)
        messages.success(request, _("Feedback deleted."))
        return redirect("feedback:inbox", org_slug=request.organization.slug)
    return render(request, "feedback/confirm_delete.html", {"item": row})


@org_view()
@require_safe
def figures(request: OrganizationRequest) -> HttpResponse:
    """Time to acknowledge and time to action per month and department."""
    return render(
        request,
        "feedback/figures.html",
        {"figures": feedback_figures.compute(request.organization)},
    )


@org_view(write=Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def targets(request: OrganizationRequest) -> HttpResponse:
    """The targets per kind of feedback; conversation managers change them."""
    current = services.targets_by_kind(request.organization)
    form = TargetsForm(request.POST or None, initial_targets=current)
    if request.method == "POST" and form.is_valid():
        try:
            for kind in _kinds():
                services.set_target(
                    request.organization,
                    kind,
                    acknowledge_hours=form.cleaned_data[f"{kind}_acknowledge_hours"],
                    action_days=form.cleaned_data[f"{kind}_action_days"],
                    actor=request.user,
                )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Targets saved."))
            return redirect("feedback:targets", org_slug=request.organization.slug)
    return render(
        request,
        "feedback/targets.html",
        {"form": form, "can_manage": _can(request, Capability.MANAGE)},
    )


def _kinds() -> list[str]:
    from socialroadmap.feedback.choices import FeedbackKind

    return list(FeedbackKind.values)


EXPORT_HEADER = (
    "id",
    "kind",
    "severity",
    "title",
    "source",
    "customer",
    "department",
    "owner",
    "state",
    "received_at",
    "acknowledged_at",
    "action_decided_at",
    "action",
    "done_at",
    "rejected_at",
    "rejection_reason",
    "hours_to_acknowledge",
    "days_to_action",
)


def export_rows(items: list[FeedbackItem]) -> list[list[Any]]:
    rows = []
    for row in items:
        acknowledge = hours_between(row.received_at, row.acknowledged_at)
        action = days_between(row.received_at, row.done_at)
        rows.append(
            [
                row.pk,
                row.kind,
                row.severity,
                row.title,
                row.source,
                row.customer_name,
                row.department,
                row.owner.name if row.owner else "",
                row.state,
                row.received_at,
                row.acknowledged_at,
                row.action_decided_at,
                row.action,
                row.done_at,
                row.rejected_at,
                row.rejection_reason,
                None if acknowledge is None else round(acknowledge, 1),
                None if action is None else round(action, 1),
            ]
        )
    return rows


@org_view()
@require_safe
def export(request: OrganizationRequest, export_format: str) -> Any:
    """The items with their timestamps and durations, as CSV or XLSX."""
    if export_format not in exports.FORMATS:
        raise Http404("no such format")
    items = list(
        FeedbackItem.objects.for_org(request.organization).select_related("owner").order_by("pk")
    )
    return exports.table_response(
        request.organization.slug, "feedback", export_format, EXPORT_HEADER, export_rows(items)
    )
