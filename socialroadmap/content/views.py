"""Pages of the content calendar: the week or month with its warnings, the channels,
the items with their status and figures, the always-on share and the exports.

Members read; contributors add and edit ideas and drafts; conversation managers
approve, publish, delete and configure the channels."""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.content import insights, publishing, services
from socialroadmap.content.choices import (
    PUBLISHABLE_KINDS,
    TRANSITIONS,
    ItemStatus,
)
from socialroadmap.content.forms import (
    CalendarFilterForm,
    ChannelForm,
    ItemForm,
    MetricsForm,
    MetricsImportForm,
    NewItemForm,
    SettingsForm,
)
from socialroadmap.content.models import Channel, ContentItem, ItemMetrics
from socialroadmap.content.planning import week_start
from socialroadmap.core import exports
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.forms import run_service
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view, require


def _can(request: OrganizationRequest, capability: Capability) -> bool:
    return request.membership.role_enum.allows(capability)


def _item(request: OrganizationRequest, pk: int) -> ContentItem:
    item: ContentItem = get_scoped_or_404(
        ContentItem.objects.select_related("channel", "approved_by"), request.organization, pk=pk
    )
    return item


def _to_item(request: OrganizationRequest, item: ContentItem, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("content:item", org_slug=request.organization.slug, pk=item.pk)


# --- the calendar -----------------------------------------------------------------------


@dataclass
class Day:
    day: date
    items: list[ContentItem]
    empty_warning: bool
    in_month: bool = True

    @property
    def is_today(self) -> bool:
        return self.day == timezone.localdate()


def _start(request: OrganizationRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        return timezone.localdate()


def _filtered(request: OrganizationRequest) -> tuple[CalendarFilterForm, QuerySet[ContentItem]]:
    form = CalendarFilterForm(request.GET or None, organization=request.organization)
    rows = ContentItem.objects.for_org(request.organization).select_related("channel")
    if form.is_valid():
        data = form.cleaned_data
        if data["channel"]:
            rows = rows.filter(channel=data["channel"])
        if data["department"]:
            rows = rows.filter(department=data["department"])
        if data["status"]:
            rows = rows.filter(status=data["status"])
        else:
            rows = rows.exclude(status=ItemStatus.CANCELLED)
    else:
        rows = rows.exclude(status=ItemStatus.CANCELLED)
    return form, rows


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _in_range(
    rows: QuerySet[ContentItem], first: date, last: date
) -> dict[date, list[ContentItem]]:
    begin, end = _aware(first), _aware(last + timedelta(days=1))
    found = rows.filter(
        Q(published_at__gte=begin, published_at__lt=end)
        | Q(published_at__isnull=True, planned_at__gte=begin, planned_at__lt=end)
    )
    by_day: dict[date, list[ContentItem]] = {}
    for item in found:
        day = insights.local_day(item)
        if day is not None:
            by_day.setdefault(day, []).append(item)
    for items in by_day.values():
        items.sort(key=lambda item: (item.day, item.pk))
    return by_day


@org_view()
@require_safe
def calendar(request: OrganizationRequest) -> HttpResponse:
    """A week (Monday to Sunday) or a month of content, the ideas not planned yet and,
    on top, the coming days without content."""
    month_view = request.GET.get("view") == "month"
    anchor = _start(request)
    form, rows = _filtered(request)
    if month_view:
        first_of_month = anchor.replace(day=1)
        last_of_month = first_of_month.replace(
            day=month_calendar.monthrange(anchor.year, anchor.month)[1]
        )
        first = week_start(first_of_month)
        last = week_start(last_of_month) + timedelta(days=6)
        previous = (first_of_month - timedelta(days=1)).replace(day=1)
        following = last_of_month + timedelta(days=1)
    else:
        first = week_start(anchor)
        last = first + timedelta(days=6)
        previous, following = first - timedelta(days=7), first + timedelta(days=7)
    gaps = insights.content_gaps(request.organization)
    empty = set(gaps.empty)
    by_day = _in_range(rows, first, last)
    cells = [
        Day(
            day,
            by_day.get(day, []),
            day in empty,
            not month_view or day.month == anchor.month,
        )
        for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
    ]
    weeks = [cells[n : n + 7] for n in range(0, len(cells), 7)]
    query = request.GET.copy()
    for name in ("start",):
        query.pop(name, None)
    return render(
        request,
        "content/calendar.html",
        {
            "month_view": month_view,
            "first": first,
            "last": last,
            "anchor": anchor,
            "weeks": weeks,
            "previous": previous,
            "following": following,
            "filters": form,
            "query": query.urlencode(),
            "ideas": list(rows.filter(planned_at__isnull=True, published_at__isnull=True)),
            "gaps": gaps,
            "has_channels": Channel.objects.for_org(request.organization).exists(),
            "can_contribute": _can(request, Capability.CONTRIBUTE),
            "can_manage": _can(request, Capability.MANAGE),
        },
    )


# --- performance and the always-on share ------------------------------------------------

CHART_HEIGHT = 160
BAR_WIDTH = 36
BAR_GAP = 12


@org_view()
@require_safe
def performance(request: OrganizationRequest) -> HttpResponse:
    """Per week the always-on share of what was published (a bar chart and a table),
    and the figures per channel."""
    shares = insights.weekly_shares(request.organization)
    bars = []
    for index, week in enumerate(shares):
        share = week.share
        height = round((share or 0) * CHART_HEIGHT)
        bars.append(
            {
                "week": week,
                "percent": None if share is None else round(share * 100),
                "x": 40 + index * (BAR_WIDTH + BAR_GAP),
                "y": 10 + CHART_HEIGHT - height,
                "height": height,
                "label_x": 40 + index * (BAR_WIDTH + BAR_GAP) + BAR_WIDTH // 2,
            }
        )
    return render(
        request,
        "content/performance.html",
        {
            "bars": bars,
            "chart": {
                "width": 40 + len(shares) * (BAR_WIDTH + BAR_GAP),
                "height": CHART_HEIGHT + 40,
                "bar_width": BAR_WIDTH,
                "base_y": 10 + CHART_HEIGHT,
                "half_y": 10 + CHART_HEIGHT // 2,
                "label_y": CHART_HEIGHT + 28,
            },
            "channels": insights.channel_figures(request.organization),
            "metric_names": [name for name in services.METRIC_FIELDS if name != "measured_at"],
        },
    )


@org_view(Capability.VIEW, write=Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def settings_page(request: OrganizationRequest) -> HttpResponse:
    form = SettingsForm(
        request.POST or None, initial={"gap_days": services.gap_days(request.organization)}
    )

    def save() -> object:
        return services.update_settings(
            request.organization, gap_days=form.cleaned_data["gap_days"], actor=request.user
        )

    if request.method == "POST" and run_service(form, save) is not None:
        messages.success(request, _("Settings saved."))
        return redirect("content:calendar", org_slug=request.organization.slug)
    return render(
        request,
        "content/settings.html",
        {"form": form, "can_manage": _can(request, Capability.MANAGE)},
    )


# --- channels ---------------------------------------------------------------------------


def _channel_save(form: ChannelForm, save: Any) -> bool:
    return (
        run_service(form, lambda: save(form.changes(), form.cleaned_data.get("credential")) or True)
        is not None
    )


@org_view(write=Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def channels(request: OrganizationRequest) -> HttpResponse:
    """The owned media channels; conversation managers add one with the form beside them."""
    form = ChannelForm(request.POST or None, instance=Channel(organization=request.organization))

    def save(changes: dict[str, Any], credential: str | None) -> object:
        return services.create_channel(
            request.organization, actor=request.user, credential=credential, **changes
        )

    if request.method == "POST" and _channel_save(form, save):
        messages.success(request, _("Channel saved."))
        return redirect("content:channels", org_slug=request.organization.slug)
    return render(
        request,
        "content/channels.html",
        {
            "channels": list(Channel.objects.for_org(request.organization)),
            "form": form,
            "can_manage": _can(request, Capability.MANAGE),
        },
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def channel_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    channel = get_scoped_or_404(Channel.objects.all(), request.organization, pk=pk)
    form = ChannelForm(request.POST or None, instance=channel)
    title = str(channel)

    def save(changes: dict[str, Any], credential: str | None) -> object:
        return services.update_channel(channel, changes, actor=request.user, credential=credential)

    if request.method == "POST" and _channel_save(form, save):
        messages.success(request, _("Channel saved."))
        return redirect("content:channels", org_slug=request.organization.slug)
    return render(
        request,
        "content/channel_form.html",
        {"form": form, "title": title, "credential_stored": bool(channel.credential)},
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def channel_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    channel = get_scoped_or_404(Channel.objects.all(), request.organization, pk=pk)
    if request.method == "POST":
        services.delete_channel(channel, actor=request.user)
        messages.success(request, _("Channel deleted."))
        return redirect("content:channels", org_slug=request.organization.slug)
    return render(
        request,
        "content/channel_delete.html",
        {"channel": channel, "items": list(channel.items.all())},
    )


# --- items ------------------------------------------------------------------------------


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def item_add(request: OrganizationRequest) -> HttpResponse:
    """A new idea or draft; ``?day=`` plans it on that day at ten."""
    initial: dict[str, Any] = {}
    try:
        day = date.fromisoformat(request.GET.get("day", ""))
        initial["planned_at"] = datetime.combine(day, datetime.min.time()).replace(hour=10)
    except ValueError:
        pass
    form = NewItemForm(
        request.POST or None,
        instance=ContentItem(organization=request.organization),
        organization=request.organization,
        initial=initial,
    )

    def save() -> ContentItem:
        return services.create_item(request.organization, actor=request.user, **form.changes())

    if request.method == "POST" and (item := run_service(form, save)) is not None:
        return _to_item(request, item, _("Item added."))
    return render(request, "content/item_form.html", {"form": form, "title": _("New content item")})


@org_view()
@require_safe
def item_detail(request: OrganizationRequest, pk: int) -> HttpResponse:
    """The item with its status, what may happen next, its figures and any error."""
    item = _item(request, pk)
    manage = _can(request, Capability.MANAGE)
    contribute = _can(request, Capability.CONTRIBUTE)
    steps = [
        (status, ItemStatus(status).label)
        for status in ItemStatus.values
        if status in TRANSITIONS[item.status]
        and (manage or (contribute and not services.needs_manager(item, status)))
    ]
    return render(
        request,
        "content/item.html",
        {
            "item": item,
            "steps": steps,
            "metrics": ItemMetrics.objects.for_org(request.organization).filter(item=item).first(),
            "can_edit": manage or (contribute and not services.needs_manager(item)),
            "can_manage": manage,
            "can_publish": manage
            and item.status == ItemStatus.APPROVED
            and item.channel is not None
            and item.channel.kind in PUBLISHABLE_KINDS,
        },
    )


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def item_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if services.needs_manager(item):
        require(request.membership, Capability.MANAGE)
    title = str(item)
    form = ItemForm(request.POST or None, instance=item, organization=request.organization)

    def save() -> ContentItem:
        return services.update_item(item, form.changes(), actor=request.user)

    if request.method == "POST" and run_service(form, save) is not None:
        return _to_item(request, item, _("Item saved."))
    return render(request, "content/item_form.html", {"form": form, "title": title, "item": item})


@org_view(Capability.CONTRIBUTE)
@require_POST
def item_transition(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Move the item to the posted status; approving, publishing and cancelling (and any
    change to an approved item) are a conversation manager's."""
    item = _item(request, pk)
    status = request.POST.get("status", "")
    if services.needs_manager(item, status):
        require(request.membership, Capability.MANAGE)
    try:
        services.transition_item(
            item, status, actor=request.user, published_url=request.POST.get("published_url")
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("content:item", org_slug=request.organization.slug, pk=item.pk)
    return _to_item(request, item, _("Status changed."))


@org_view(Capability.MANAGE)
@require_POST
def item_publish(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Publish now through the channel's API (a background job)."""
    item = _item(request, pk)
    try:
        publishing.queue_publish(item, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("content:item", org_slug=request.organization.slug, pk=item.pk)
    return _to_item(request, item, _("Publishing started."))


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def item_metrics(request: OrganizationRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    existing = ItemMetrics.objects.for_org(request.organization).filter(item=item).first()
    form = MetricsForm(request.POST or None, instance=existing)

    def save() -> object:
        return services.set_metrics(item, form.changes(), actor=request.user)

    if request.method == "POST" and run_service(form, save) is not None:
        return _to_item(request, item, _("Figures saved."))
    return render(
        request, "content/item_form.html", {"form": form, "title": str(item), "item": item}
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def item_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if request.method == "POST":
        services.delete_item(item, actor=request.user)
        messages.success(request, _("Item deleted."))
        return redirect("content:calendar", org_slug=request.organization.slug)
    return render(request, "content/item_delete.html", {"item": item})


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def metrics_import(request: OrganizationRequest) -> HttpResponse:
    """Upload figures as CSV; the page then shows what was kept and each refused line."""
    posted = request.method == "POST"
    form = MetricsImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        try:
            result = services.import_metrics_csv(
                request.organization, form.cleaned_data["file"], actor=request.user
            )
        except ServiceError as error:
            form.add_error("file", error.message)
    return render(request, "content/metrics_import.html", {"form": form, "result": result})


EXPORT_HEADER = (
    "id",
    "title",
    "channel",
    "type",
    "campaign",
    "status",
    "department",
    "owner",
    "planned_at",
    "published_at",
    "published_url",
    *(name for name in services.METRIC_FIELDS),
)


@org_view()
@require_safe
def items_export(request: OrganizationRequest, export_format: str) -> Any:
    """The items with their figures as CSV or XLSX."""
    if export_format not in exports.FORMATS:
        raise Http404("no such format")
    rows = (
        ContentItem.objects.for_org(request.organization)
        .select_related("channel", "metrics")
        .order_by("planned_at", "pk")
    )

    def line(item: ContentItem) -> list[Any]:
        metrics = getattr(item, "metrics", None)
        return [
            item.pk,
            item.title,
            item.channel.name if item.channel else "",
            item.item_type,
            item.campaign,
            item.status,
            item.department,
            item.owner,
            _local(item.planned_at),
            _local(item.published_at),
            item.published_url,
            *(getattr(metrics, name, None) for name in services.METRIC_FIELDS),
        ]

    return exports.table_response(
        request.organization.slug,
        "content-items",
        export_format,
        EXPORT_HEADER,
        (line(item) for item in rows),
    )


def _local(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
