from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """The kind of communication, outside the social platforms themselves."""

    NEWSLETTER = "newsletter", _("Newsletter")
    PRINT_AD = "print_ad", _("Print ad")
    TV_RADIO = "tv_radio", _("TV or radio")
    EVENT = "event", _("Event")
    PRESS_RELEASE = "press_release", _("Press release")
    WEBSITE_BANNER = "website_banner", _("Website banner")
    EMAIL_CAMPAIGN = "email_campaign", _("E-mail campaign")
    OTHER = "other", _("Other")


class SocialLink(models.TextChoices):
    """How a communication points to the social platforms."""

    HASHTAG = "hashtag", _("Hashtag")
    SHARE_BUTTONS = "share_buttons", _("Share buttons")
    CALL_TO_ACTION = "call_to_action", _("Social call to action")
    CROSS_POSTING = "cross_posting", _("Cross-posting")


class Metric(models.TextChoices):
    """The outcome the lift is measured on."""

    REACH = "reach", _("Reach")
    VISITS = "visits", _("Visits")
    LEADS = "leads", _("Leads")
    SALES = "sales", _("Sales")
    REVENUE = "revenue", _("Revenue")


class Per(models.TextChoices):
    """What an outcome is divided by before comparing."""

    NOTHING = "", _("as counted")
    COST = "cost", _("per euro spent")
    DAY = "day", _("per day")


# The outcomes a communication may carry, in the order of the table.
OUTCOMES = ("reach", "visits", "leads", "sales", "revenue")
# The range the original research reports (a claim; nobody measured it publicly).
REPORTED_LOW, REPORTED_HIGH = 0.10, 0.15
