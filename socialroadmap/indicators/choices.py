from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """What an indicator measures. The first group the product computes from its own
    data; the others come in by hand, from a CSV file or through the API."""

    CONVERSATION_VOLUME = "conversation_volume", _("Conversation volume")
    SENTIMENT = "sentiment", _("Average sentiment")
    NET_SENTIMENT = "net_sentiment", _("Net sentiment")
    SHARE_OF_VOICE = "share_of_voice", _("Share of voice")
    RESPONSE_TIME = "response_time", _("Response time")
    TIME_TO_ACTION = "time_to_action", _("Time to action")
    REACH = "reach", _("Reach")
    ENGAGEMENT = "engagement", _("Engagement")
    CSAT = "csat", _("Customer satisfaction (CSAT)")
    NPS = "nps", _("Net promoter score (NPS)")
    ENPS = "enps", _("Employee satisfaction (eNPS)")
    HIRES = "hires", _("People hired through social media")
    LEADS = "leads", _("Leads through social media")
    CUSTOM = "custom", _("Other (own measure)")


# Where the product computes a metric's values from: the listening data (a query's
# posts), the feedback loop (its timestamps) or the content calendar (item metrics).
COMPUTED_FROM: dict[str, str] = {
    Metric.CONVERSATION_VOLUME: "listening",
    Metric.SENTIMENT: "listening",
    Metric.NET_SENTIMENT: "listening",
    Metric.SHARE_OF_VOICE: "listening",
    Metric.RESPONSE_TIME: "feedback",
    Metric.TIME_TO_ACTION: "feedback",
    Metric.REACH: "content",
    Metric.ENGAGEMENT: "content",
}

# Metrics where a lower value is better (the default direction of a new indicator).
LOWER_IS_BETTER = (Metric.RESPONSE_TIME, Metric.TIME_TO_ACTION)


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Period(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class Origin(models.TextChoices):
    """Where one value came from."""

    COMPUTED = "computed", _("Computed")
    MANUAL = "manual", _("By hand")
    IMPORT = "import", _("Imported")
    API = "api", _("API")


class Status(models.TextChoices):
    """An indicator's latest value against its target."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_TARGET = "no_target", _("No target")
    NO_DATA = "no_data", _("No data")


# Within this share of the target (on the wrong side) a value is "at risk" rather
# than "off track", unless the indicator sets its own tolerance.
DEFAULT_TOLERANCE_PERCENT = 10
