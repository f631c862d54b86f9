using System.Globalization;
using System.Runtime.InteropServices;

namespace CustomerCare.Benchmarks;

/// <summary>The machine a figure was measured on, load included: the figures mean little without it.</summary>
public static class Machine
{
    public static string Describe()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({Cpu()}), {memory:F0} GiB RAM, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {Load()}");
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Cpu()
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
