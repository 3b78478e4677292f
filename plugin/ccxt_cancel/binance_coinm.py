"""Built-in plugin (placeholder until its issue lands): declines every call."""

from __future__ import annotations
