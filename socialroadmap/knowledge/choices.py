from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """The levels of the programme: the first is the basics every commercial employee
    needs; the next ones deepen it for the people who work with social media daily."""

    BASICS = 1, _("Level 1: basics")
    PRACTICE = 2, _("Level 2: practice")
    EXPERT = 3, _("Level 3: expert")


class CompletionSource(models.TextChoices):
    """How a completion came in."""

    MANAGER = "manager", _("Recorded by a manager")
    QUIZ = "quiz", _("Quiz")
    IMPORT = "import", _("Import")


LEVELS = tuple(Level)
# A quiz without a pass mark of its own asks this share of right answers (percent).
DEFAULT_PASS_MARK = 80
# Nobody gets a reminder more often than this.
REMINDER_INTERVAL_DAYS = 7
MIN_OPTIONS, MAX_OPTIONS = 2, 6
