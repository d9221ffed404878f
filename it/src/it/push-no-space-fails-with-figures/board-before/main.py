print('version 1 of the board code')
