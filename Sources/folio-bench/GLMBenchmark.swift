func runGLMBenchmark(_ args: [String]) throws { print("glm benchmark: not yet written") }
