# dropped from the project before the second push
