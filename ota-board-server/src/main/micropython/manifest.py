# Freezes the OTA server into a MicroPython firmware, for boards whose heap cannot hold its code (docs/BOARDS.md):
# frozen, the code stays in flash and only the objects that running it creates take heap. From the firmware's
# own manifest (ports/<port>/boards/<board>/manifest.py, or a copy of it named in FROZEN_MANIFEST):
#
#     include("$(PORT_DIR)/boards/manifest.py")
#     include("/path/to/ota-board-server/src/main/micropython/manifest.py")
#
# Then build the firmware as usual (make BOARD=... FROZEN_MANIFEST=...). The board's main.py stays as it is:
# `from ota import OTAUpdater` finds the frozen package.

package("ota")
