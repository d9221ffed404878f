GREETING = 'grüß dich, 世界'
