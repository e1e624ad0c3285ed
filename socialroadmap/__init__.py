"""socialroadmap: the four-stage roadmap for integrating social media into a company."""

__version__ = "0.1.0"
