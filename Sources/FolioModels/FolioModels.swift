import FolioStats
