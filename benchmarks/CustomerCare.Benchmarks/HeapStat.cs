using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Diagnostics.Runtime;

namespace CustomerCare.Benchmarks;

/// <summary>
/// The profiler for item 3 (memory per circuit): <see cref="WriteDumpAsync"/> writes a core dump of this process
/// with the runtime's own <c>createdump</c> (the memory suite calls it with every circuit open when
/// <c>CUSTOMERCARE_BENCH_DUMP</c> names a folder), and <see cref="Report"/> reads two such dumps with ClrMD and
/// lists, per type, the live objects and bytes the first holds beyond the second, divided by the circuit count:
/// <c>dotnet run -c Release --project benchmarks/CustomerCare.Benchmarks -- heapstat board.dmp empty.dmp 100 [rows] [--detail]</c>.
/// With <c>--detail</c>, render-tree arrays are told apart by length and strings over 1,000 characters by how they
/// begin (how the 32-frame minimum and MudBlazor's theme stylesheet showed up).
/// </summary>
public static class HeapStat
{
    public const string DumpVariable = "CUSTOMERCARE_BENCH_DUMP";

    public static string? DumpFolder => Environment.GetEnvironmentVariable(DumpVariable) is { Length: > 0 } folder ? folder : null;

    public static async Task WriteDumpAsync(string folder, string name, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".dmp");
        var createdump = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "createdump");
        using var process = Process.Start(new ProcessStartInfo(createdump)
        {
            ArgumentList = { "--withheap", "--name", path, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new BenchmarkCheckException($"{createdump} did not start.");
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new BenchmarkCheckException($"createdump failed ({process.ExitCode}): {output}");
        }

        log.WriteLine($"   heap dump written: {path}");
    }

    /// <summary>Per type: live objects and bytes in <paramref name="dump"/> minus <paramref name="baseline"/>, divided by <paramref name="per"/>.</summary>
    public static string Report(string dump, string baseline, int per, int top = 40, bool detail = false)
    {
        var after = Live(dump, detail);
        var before = Live(baseline, detail);
        var rows = after
            .Select(a => (Type: a.Key, Count: (a.Value.Count - before.GetValueOrDefault(a.Key).Count) / (double)per,
                Bytes: (a.Value.Bytes - before.GetValueOrDefault(a.Key).Bytes) / (double)per))
            .OrderByDescending(r => r.Bytes)
            .ToList();
        var total = rows.Sum(r => r.Bytes);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Live objects in {Path.GetFileName(dump)} beyond {Path.GetFileName(baseline)}, per circuit ({per}): {total / 1024:F1} KiB");
        text.AppendLine();
        text.AppendLine("| type | objects | KiB | share |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var row in rows.Take(top))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{row.Type}` | {row.Count:F1} | {row.Bytes / 1024:F1} | {row.Bytes / total:P1} |");
        }

        return text.ToString();
    }

    /// <summary>Objects reachable from the roots (a dump also holds garbage not yet collected), by type name.</summary>
    private static Dictionary<string, (long Count, long Bytes)> Live(string path, bool detail)
    {
        using var target = DataTarget.LoadDump(path);
        // The dumps come from this machine's runtime, whose DAC sits beside it (no symbol server here; a dump
        // written with --withheap does not carry the version ClrMD compares, hence ignoreMismatch).
        var dac = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libmscordaccore.so");
        using var runtime = File.Exists(dac) ? target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true) : target.ClrVersions[0].CreateRuntime();
        var heap = runtime.Heap;
        var seen = new HashSet<ulong>();
        var pending = new Stack<ClrObject>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.IsValid && seen.Add(root.Object.Address))
            {
                pending.Push(root.Object);
            }
        }

        var byType = new Dictionary<string, (long Count, long Bytes)>(StringComparer.Ordinal);
        while (pending.TryPop(out var obj))
        {
            var name = detail ? DetailedName(obj) : obj.Type?.Name ?? "<unknown>";
            var (count, bytes) = byType.GetValueOrDefault(name);
            byType[name] = (count + 1, bytes + (long)obj.Size);
            foreach (var child in obj.EnumerateReferences())
            {
                if (child.IsValid && seen.Add(child.Address))
                {
                    pending.Push(child);
                }
            }
        }

        return byType;
    }

    private static string DetailedName(ClrObject obj)
    {
        var name = obj.Type?.Name ?? "<unknown>";
        return name.EndsWith("RenderTreeFrame[]", StringComparison.Ordinal) ? $"{name} of {obj.AsArray().Length}"
            : name == "System.String" && obj.Size > 2_000 ? $"{name} \"{obj.AsString(40)?.ReplaceLineEndings(" ")}…\""
            : name;
    }
}
