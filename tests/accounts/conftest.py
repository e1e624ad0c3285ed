import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_counters(settings) -> None:
    """The reset-mail counter lives in the cache, which outlives a test; django-otp's
    growing pause after a wrong code would make tests wait (our own limits are tested)."""
    cache.clear()
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
