import logger

logger.run()
