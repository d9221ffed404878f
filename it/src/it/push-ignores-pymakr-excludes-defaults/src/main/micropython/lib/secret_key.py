KEY = 'never on the board'
