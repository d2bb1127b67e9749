import FolioRender
print(cmarkVersionString())
