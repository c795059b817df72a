"""The checked data as immutable Python objects: coordinates (anatomy.py), medicine
(clinical_data.py) and the plain words for patients (glossary.py). No I/O, no Dash."""
