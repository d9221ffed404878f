print('pushed with the password of settings.xml')
