from django.db import models
from django.utils.translation import gettext_lazy as _


class PilotStatus(models.TextChoices):
    """A pilot's life: proposed, chosen, under way, being judged, then done or stopped."""

    CANDIDATE = "candidate", _("Candidate")
    SELECTED = "selected", _("Selected")
    RUNNING = "running", _("Running")
    EVALUATING = "evaluating", _("Evaluating")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


# Which status may follow which. A pilot can be stopped at any point before it is
# completed; a stopped candidate may be proposed again.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PilotStatus.CANDIDATE: (PilotStatus.SELECTED, PilotStatus.STOPPED),
    PilotStatus.SELECTED: (PilotStatus.RUNNING, PilotStatus.CANDIDATE, PilotStatus.STOPPED),
    PilotStatus.RUNNING: (PilotStatus.EVALUATING, PilotStatus.STOPPED),
    PilotStatus.EVALUATING: (PilotStatus.COMPLETED, PilotStatus.RUNNING, PilotStatus.STOPPED),
    PilotStatus.COMPLETED: (),
    PilotStatus.STOPPED: (PilotStatus.CANDIDATE,),
}
# Pilots still in play: the recommendation weighs these, not the finished ones.
OPEN_STATUSES = (
    PilotStatus.CANDIDATE,
    PilotStatus.SELECTED,
    PilotStatus.RUNNING,
    PilotStatus.EVALUATING,
)
# Pilots that were chosen: they are the calling card of social media in the company.
CHOSEN_STATUSES = (
    PilotStatus.SELECTED,
    PilotStatus.RUNNING,
    PilotStatus.EVALUATING,
    PilotStatus.COMPLETED,
)
# Pilots under way at the same time (for "several pilots at once").
ACTIVE_STATUSES = (PilotStatus.RUNNING, PilotStatus.EVALUATING)


class Decision(models.TextChoices):
    """What the retrospective decides about the pilot's future."""

    CONTINUE = "continue", _("Continue")
    STOP = "stop", _("Stop")
    SCALE = "scale", _("Scale up")


class KpiKind(models.TextChoices):
    """The three kinds of KPI every pilot carries."""

    INTRINSIC = "intrinsic", _("Project (intrinsic)")
    LEARNING = "learning", _("Learning")
    CHANGE = "change", _("Change management")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class KpiStatus(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    NOT_MEASURED = "not_measured", _("Not measured")


class Criterion(models.TextChoices):
    """The model's three criteria of the ideal pilot."""

    FIT = "fit", _("Fits the organisation")
    RETURN = "return", _("Immediate return")
    LEARNING = "learning", _("Raises the learning curve")


SCORE_MIN = 1
SCORE_MAX = 5
DEFAULT_THRESHOLD = 4
