from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    WEBSITE = "website", _("Website or blog")
    NEWSLETTER = "newsletter", _("Newsletter")
    INSTAGRAM = "instagram", _("Instagram")
    FACEBOOK = "facebook", _("Facebook")
    LINKEDIN = "linkedin", _("LinkedIn")
    X = "x", _("X")
    TIKTOK = "tiktok", _("TikTok")
    YOUTUBE = "youtube", _("YouTube")
    MASTODON = "mastodon", _("Mastodon")
    BLUESKY = "bluesky", _("Bluesky")
    OTHER = "other", _("Other")


# The kinds the product can publish to through their API.
PUBLISHABLE_KINDS = frozenset({ChannelKind.MASTODON, ChannelKind.BLUESKY})


class ItemType(models.TextChoices):
    ALWAYS_ON = "always_on", _("Always-on")
    CAMPAIGN = "campaign", _("Campaign")


class ItemStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


# Statuses that count as "content planned" for the gap warnings.
PLANNED_STATUSES = (ItemStatus.APPROVED, ItemStatus.PUBLISHED)
# Statuses a contributor may give an item; the others need a conversation manager.
CONTRIBUTOR_STATUSES = frozenset({ItemStatus.IDEA, ItemStatus.DRAFT})

# Which status may follow which.
TRANSITIONS: dict[str, frozenset[str]] = {
    ItemStatus.IDEA: frozenset({ItemStatus.DRAFT, ItemStatus.CANCELLED}),
    ItemStatus.DRAFT: frozenset({ItemStatus.IDEA, ItemStatus.APPROVED, ItemStatus.CANCELLED}),
    ItemStatus.APPROVED: frozenset({ItemStatus.DRAFT, ItemStatus.PUBLISHED, ItemStatus.CANCELLED}),
    ItemStatus.PUBLISHED: frozenset(),
    ItemStatus.CANCELLED: frozenset({ItemStatus.IDEA}),
}
