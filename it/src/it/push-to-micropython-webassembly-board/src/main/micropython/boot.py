# Runs at every reset: start the OTA server (installed by mvn ota:install-server) in the background.
import _thread
from ota import OTAUpdater

_thread.start_new_thread(OTAUpdater().start_server, ())
