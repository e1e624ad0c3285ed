from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStage(models.TextChoices):
    """How far social media is in a department's plan (the integration map's steps)."""

    NOT_STARTED = "not_started", _("Not started")
    DRAFTING = "drafting", _("Being written")
    AGREED = "agreed", _("Agreed")
    IN_EXECUTION = "in_execution", _("In execution")
    EVALUATED = "evaluated", _("Evaluated")


# The order of the stages, for the map's progress (0 = not started … 4 = evaluated).
STAGE_STEP = {stage: step for step, stage in enumerate(PlanStage.values)}


class ObjectiveStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")
