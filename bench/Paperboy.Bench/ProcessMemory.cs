using System.Globalization;

namespace Paperboy.Bench;

/// <summary>The process's resident memory as Linux reports it: total, anonymous (heap) and file-backed (mapped files) parts.</summary>
internal readonly record struct ProcessMemory(long RssBytes, long AnonymousBytes, long FileBytes)
{
    public static ProcessMemory Now()
    {
        // Freed native and managed memory goes back first, so the figure is what the live objects hold.
        GCSettingsCompaction();
        long Field(string name) => File.ReadLines("/proc/self/status")
            .Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024)
            .FirstOrDefault();
        return new ProcessMemory(Field("VmRSS"), Field("RssAnon"), Field("RssFile"));
    }

    public string Describe() => $"{RssBytes / 1e9:F2} GB (anonymous {AnonymousBytes / 1e9:F2} GB, file-backed {FileBytes / 1e9:F2} GB)";

    private static void GCSettingsCompaction()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
