"""Signals of the units app: higher apps that keep figures per unit listen (see public.on_structure_change)."""

from django.dispatch import Signal

# The unit tree or its lineage was loaded from the unit files (inside the loading transaction).
structure_changed = Signal()
