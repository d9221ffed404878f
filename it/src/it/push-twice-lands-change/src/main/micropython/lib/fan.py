def speed(temperature):
    return 0 if temperature < 25 else 100
