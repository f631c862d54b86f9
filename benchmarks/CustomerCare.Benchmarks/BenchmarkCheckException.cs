namespace CustomerCare.Benchmarks;

/// <summary>A suite found a wrong result (a counter that disagrees with its rows, a page that differs): the run fails.</summary>
public sealed class BenchmarkCheckException(string message) : Exception(message);
