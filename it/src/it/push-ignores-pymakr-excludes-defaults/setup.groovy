// Files that git or invoker's own cloning would not carry (SCM files, editor backups, caches): made here.
File src = new File(basedir, 'src/main/micropython')
new File(src, '.gitignore').text = '*.log\n'
new File(src, '.DS_Store').bytes = [0, 0, 0, 1, 66, 117, 100, 49] as byte[]
new File(src, 'main.py~').text = "print('an editor backup')\n"
new File(src, '__pycache__').mkdirs()
new File(src, '__pycache__/main.cpython-311.pyc').bytes = [0xa7, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0] as byte[]
new File(src, 'lib/__pycache__').mkdirs()
new File(src, 'lib/__pycache__/util.cpython-311.pyc').bytes = [0xa7, 0x0d, 0x0d, 0x0a, 1, 2, 3, 4] as byte[]
new File(src, '.git').mkdirs()
new File(src, '.git/HEAD').text = 'ref: refs/heads/main\n'
true
