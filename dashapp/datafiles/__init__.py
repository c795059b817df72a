"""Reading and checking the data files (data/*.csv) into the model (dashapp.model).

- locations.py   where the files are; DataError, which names file, line and column
- tables.py      pandas + pandera: read one CSV against its declared schema
- anatomy_schema.py, clinical_schema.py   each file's schema and the checks that span files
- cache.py       the checked model kept between starts (a server never imports pandas)
"""
