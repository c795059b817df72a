"""The app and its WSGI entry: `gunicorn -c gunicorn.conf.py dashapp.app:server`.

Importing this module builds the app (dashapp.server.factory); a broken data file
stops it with one line naming the file, line and column.
"""
from dashapp.datafiles.locations import DataError
from dashapp.server.factory import create_app, stop

try:
    app = create_app()
except DataError as error:
    stop(error)
server = app.server
