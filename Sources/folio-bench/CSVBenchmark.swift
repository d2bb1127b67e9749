func runCSVBenchmark(_ args: [String]) throws { print("csv benchmark: not yet written") }
