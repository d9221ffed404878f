import os

for name in os.listdir('données'):
    print(name)
