from django.db import models
from django.utils.translation import gettext_lazy as _


class TwoFactor(models.TextChoices):
    """Whether the account's login asks for a second factor."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class HardwareKind(models.TextChoices):
    LAPTOP = "laptop", _("Laptop")
    PHONE = "phone", _("Phone")
    TABLET = "tablet", _("Tablet")
    CAMERA = "camera", _("Camera")
    OTHER = "other", _("Other")


class HealthKind(models.TextChoices):
    """What the health check warns about."""

    NO_BACKUP_OWNER = "no_backup_owner", _("No backup owner")
    NO_TWO_FACTOR = "no_two_factor", _("No two-factor login")
    SHARED_CREDENTIALS = "shared_credentials", _("Shared credentials")
    DORMANT = "dormant", _("Dormant")
    UNOFFICIAL = "unofficial", _("Unofficial account")


# An account without activity for longer than this is dormant.
DORMANT_DAYS = 90
