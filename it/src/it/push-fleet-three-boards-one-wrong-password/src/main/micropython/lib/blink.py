def run():
    print('blink')
