"""Optional speed-ups, behind one door (to be filled in)."""
