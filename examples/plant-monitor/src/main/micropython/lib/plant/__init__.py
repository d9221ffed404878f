"""Plant monitor helpers: the moisture sensor, the status LED and the sampling schedule."""
