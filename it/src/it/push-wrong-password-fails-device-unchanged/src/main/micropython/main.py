print('version 2: must not reach the board')
