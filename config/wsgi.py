import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, templates) lives as long as the process: move it out
# of the garbage collector's view so full collections during requests stay short. With gunicorn's
# --preload the workers share these pages copy-on-write too.
gc.freeze()
