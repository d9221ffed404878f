import capteur
