import FolioStats
print(lapackVersion())
