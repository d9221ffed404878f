from display import show

show('assets/sprites.bin')
