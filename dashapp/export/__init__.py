"""Exports of a view for other systems: fhir.py (an HL7 FHIR R4B Bundle of what was
explained, or of where it hurts). Built from the clinical engine's results and the
checked data; no Dash, no I/O."""
