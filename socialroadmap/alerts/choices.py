from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertKind(models.TextChoices):
    """What a rule watches: the number of posts, or the share of negative posts."""

    VOLUME = "volume", _("Volume spike")
    NEGATIVE_SHARE = "negative_share", _("Negative share spike")


# A volume spike is a factor over the baseline; a negative share spike is percentage
# points over the baseline's negative share.
DEFAULT_THRESHOLDS = {AlertKind.VOLUME: 3.0, AlertKind.NEGATIVE_SHARE: 20.0}
