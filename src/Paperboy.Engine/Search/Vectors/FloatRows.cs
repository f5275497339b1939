using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Paperboy.Search.Vectors;

/// <summary>The exact float vectors of an index by row: in memory, or in a scratch file that rescoring re-reads.</summary>
/// <remarks>
/// The file keeps a million 384-dimensional vectors (1.5 GB) out of the process: a search re-reads only the few
/// hundred rows it rescores, and the operating system's file cache, not the process, holds what is hot.
/// The file is private to one index and deleted when the index is disposed.
/// </remarks>
internal sealed class FloatRows : IDisposable
{
    private readonly int _dimension;
    private readonly SafeFileHandle? _file;
    private float[] _memory;

    private FloatRows(int dimension, SafeFileHandle? file)
    {
        _dimension = dimension;
        _file = file;
        _memory = file is null ? new float[dimension * 64] : [];
    }

    public static FloatRows InMemory(int dimension) => new(dimension, null);

    /// <summary>Rows in a new scratch file in <paramref name="folder"/>, named after <paramref name="modelName"/>.</summary>
    public static FloatRows InFile(int dimension, string folder, string modelName)
    {
        try
        {
            Directory.CreateDirectory(folder);
            RemoveOrphans(folder);
            var path = Path.Combine(folder, $"vectors-{modelName}-{Environment.ProcessId}-{Guid.NewGuid():N}.f32");
            var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
            return new FloatRows(dimension, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{folder}: cannot create the vector file of {modelName}: {e.Message}", e);
        }
    }

    /// <summary>Deletes the scratch files of processes that no longer run (killed before they could delete their own).</summary>
    /// <remarks>Files are named <c>vectors-MODEL-PID-GUID.f32</c>; another live process's files are left alone.</remarks>
    private static void RemoveOrphans(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "vectors-*.f32"))
        {
            var parts = Path.GetFileNameWithoutExtension(path).Split('-');
            if (parts.Length >= 4 && int.TryParse(parts[^2], CultureInfo.InvariantCulture, out var processId) && !IsRunning(processId))
            {
                try
                {
                    File.Delete(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another process removing the same orphan, or a file still held: it is not ours to insist on.
                }
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The first <paramref name="rows"/> rows moved into a new scratch file; these in-memory rows are dropped.</summary>
    public FloatRows MoveToFile(int rows, string folder, string modelName)
    {
        var moved = InFile(_dimension, folder, modelName);
        try
        {
            RandomAccess.Write(moved._file!, MemoryMarshal.AsBytes(_memory.AsSpan(0, rows * _dimension)), 0);
        }
        catch
        {
            moved.Dispose();
            throw;
        }

        _memory = [];
        return moved;
    }

    /// <summary>True when the rows live in a file rather than in the process.</summary>
    public bool InFileStorage => _file is not null;

    /// <summary>Bytes held in the process for the rows.</summary>
    public long MemoryBytes => (long)_memory.Length * sizeof(float);

    /// <summary>Stores the vector of <paramref name="row"/> (one writer at a time).</summary>
    public void Write(int row, ReadOnlySpan<float> vector)
    {
        if (_file is not null)
        {
            RandomAccess.Write(_file, MemoryMarshal.AsBytes(vector), Offset(row));
            return;
        }

        var end = (row + 1) * _dimension;
        if (end > _memory.Length)
        {
            Array.Resize(ref _memory, Math.Max(end, _memory.Length * 2));
        }

        vector.CopyTo(_memory.AsSpan(row * _dimension, _dimension));
    }

    /// <summary>Reads the vector of <paramref name="row"/> into <paramref name="vector"/> (safe from many threads).</summary>
    public void Read(int row, Span<float> vector)
    {
        if (_file is null)
        {
            _memory.AsSpan(row * _dimension, _dimension).CopyTo(vector);
            return;
        }

        var bytes = MemoryMarshal.AsBytes(vector[.._dimension]);
        if (RandomAccess.Read(_file, bytes, Offset(row)) != bytes.Length)
        {
            throw new IOException($"vector file of the index: row {row} is short (the file was truncated).");
        }
    }

    /// <summary>The row in place when it is in memory; otherwise read into <paramref name="buffer"/>.</summary>
    public ReadOnlySpan<float> View(int row, Span<float> buffer)
    {
        if (_file is null)
        {
            return _memory.AsSpan(row * _dimension, _dimension);
        }

        Read(row, buffer);
        return buffer[.._dimension];
    }

    public void Dispose() => _file?.Dispose();

    private long Offset(int row) => (long)row * _dimension * sizeof(float);
}
