// FolioModels: statistical models fitted on FolioData frames with FolioStats'
// linear algebra and distributions. GLM/ holds the generalized linear model:
// links, families, formula and design, IRLS, results and covariances.
