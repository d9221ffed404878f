# Runs first at every reset: nothing to set up before main.py.
import gc
gc.collect()
