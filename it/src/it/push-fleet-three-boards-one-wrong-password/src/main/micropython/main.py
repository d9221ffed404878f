import lib.blink
lib.blink.run()
