def show(path):
    with open(path, 'rb') as f:
        return len(f.read())
